package io.kubelite.objectstore.authorization;

import tools.jackson.databind.JsonNode;

/**
 * Whether one RBAC {@code PolicyRule} covers a request, with Kubernetes' matching: {@code *} in
 * verbs, API groups and resources; {@code pods/log} for a subresource and {@code *}{@code /scale}
 * for that subresource of every resource; {@code resourceNames} only for requests naming an
 * object; non-resource URLs exactly or by a prefix ending in {@code *}.
 */
final class PolicyRules {

    private static final String ALL = "*";

    private PolicyRules() {
    }

    static boolean allows(JsonNode rule, RequestAttributes a) {
        if (!contains(rule.path("verbs"), a.verb())) {
            return false;
        }
        if (!a.resourceRequest()) {
            return nonResourceUrlMatches(rule.path("nonResourceURLs"), a.path());
        }
        return contains(rule.path("apiGroups"), a.apiGroup())
                && resourceMatches(rule.path("resources"), a.qualifiedResource(), a.subresource())
                && resourceNameMatches(rule.path("resourceNames"), a.name());
    }

    private static boolean contains(JsonNode values, String wanted) {
        for (JsonNode v : values) {
            String s = v.asString("");
            if (s.equals(ALL) || s.equals(wanted)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceMatches(JsonNode resources, String qualified, String subresource) {
        for (JsonNode r : resources) {
            String s = r.asString("");
            if (s.equals(ALL) || s.equals(qualified)) {
                return true;
            }
            if (!subresource.isEmpty() && s.equals("*/" + subresource)) {
                return true;
            }
        }
        return false;
    }

    private static boolean resourceNameMatches(JsonNode names, String name) {
        if (names.isEmpty()) {
            return true;
        }
        for (JsonNode n : names) {
            if (n.asString("").equals(name) && !name.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    private static boolean nonResourceUrlMatches(JsonNode urls, String path) {
        for (JsonNode u : urls) {
            String s = u.asString("");
            if (s.equals(ALL) || s.equals(path) || (s.endsWith("*") && path.startsWith(s.substring(0, s.length() - 1)))) {
                return true;
            }
        }
        return false;
    }
}
