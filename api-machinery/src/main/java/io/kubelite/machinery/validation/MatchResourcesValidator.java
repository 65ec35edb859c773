package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code MatchResources} of a ValidatingAdmissionPolicy ({@code spec.matchConstraints}) or of
 * a binding, as kube-apiserver 1.32 validates them: the match policy, both selectors, then each
 * resource rule and each exclude rule.
 *
 * <p>{@code matchPolicy}, the selectors and a rule's {@code scope} are filled by defaulting
 * ({@code Equivalent}, {@code {}}, {@code *}), so an unset one is judged by that value and is
 * never missing.
 */
final class MatchResourcesValidator {

    /** Sorted, as Go's {@code sets.String.List()} returns it. */
    private static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");

    private MatchResourcesValidator() {
    }

    static List<FieldError> validate(MatchResources match, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (match == null) {
            return errs;
        }
        String matchPolicy = match.getMatchPolicy();
        if (matchPolicy != null && !MATCH_POLICIES.contains(matchPolicy)) {
            errs.add(FieldError.notSupported(path.child("matchPolicy"), matchPolicy, MATCH_POLICIES));
        }
        errs.addAll(SelectorRules.validate(match.getNamespaceSelector(), path.child("namespaceSelector")));
        errs.addAll(SelectorRules.validate(match.getObjectSelector(), path.child("objectSelector")));
        List<NamedRuleWithOperations> rules = Checks.orEmpty(match.getResourceRules());
        for (int i = 0; i < rules.size(); i++) {
            errs.addAll(namedRule(rules.get(i), path.child("resourceRules").index(i)));
        }
        List<NamedRuleWithOperations> excluded = Checks.orEmpty(match.getExcludeResourceRules());
        for (int i = 0; i < excluded.size(); i++) {
            errs.addAll(namedRule(excluded.get(i), path.child("excludeResourceRules").index(i)));
        }
        return errs;
    }

    /** Resource names first (path segments, no repeats), then the rule with its operations. */
    private static List<FieldError> namedRule(NamedRuleWithOperations rule, FieldPath path) {
        NamedRuleWithOperations r = rule == null ? new NamedRuleWithOperations() : rule;
        List<FieldError> errs = new ArrayList<>();
        List<String> names = Checks.orEmpty(r.getResourceNames());
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < names.size(); i++) {
            String name = MetaValidator.nullToEmpty(names.get(i));
            FieldPath namePath = path.child("resourceNames").index(i);
            NameRules.isValidPathSegmentName(name).forEach(msg -> errs.add(FieldError.invalid(namePath, name, msg)));
            if (!seen.add(name)) {
                errs.add(FieldError.duplicate(namePath, name));
            }
        }
        errs.addAll(RuleWithOperationsValidator.validate(withOperations(r), path));
        return errs;
    }

    /** The rule without its resource names, the shape a webhook's rules have. */
    private static RuleWithOperations withOperations(NamedRuleWithOperations named) {
        RuleWithOperations rule = new RuleWithOperations();
        rule.setApiGroups(named.getApiGroups());
        rule.setApiVersions(named.getApiVersions());
        rule.setOperations(named.getOperations());
        rule.setResources(named.getResources());
        rule.setScope(named.getScope());
        return rule;
    }
}
