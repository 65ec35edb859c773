package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An admission rule with operations as kube-apiserver 1.32 validates it, whether it selects the
 * requests a webhook sees ({@code webhooks[i].rules[j]}) or those a policy matches (a
 * {@code NamedRuleWithOperations}, which adds resource names): the operations, then the API
 * groups and versions, the resources and the scope.
 *
 * <p>A rule's {@code scope} is filled by defaulting ({@code *}), so an unset one is judged by that
 * value and is never missing.
 */
final class RuleWithOperationsValidator {

    /** Every "supported values" list below is sorted, as Go's {@code sets.String.List()} returns it. */
    private static final List<String> OPERATIONS = List.of("*", "CONNECT", "CREATE", "DELETE", "UPDATE");
    private static final List<String> SCOPES = List.of("*", "Cluster", "Namespaced");
    private static final String WILDCARD = "*";

    private RuleWithOperationsValidator() {
    }

    static List<FieldError> validate(RuleWithOperations rule, FieldPath path) {
        RuleWithOperations r = rule == null ? new RuleWithOperations() : rule;
        List<FieldError> errs = new ArrayList<>(operations(Checks.orEmpty(r.getOperations()), path.child("operations")));
        errs.addAll(groupsAndVersions(r, path));
        errs.addAll(resources(Checks.orEmpty(r.getResources()), path.child("resources")));
        String scope = r.getScope();
        if (scope != null && !SCOPES.contains(scope)) {
            errs.add(FieldError.notSupported(path.child("scope"), scope, SCOPES));
        }
        return errs;
    }

    /** {@code [CREATE, UPDATE]} or {@code [*]}; {@code *} stands alone. */
    private static List<FieldError> operations(List<String> operations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (operations.isEmpty()) {
            errs.add(FieldError.required(path, ""));
        }
        if (operations.size() > 1 && operations.contains(WILDCARD)) {
            errs.add(FieldError.invalid(path, GoValues.slice("admissionregistration.OperationType", operations),
                    "if '*' is present, must not specify other operations"));
        }
        for (int i = 0; i < operations.size(); i++) {
            String operation = MetaValidator.nullToEmpty(operations.get(i));
            if (!OPERATIONS.contains(operation)) {
                errs.add(FieldError.notSupported(path.index(i), operation, OPERATIONS));
            }
        }
        return errs;
    }

    /** At least one group ({@code ""} is the core group) and one non-empty version; {@code *} stands alone. */
    private static List<FieldError> groupsAndVersions(RuleWithOperations rule, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<String> groups = Checks.orEmpty(rule.getApiGroups());
        if (groups.isEmpty()) {
            errs.add(FieldError.required(path.child("apiGroups"), ""));
        }
        if (groups.size() > 1 && groups.contains(WILDCARD)) {
            errs.add(FieldError.invalid(path.child("apiGroups"), groups, "if '*' is present, must not specify other API groups"));
        }
        List<String> versions = Checks.orEmpty(rule.getApiVersions());
        if (versions.isEmpty()) {
            errs.add(FieldError.required(path.child("apiVersions"), ""));
        }
        if (versions.size() > 1 && versions.contains(WILDCARD)) {
            errs.add(FieldError.invalid(path.child("apiVersions"), versions,
                    "if '*' is present, must not specify other API versions"));
        }
        for (int i = 0; i < versions.size(); i++) {
            if (Checks.isEmpty(versions.get(i))) {
                errs.add(FieldError.required(path.child("apiVersions").index(i), ""));
            }
        }
        return errs;
    }

    /**
     * Resources, each {@code resource} or {@code resource/subresource} with wildcards on either
     * side, where no entry may overlap a wildcard entry listed before it: after {@code pods/*},
     * {@code pods/log} is refused ("if 'pods/*' is present, must not specify pods/log"), and after
     * <code>&#42;/status</code> so is {@code pods/status}. <code>&#42;/&#42;</code> stands alone;
     * {@code *} may be joined by subresources ({@code [*, pods/log]}) but not by whole resources.
     *
     * <p>Kube judges that last rule by the last whole resource in the list only, so
     * {@code [*, pods]} is refused while {@code [pods, *]} is accepted.
     */
    private static List<FieldError> resources(List<String> resources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (resources.isEmpty()) {
            errs.add(FieldError.required(path, ""));
        }
        Set<String> wildcardSubresourcesOf = new HashSet<>();
        Set<String> subresourcesOfAny = new HashSet<>();
        boolean doubleWildcard = false;
        boolean singleWildcard = false;
        boolean lastWholeResourceIsNamed = false;
        for (int i = 0; i < resources.size(); i++) {
            String entry = MetaValidator.nullToEmpty(resources.get(i));
            if (entry.isEmpty()) {
                errs.add(FieldError.required(path.index(i), ""));
                continue;
            }
            doubleWildcard |= entry.equals("*/*");
            singleWildcard |= entry.equals(WILDCARD);
            int slash = entry.indexOf('/');
            if (slash < 0) {
                lastWholeResourceIsNamed = !entry.equals(WILDCARD);
                continue;
            }
            String resource = entry.substring(0, slash);
            String subresource = entry.substring(slash + 1);
            if (wildcardSubresourcesOf.contains(resource)) {
                errs.add(FieldError.invalid(path.index(i), entry, "if '" + resource + "/*' is present, must not specify " + entry));
            }
            if (subresourcesOfAny.contains(subresource)) {
                errs.add(FieldError.invalid(path.index(i), entry, "if '*/" + subresource + "' is present, must not specify " + entry));
            }
            if (subresource.equals(WILDCARD)) {
                wildcardSubresourcesOf.add(resource);
            }
            if (resource.equals(WILDCARD)) {
                subresourcesOfAny.add(subresource);
            }
        }
        if (resources.size() > 1 && doubleWildcard) {
            errs.add(FieldError.invalid(path, resources, "if '*/*' is present, must not specify other resources"));
        }
        if (singleWildcard && lastWholeResourceIsNamed) {
            errs.add(FieldError.invalid(path, resources, "if '*' is present, must not specify other resources without subresources"));
        }
        return errs;
    }
}
