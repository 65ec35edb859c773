package io.kubelite.objectstore.rest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;

/**
 * The conditions kube's namespace controller gives a Terminating namespace, saying what its
 * deletion waits for. Example: with one pod still stopping, {@code NamespaceContentRemaining=True}
 * (SomeResourcesRemain, {@code Some resources are remaining: pods. has 1 resource instances}); with
 * a ConfigMap holding the finalizer {@code example.com/keep}, also {@code
 * NamespaceFinalizersRemaining=True} (SomeFinalizersRemain, {@code Some content in the namespace has
 * finalizers remaining: example.com/keep in 1 resource instances}). The discovery, parsing and
 * deletion failure conditions are always False here: every resource is this server's own.
 */
final class NamespaceConditions {

    private NamespaceConditions() {
    }

    /**
     * Sets the five conditions on {@code namespace} from what it still holds: {@code remaining}
     * counts objects by storage resource ({@code pods}, {@code deployments.apps}), {@code
     * finalizers} objects by finalizer. A condition keeps its transition time while its status holds.
     */
    static void set(ObjectNode namespace, SortedMap<String, Integer> remaining, SortedMap<String, Integer> finalizers) {
        ObjectNode status = namespace.get("status") instanceof ObjectNode s ? s : namespace.putObject("status");
        ArrayNode conditions = status.get("conditions") instanceof ArrayNode a ? a : status.putArray("conditions");
        condition(conditions, "NamespaceDeletionDiscoveryFailure", false, "ResourcesDiscovered",
                "All resources successfully discovered");
        condition(conditions, "NamespaceDeletionGroupVersionParsingFailure", false, "ParsedGroupVersions",
                "All legacy kube types successfully parsed");
        condition(conditions, "NamespaceDeletionContentFailure", false, "ContentDeleted",
                "All content successfully deleted, may be waiting on finalization");
        if (remaining.isEmpty()) {
            condition(conditions, "NamespaceContentRemaining", false, "ContentRemoved", "All content successfully removed");
        } else {
            condition(conditions, "NamespaceContentRemaining", true, "SomeResourcesRemain",
                    "Some resources are remaining: " + remaining(remaining));
        }
        if (finalizers.isEmpty()) {
            condition(conditions, "NamespaceFinalizersRemaining", false, "ContentHasNoFinalizers",
                    "All content-preserving finalizers finished");
        } else {
            condition(conditions, "NamespaceFinalizersRemaining", true, "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + finalizers(finalizers));
        }
    }

    /**
     * {@code remaining} as kube lists it, sorted: {@code <resource>.<group> has N resource instances}
     * ({@code pods. has 1 resource instances} for the core group).
     */
    private static String remaining(SortedMap<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((resource, n) -> parts.add((resource.contains(".") ? resource : resource + ".")
                + " has " + n + " resource instances"));
        return String.join(", ", parts);
    }

    private static String finalizers(SortedMap<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((finalizer, n) -> parts.add(finalizer + " in " + n + " resource instances"));
        return String.join(", ", parts);
    }

    private static void condition(ArrayNode conditions, String type, boolean isTrue, String reason, String message) {
        String status = isTrue ? "True" : "False";
        for (JsonNode c : conditions) {
            if (type.equals(c.path("type").asString("")) && c instanceof ObjectNode existing) {
                if (!status.equals(existing.path("status").asString(""))) {
                    existing.put("status", status).put("lastTransitionTime", now());
                }
                existing.put("reason", reason).put("message", message);
                return;
            }
        }
        conditions.addObject().put("type", type).put("status", status).put("lastTransitionTime", now())
                .put("reason", reason).put("message", message);
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
