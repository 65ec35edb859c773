package io.kubelite.objectstore.policy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirementBuilder;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.objectstore.admission.RequestNamespace;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Whether a request is one a policy's {@code matchConstraints} (or a binding's
 * {@code matchResources}) selects, as kube-apiserver's admission matcher decides:
 * <ol>
 *   <li>{@code namespaceSelector} on the labels of the request's namespace (a Namespace's own labels
 *       when the object is a Namespace; cluster-scoped objects always pass);</li>
 *   <li>{@code objectSelector} on the labels of the object or of the object it replaces;</li>
 *   <li>no {@code excludeResourceRules} entry matches;</li>
 *   <li>some {@code resourceRules} entry matches — or there are none (a binding that narrows nothing).</li>
 * </ol>
 * A rule matches on operation, API group, version, resource ({@code deployments},
 * {@code deployments/status}, {@code *} for every resource, {@code *&#47;*} with subresources,
 * {@code deployments/*}, {@code *&#47;status}), resource name and scope. With {@code matchPolicy:
 * Equivalent} (the default) a rule for {@code apps/v1} deployments also matches a request made
 * through {@code extensions/v1beta1}.
 */
public final class MatchResources {

    private MatchResources() {
    }

    /** @param namespaceLabels the labels of the request's namespace (read only when a namespaceSelector asks) */
    public static boolean matches(JsonNode match, PolicyRequest request, Supplier<Map<String, String>> namespaceLabels) {
        if (match == null || match.isMissingNode() || match.isNull()) {
            return true;
        }
        if (!namespaceMatches(match.path("namespaceSelector"), request, namespaceLabels)) {
            return false;
        }
        LabelSelector objects = selector(match.path("objectSelector"));
        if (!objects.isEmpty() && !objects.matches(RequestNamespace.labels(request.object())) && !objects.matches(RequestNamespace.labels(request.oldObject()))) {
            return false;
        }
        boolean equivalent = !"Exact".equals(match.path("matchPolicy").asString("Equivalent"));
        for (JsonNode rule : match.path("excludeResourceRules")) {
            if (ruleMatches(rule, request, equivalent)) {
                return false;
            }
        }
        JsonNode rules = match.path("resourceRules");
        if (rules.isEmpty()) {
            return true;
        }
        for (JsonNode rule : rules) {
            if (ruleMatches(rule, request, equivalent)) {
                return true;
            }
        }
        return false;
    }

    private static boolean namespaceMatches(JsonNode selectorNode, PolicyRequest request,
                                            Supplier<Map<String, String>> namespaceLabels) {
        LabelSelector selector = selector(selectorNode);
        if (selector.isEmpty()) {
            return true;
        }
        if (request.isNamespaceObject()) {
            return selector.matches(RequestNamespace.labels(request.object() != null ? request.object() : request.oldObject()));
        }
        if (request.namespace().isEmpty()) {
            return true;
        }
        return selector.matches(namespaceLabels.get());
    }

    static boolean ruleMatches(JsonNode rule, PolicyRequest request, boolean equivalent) {
        if (!contains(rule.path("operations"), request.operation())) {
            return false;
        }
        if (!resourceMatches(rule.path("resources"), request.requested().resource(), request.subresource())) {
            return false;
        }
        String scope = rule.path("scope").asString("*");
        boolean namespaced = !request.namespace().isEmpty();
        if (scope.equals("Cluster") && namespaced || scope.equals("Namespaced") && !namespaced) {
            return false;
        }
        JsonNode names = rule.path("resourceNames");
        if (!names.isEmpty() && !contains(names, request.name())) {
            return false;
        }
        boolean groupVersion = contains(rule.path("apiGroups"), request.requested().group())
                && contains(rule.path("apiVersions"), request.requested().version());
        if (!groupVersion && equivalent) {
            groupVersion = contains(rule.path("apiGroups"), request.stored().group())
                    && contains(rule.path("apiVersions"), request.stored().version())
                    && resourceMatches(rule.path("resources"), request.stored().resource(), request.subresource());
        }
        return groupVersion;
    }

    private static boolean resourceMatches(JsonNode resources, String resource, String subresource) {
        for (JsonNode r : resources) {
            String entry = r.asString("");
            int slash = entry.indexOf('/');
            String main = slash < 0 ? entry : entry.substring(0, slash);
            String sub = slash < 0 ? "" : entry.substring(slash + 1);
            if (slash < 0 ? subresource.isEmpty() && (main.equals("*") || main.equals(resource))
                    : (main.equals("*") || main.equals(resource)) && (sub.equals("*") || sub.equals(subresource))) {
                return true;
            }
        }
        return false;
    }

    private static boolean contains(JsonNode values, String value) {
        for (JsonNode v : values) {
            if (v.asString("").equals("*") || v.asString("").equals(value)) {
                return true;
            }
        }
        return false;
    }

    /** A {@code metav1.LabelSelector} in JSON; absent or {@code {}} selects everything. */
    static LabelSelector selector(JsonNode node) {
        if (node == null || !node.isObject() || node.isEmpty()) {
            return LabelSelector.everything();
        }
        LabelSelectorBuilder builder = new LabelSelectorBuilder();
        Map<String, String> matchLabels = new HashMap<>();
        node.path("matchLabels").properties().forEach(e -> matchLabels.put(e.getKey(), e.getValue().asString("")));
        builder.withMatchLabels(matchLabels);
        for (JsonNode e : node.path("matchExpressions")) {
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asString("")));
            builder.addToMatchExpressions(new LabelSelectorRequirementBuilder().withKey(e.path("key").asString(""))
                    .withOperator(e.path("operator").asString("")).withValues(values).build());
        }
        return LabelSelector.fromApi(builder.build());
    }
}
