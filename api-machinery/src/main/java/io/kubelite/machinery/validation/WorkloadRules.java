package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Rules shared by the controllers that own pods through a template and a label selector. */
final class WorkloadRules {

    static final String SELECTOR_MISMATCH = "`selector` does not match template `labels`";

    private WorkloadRules() {
    }

    /** The selector must be present, well-formed and non-empty ({@code kind} is named in the message as Kubernetes does). */
    static List<FieldError> requiredSelector(LabelSelector selector, FieldPath path, String kind) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null) {
            errs.add(FieldError.required(path, ""));
            return errs;
        }
        errs.addAll(SelectorRules.validate(selector, path));
        if (SelectorRules.isEmpty(selector)) {
            errs.add(FieldError.invalid(path, SelectorRules.emptySelectorValue(), "empty selector is invalid for " + kind));
        }
        return errs;
    }

    /** A non-empty, well-formed selector must select the template's labels. */
    static List<FieldError> selectorMatchesTemplate(LabelSelector selector, PodTemplateSpec template, FieldPath templatePath) {
        if (SelectorRules.isEmpty(selector) || !SelectorRules.validate(selector, FieldPath.ROOT).isEmpty()) {
            return List.of();
        }
        Map<String, String> labels = templateLabels(template);
        if (io.kubelite.machinery.selector.LabelSelector.fromApi(selector).matches(labels)) {
            return List.of();
        }
        return List.of(FieldError.invalid(templatePath.child("metadata", "labels"), Checks.labelsValue(labels), SELECTOR_MISMATCH));
    }

    /**
     * The selector and template of a ReplicaSet. A Deployment stamps ReplicaSets out of its own
     * spec and shares these rules, as Kubernetes shares {@code ValidatePodTemplateSpecForReplicaSet}:
     * both report "empty selector is invalid for deployment" and "activeDeadlineSeconds in ReplicaSet".
     */
    static List<FieldError> replicaSetSelectorAndTemplate(LabelSelector selector, PodTemplateSpec template, FieldPath specPath) {
        List<FieldError> errs = new ArrayList<>(requiredSelector(selector, specPath.child("selector"), "deployment"));
        PodTemplateSpec orEmpty = orEmpty(template);
        FieldPath templatePath = specPath.child("template");
        errs.addAll(selectorMatchesTemplate(selector, orEmpty, templatePath));
        errs.addAll(alwaysRestartingTemplate(orEmpty, templatePath, "ReplicaSet"));
        return errs;
    }

    /** Template checks for pods that must always restart (ReplicaSet, ReplicationController, Deployment). */
    static List<FieldError> alwaysRestartingTemplate(PodTemplateSpec template, FieldPath path, String kind) {
        List<FieldError> errs = new ArrayList<>(PodSpecValidator.template(template, path));
        String restart = PodSpecValidator.restartPolicy(template);
        if (!restart.equals("Always")) {
            errs.add(FieldError.notSupported(path.child("spec", "restartPolicy"), restart, List.of("Always")));
        }
        if (template.getSpec() != null && template.getSpec().getActiveDeadlineSeconds() != null) {
            errs.add(FieldError.forbidden(path.child("spec", "activeDeadlineSeconds"),
                    "activeDeadlineSeconds in " + kind + " is not Supported"));
        }
        return errs;
    }

    static Map<String, String> templateLabels(PodTemplateSpec template) {
        return template.getMetadata() == null ? null : template.getMetadata().getLabels();
    }

    static PodTemplateSpec orEmpty(PodTemplateSpec template) {
        return template == null ? new PodTemplateSpec() : template;
    }

    // ---- int-or-percent values of rolling updates ----

    /** Accepts a non-negative integer or a percentage such as {@code 25%}. */
    static List<FieldError> positiveIntOrPercent(IntOrString value, FieldPath path) {
        if (value == null) {
            return List.of();
        }
        if (value.getStrVal() != null) {
            List<FieldError> errs = new ArrayList<>();
            NameRules.isValidPercent(value.getStrVal()).forEach(msg -> errs.add(FieldError.invalid(path, literal(value), msg)));
            return errs;
        }
        int i = value.getIntVal() == null ? 0 : value.getIntVal();
        return i < 0 ? List.of(Checks.negative(path, i)) : List.of();
    }

    /** The number of a value: the integer, or the percentage without its sign; invalid percentages count as 0. */
    static int intOrPercentValue(IntOrString value) {
        if (value == null) {
            return 0;
        }
        if (value.getStrVal() != null) {
            String s = value.getStrVal();
            return NameRules.isValidPercent(s).isEmpty() ? parseOrZero(s.substring(0, s.length() - 1)) : 0;
        }
        return value.getIntVal() == null ? 0 : value.getIntVal();
    }

    static List<FieldError> notMoreThan100Percent(IntOrString value, FieldPath path) {
        if (value == null || value.getStrVal() == null || !NameRules.isValidPercent(value.getStrVal()).isEmpty()) {
            return List.of();
        }
        return intOrPercentValue(value) > 100
                ? List.of(FieldError.invalid(path, literal(value), "must not be greater than 100%")) : List.of();
    }

    /** IntOrString prints through its Stringer in Go: {@code 25%} or {@code 1}, unquoted. */
    static GoValues.Literal literal(IntOrString value) {
        return new GoValues.Literal(value.getStrVal() != null ? value.getStrVal() : String.valueOf(value.getIntVal()));
    }

    private static int parseOrZero(String digits) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE;
        }
    }
}
