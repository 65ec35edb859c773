package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetSpec;

import java.util.ArrayList;
import java.util.List;

/**
 * policy/v1 PodDisruptionBudgets: one of {@code minAvailable} or {@code maxUnavailable}, each a
 * non-negative number or a percentage up to 100%; a well-formed selector.
 */
final class DisruptionBudgetValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> EVICTION_POLICIES = List.of("AlwaysAllow", "IfHealthyBudget");

    private DisruptionBudgetValidator() {
    }

    static List<FieldError> validate(PodDisruptionBudget pdb) {
        PodDisruptionBudgetSpec spec = pdb.getSpec() == null ? new PodDisruptionBudgetSpec() : pdb.getSpec();
        List<FieldError> errs = new ArrayList<>();
        if (spec.getMinAvailable() != null && spec.getMaxUnavailable() != null) {
            errs.add(FieldError.invalid(SPEC, new GoValues.Literal("policy.PodDisruptionBudgetSpec{MinAvailable:"
                    + WorkloadRules.literal(spec.getMinAvailable()) + ", MaxUnavailable:" + WorkloadRules.literal(spec.getMaxUnavailable())
                    + "}"), "minAvailable and maxUnavailable cannot be both set"));
        }
        errs.addAll(intOrPercent(spec.getMinAvailable(), SPEC.child("minAvailable")));
        errs.addAll(intOrPercent(spec.getMaxUnavailable(), SPEC.child("maxUnavailable")));
        if (spec.getSelector() != null) {
            errs.addAll(SelectorRules.validate(spec.getSelector(), SPEC.child("selector")));
        }
        String policy = spec.getUnhealthyPodEvictionPolicy();
        if (policy != null && !EVICTION_POLICIES.contains(policy)) {
            errs.add(FieldError.notSupported(SPEC.child("unhealthyPodEvictionPolicy"), policy, EVICTION_POLICIES));
        }
        return errs;
    }

    private static List<FieldError> intOrPercent(IntOrString value, FieldPath path) {
        if (value == null) {
            return List.of();
        }
        List<FieldError> errs = new ArrayList<>(WorkloadRules.positiveIntOrPercent(value, path));
        errs.addAll(WorkloadRules.notMoreThan100Percent(value, path));
        return errs;
    }
}
