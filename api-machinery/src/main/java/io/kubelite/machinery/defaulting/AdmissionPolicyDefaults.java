package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import java.util.List;

/**
 * ValidatingAdmissionPolicies and their bindings as admissionregistration/v1 defaults them. A
 * policy fails closed ({@code failurePolicy: Fail}); match resources use {@code Equivalent}
 * matching and empty selectors, which select every namespace and object; a resource rule without
 * a scope applies to both scopes ({@code *}).
 *
 * <p>A binding's {@code paramRef.parameterNotFoundAction} is deliberately not defaulted: v1
 * requires it.
 */
final class AdmissionPolicyDefaults {

    private AdmissionPolicyDefaults() {
    }

    static void policy(ValidatingAdmissionPolicy policy) {
        if (policy.getSpec() == null) {
            policy.setSpec(new ValidatingAdmissionPolicySpec());
        }
        ValidatingAdmissionPolicySpec spec = policy.getSpec();
        if (spec.getFailurePolicy() == null) {
            spec.setFailurePolicy("Fail");
        }
        matchResources(spec.getMatchConstraints());
    }

    static void binding(ValidatingAdmissionPolicyBinding binding) {
        if (binding.getSpec() != null) {
            matchResources(binding.getSpec().getMatchResources());
        }
    }

    private static void matchResources(MatchResources match) {
        if (match == null) {
            return;
        }
        if (match.getMatchPolicy() == null) {
            match.setMatchPolicy("Equivalent");
        }
        if (match.getNamespaceSelector() == null) {
            match.setNamespaceSelector(new LabelSelector());
        }
        if (match.getObjectSelector() == null) {
            match.setObjectSelector(new LabelSelector());
        }
        allScopes(match.getResourceRules());
        allScopes(match.getExcludeResourceRules());
    }

    private static void allScopes(List<NamedRuleWithOperations> rules) {
        for (NamedRuleWithOperations rule : ContainerDefaults.orEmpty(rules)) {
            if (rule != null && rule.getScope() == null) {
                rule.setScope("*");
            }
        }
    }
}
