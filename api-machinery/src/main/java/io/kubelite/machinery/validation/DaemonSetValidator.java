package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDaemonSet;
import java.util.ArrayList;
import java.util.List;

/**
 * DaemonSet specs. A daemon set rolls one node at a time either by deleting first
 * (maxUnavailable &gt; 0, maxSurge = 0) or by surging first (maxSurge &gt; 0, maxUnavailable = 0);
 * exactly one of the two must be non-zero.
 */
final class DaemonSetValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");

    private DaemonSetValidator() {
    }

    static List<FieldError> validate(DaemonSet daemonSet) {
        DaemonSetSpec spec = daemonSet.getSpec() == null ? new DaemonSetSpec() : daemonSet.getSpec();
        List<FieldError> errs = new ArrayList<>();
        PodTemplateSpec template = WorkloadRules.orEmpty(spec.getTemplate());
        FieldPath templatePath = SPEC.child("template");
        errs.addAll(WorkloadRules.requiredSelector(spec.getSelector(), SPEC.child("selector"), "daemonset"));
        errs.addAll(WorkloadRules.selectorMatchesTemplate(spec.getSelector(), template, templatePath));
        errs.addAll(PodSpecValidator.template(template, templatePath));
        String restart = PodSpecValidator.restartPolicy(template);
        if (!restart.equals("Always")) {
            errs.add(FieldError.notSupported(templatePath.child("spec", "restartPolicy"), restart, List.of("Always")));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.invalid(templatePath.child("spec", "activeDeadlineSeconds"),
                    template.getSpec().getActiveDeadlineSeconds(), "activeDeadlineSeconds in DaemonSet is not Supported"));
        }
        Checks.nonNegative(errs, SPEC.child("minReadySeconds"), spec.getMinReadySeconds());
        errs.addAll(updateStrategy(spec.getUpdateStrategy(), SPEC.child("updateStrategy")));
        Checks.nonNegative(errs, SPEC.child("revisionHistoryLimit"), spec.getRevisionHistoryLimit());
        return errs;
    }

    private static List<FieldError> updateStrategy(DaemonSetUpdateStrategy strategy, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = strategy == null ? "RollingUpdate" : Checks.or(strategy.getType(), "RollingUpdate");
        switch (type) {
            case "OnDelete" -> {
            }
            case "RollingUpdate" -> {
                RollingUpdateDaemonSet rolling = strategy == null ? null : strategy.getRollingUpdate();
                if (rolling != null) {
                    errs.addAll(rollingUpdate(rolling, path.child("rollingUpdate")));
                }
            }
            default -> errs.add(FieldError.notSupported(path.child("type"), type, List.of("RollingUpdate", "OnDelete")));
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDaemonSet rolling, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        errs.addAll(WorkloadRules.positiveIntOrPercent(rolling.getMaxUnavailable(), path.child("maxUnavailable")));
        errs.addAll(WorkloadRules.positiveIntOrPercent(rolling.getMaxSurge(), path.child("maxSurge")));
        errs.addAll(WorkloadRules.notMoreThan100Percent(rolling.getMaxUnavailable(), path.child("maxUnavailable")));
        errs.addAll(WorkloadRules.notMoreThan100Percent(rolling.getMaxSurge(), path.child("maxSurge")));
        boolean unavailable = rolling.getMaxUnavailable() == null
                ? true : WorkloadRules.intOrPercentValue(rolling.getMaxUnavailable()) != 0;
        boolean surge = WorkloadRules.intOrPercentValue(rolling.getMaxSurge()) != 0;
        if (unavailable && surge) {
            errs.add(FieldError.invalid(path.child("maxSurge"), WorkloadRules.literal(rolling.getMaxSurge()),
                    "may not be set when maxUnavailable is non-zero"));
        } else if (!unavailable && !surge) {
            errs.add(FieldError.required(path.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"));
        }
        return errs;
    }
}
