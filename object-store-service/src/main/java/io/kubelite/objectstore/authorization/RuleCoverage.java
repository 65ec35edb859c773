package io.kubelite.objectstore.authorization;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether held RBAC rules cover rules to be granted (Kubernetes' {@code validation.Covers}): each
 * granted rule is broken into single grants (one verb, API group, resource and resource name, or
 * one verb and non-resource URL), and each must be covered by one held rule, where {@code *}
 * covers anything, {@code *}{@code /scale} covers every resource's scale, a rule without
 * resource names covers any name and a URL ending in {@code *} covers the URLs it prefixes.
 */
final class RuleCoverage {

    private static final String ALL = "*";

    private RuleCoverage() {
    }

    /** The single grants not covered, in Kubernetes' printed form; empty when all are covered. */
    static List<String> uncovered(List<JsonNode> held, List<JsonNode> granted) {
        List<String> missing = new ArrayList<>();
        for (JsonNode rule : granted) {
            for (String verb : strings(rule.path("verbs"))) {
                if (rule.has("nonResourceURLs")) {
                    for (String url : strings(rule.path("nonResourceURLs"))) {
                        if (held.stream().noneMatch(h -> has(h.path("verbs"), verb)
                                && urlCovered(strings(h.path("nonResourceURLs")), url))) {
                            missing.add("{NonResourceURLs:[\"" + url + "\"], Verbs:[\"" + verb + "\"]}");
                        }
                    }
                    continue;
                }
                List<String> names = strings(rule.path("resourceNames"));
                for (String group : strings(rule.path("apiGroups"))) {
                    for (String resource : strings(rule.path("resources"))) {
                        for (String name : names.isEmpty() ? List.of("") : names) {
                            if (held.stream().noneMatch(h -> covers(h, verb, group, resource, name))) {
                                missing.add("{APIGroups:[\"" + group + "\"], Resources:[\"" + resource + "\"]"
                                        + (name.isEmpty() ? "" : ", ResourceNames:[\"" + name + "\"]")
                                        + ", Verbs:[\"" + verb + "\"]}");
                            }
                        }
                    }
                }
            }
        }
        return missing;
    }

    private static boolean covers(JsonNode held, String verb, String group, String resource, String name) {
        if (!has(held.path("verbs"), verb) || !has(held.path("apiGroups"), group)) {
            return false;
        }
        List<String> resources = strings(held.path("resources"));
        boolean resourceCovered = resources.contains(ALL) || resources.contains(resource)
                || (resource.contains("/") && resources.contains("*/" + resource.substring(resource.indexOf('/') + 1)));
        if (!resourceCovered) {
            return false;
        }
        List<String> names = strings(held.path("resourceNames"));
        return names.isEmpty() || (!name.isEmpty() && names.contains(name));
    }

    /** Held {@code *} covers anything; a granted {@code *} is covered only by a held {@code *}. */
    private static boolean has(JsonNode held, String value) {
        List<String> values = strings(held);
        return values.contains(ALL) || values.contains(value);
    }

    private static boolean urlCovered(List<String> held, String url) {
        for (String h : held) {
            if (h.equals(ALL) || h.equals(url) || (h.endsWith("*") && url.startsWith(h.substring(0, h.length() - 1)))) {
                return true;
            }
        }
        return false;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString("")));
        return values;
    }
}
