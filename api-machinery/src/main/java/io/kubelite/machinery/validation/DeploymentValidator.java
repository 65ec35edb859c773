package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import java.util.ArrayList;
import java.util.List;

/**
 * Deployment specs. A rolling update needs room to move: with maxSurge 0 and maxUnavailable 0
 * the controller could neither add a new pod nor remove an old one, so that pair is rejected.
 */
final class DeploymentValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> STRATEGIES = List.of("Recreate", "RollingUpdate");

    private DeploymentValidator() {
    }

    static List<FieldError> validate(Deployment deployment) {
        DeploymentSpec spec = deployment.getSpec() == null ? new DeploymentSpec() : deployment.getSpec();
        List<FieldError> errs = new ArrayList<>();
        Checks.nonNegative(errs, SPEC.child("replicas"), spec.getReplicas());
        errs.addAll(WorkloadRules.replicaSetSelectorAndTemplate(spec.getSelector(), spec.getTemplate(), SPEC));
        errs.addAll(strategy(spec.getStrategy(), SPEC.child("strategy")));
        Checks.nonNegative(errs, SPEC.child("minReadySeconds"), spec.getMinReadySeconds());
        Checks.nonNegative(errs, SPEC.child("revisionHistoryLimit"), spec.getRevisionHistoryLimit());
        Integer deadline = spec.getProgressDeadlineSeconds();
        if (deadline != null) {
            Checks.nonNegative(errs, SPEC.child("progressDeadlineSeconds"), deadline);
            int minReady = spec.getMinReadySeconds() == null ? 0 : spec.getMinReadySeconds();
            if (deadline <= minReady) {
                errs.add(FieldError.invalid(SPEC.child("progressDeadlineSeconds"), deadline, "must be greater than minReadySeconds"));
            }
        }
        return errs;
    }

    private static List<FieldError> strategy(DeploymentStrategy strategy, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String type = strategy == null ? "RollingUpdate" : Checks.or(strategy.getType(), "RollingUpdate");
        RollingUpdateDeployment rolling = strategy == null ? null : strategy.getRollingUpdate();
        switch (type) {
            case "Recreate" -> {
                if (rolling != null) {
                    errs.add(FieldError.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"));
                }
            }
            case "RollingUpdate" -> {
                if (rolling != null) {
                    errs.addAll(rollingUpdate(rolling, path.child("rollingUpdate")));
                }
            }
            default -> errs.add(FieldError.notSupported(path.child("type"), type, STRATEGIES));
        }
        return errs;
    }

    private static List<FieldError> rollingUpdate(RollingUpdateDeployment rolling, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath unavailablePath = path.child("maxUnavailable");
        errs.addAll(WorkloadRules.positiveIntOrPercent(rolling.getMaxUnavailable(), unavailablePath));
        errs.addAll(WorkloadRules.positiveIntOrPercent(rolling.getMaxSurge(), path.child("maxSurge")));
        if (rolling.getMaxUnavailable() != null && rolling.getMaxSurge() != null
                && WorkloadRules.intOrPercentValue(rolling.getMaxUnavailable()) == 0
                && WorkloadRules.intOrPercentValue(rolling.getMaxSurge()) == 0) {
            errs.add(FieldError.invalid(unavailablePath, WorkloadRules.literal(rolling.getMaxUnavailable()),
                    "may not be 0 when `maxSurge` is 0"));
        }
        errs.addAll(WorkloadRules.notMoreThan100Percent(rolling.getMaxUnavailable(), unavailablePath));
        return errs;
    }
}
