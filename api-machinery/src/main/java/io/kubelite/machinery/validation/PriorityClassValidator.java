package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;

import java.util.ArrayList;
import java.util.List;

/**
 * scheduling.k8s.io/v1 PriorityClasses: a value up to one billion ({@code system-} classes, above
 * that, are the cluster's own), a known preemption policy.
 */
final class PriorityClassValidator {

    /** kube's HighestUserDefinablePriority. */
    static final long HIGHEST_USER_DEFINABLE = 1_000_000_000L;
    private static final List<String> PREEMPTION_POLICIES = List.of("Never", "PreemptLowerPriority");
    private static final List<String> SYSTEM_CLASSES = List.of("system-cluster-critical", "system-node-critical");

    private PriorityClassValidator() {
    }

    static List<FieldError> validate(PriorityClass pc) {
        List<FieldError> errs = new ArrayList<>();
        String name = pc.getMetadata() == null ? null : pc.getMetadata().getName();
        boolean system = name != null && SYSTEM_CLASSES.contains(name);
        if (name != null && name.startsWith("system-") && !system) {
            errs.add(FieldError.invalid(FieldPath.of("metadata", "name"), name,
                    "priority class names with 'system-' prefix are reserved"));
        }
        if (pc.getValue() != null && pc.getValue() > HIGHEST_USER_DEFINABLE && !system) {
            errs.add(FieldError.forbidden(FieldPath.of("value"),
                    "maximum allowed value of a user defined priority is " + HIGHEST_USER_DEFINABLE));
        }
        String policy = pc.getPreemptionPolicy();
        if (policy != null && !PREEMPTION_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(FieldPath.of("preemptionPolicy"), policy, PREEMPTION_POLICIES));
        }
        return errs;
    }
}
