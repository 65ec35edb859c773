package io.kubelite.objectstore.admission;

import io.kubelite.machinery.validation.Quantities;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a RuntimeClass does to a new pod's spec, in kube-apiserver's words when it refuses
 * ({@code null} class: the pod names none). Pure, so the admission around it only finds the class.
 *
 * <p>Example: a class with {@code overhead.podFixed: {cpu: 250m}} and
 * {@code scheduling: {nodeSelector: {sandbox: "true"}, tolerations: [{key: sandbox, operator: Exists}]}}
 * gives a pod with {@code nodeSelector: {disk: ssd}} the overhead {@code {cpu: 250m}}, the node
 * selector {@code {disk: ssd, sandbox: "true"}} and the class's toleration before its own; a pod
 * asking for {@code sandbox: "false"} is refused with
 * {@code conflict: runtimeClass.scheduling.nodeSelector[sandbox] = true; pod.spec.nodeSelector[sandbox] = false}.
 */
final class RuntimeClassRules {

    static final String OVERHEAD_MISMATCH = "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead";
    static final String OVERHEAD_WITHOUT_CLASS = "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead";

    private RuntimeClassRules() {
    }

    static String notFound(String className) {
        return "pod rejected: RuntimeClass \"" + className + "\" not found";
    }

    /**
     * The mutating half: sets the class's overhead on the pod (refused when the pod already sets
     * another), merges the class's node selector into the pod's (refused on a key both set
     * differently) and adds the class's tolerations. Returns the refusal, or empty when admitted.
     */
    static Optional<String> admit(ObjectNode podSpec, JsonNode runtimeClass) {
        if (runtimeClass == null) {
            return Optional.empty();
        }
        JsonNode overhead = runtimeClass.path("overhead");
        if (overhead.isObject()) {
            JsonNode podFixed = overhead.path("podFixed");
            if (present(podSpec.path("overhead")) && !sameQuantities(podFixed, podSpec.path("overhead"))) {
                return Optional.of(OVERHEAD_MISMATCH);
            }
            if (podFixed.isObject() && !podFixed.isEmpty()) {
                podSpec.set("overhead", podFixed.deepCopy());
            } else {
                podSpec.remove("overhead");
            }
        }
        JsonNode scheduling = runtimeClass.path("scheduling");
        if (!scheduling.isObject()) {
            return Optional.empty();
        }
        ObjectNode nodeSelector = podSpec.path("nodeSelector") instanceof ObjectNode own ? own : null;
        for (Map.Entry<String, JsonNode> e : scheduling.path("nodeSelector").properties()) {
            String classValue = e.getValue().asString("");
            JsonNode podValue = nodeSelector == null ? null : nodeSelector.get(e.getKey());
            if (podValue != null && !podValue.isNull() && !podValue.asString("").equals(classValue)) {
                return Optional.of("conflict: runtimeClass.scheduling.nodeSelector[" + e.getKey() + "] = " + classValue
                        + "; pod.spec.nodeSelector[" + e.getKey() + "] = " + podValue.asString(""));
            }
        }
        for (Map.Entry<String, JsonNode> e : scheduling.path("nodeSelector").properties()) {
            if (nodeSelector == null) {
                nodeSelector = podSpec.putObject("nodeSelector");
            }
            nodeSelector.put(e.getKey(), e.getValue().asString(""));
        }
        List<JsonNode> tolerations = mergeTolerations(podSpec.path("tolerations"), scheduling.path("tolerations"));
        if (!tolerations.isEmpty()) {
            ArrayNode merged = podSpec.putArray("tolerations");
            tolerations.forEach(merged::add);
        }
        return Optional.empty();
    }

    /**
     * The validating half, after every mutation: a pod's overhead is exactly its class's, and a
     * pod whose class defines none (or that names no class) has none.
     */
    static Optional<String> validate(JsonNode podSpec, JsonNode runtimeClass) {
        if (runtimeClass != null && runtimeClass.path("overhead").isObject()) {
            return sameQuantities(runtimeClass.path("overhead").path("podFixed"), podSpec.path("overhead"))
                    ? Optional.empty() : Optional.of(OVERHEAD_MISMATCH);
        }
        return present(podSpec.path("overhead")) ? Optional.of(OVERHEAD_WITHOUT_CLASS) : Optional.empty();
    }

    /**
     * kube's MergeTolerations: the class's tolerations, then the pod's whose key and effect the
     * class does not already tolerate (a class toleration replaces the pod's of the same key and
     * effect; of the pod's own duplicates the last one counts).
     */
    static List<JsonNode> mergeTolerations(JsonNode pod, JsonNode runtimeClass) {
        List<JsonNode> merged = new ArrayList<>();
        java.util.Set<String> classKeys = new java.util.HashSet<>();
        for (JsonNode t : runtimeClass) {
            merged.add(t.deepCopy());
            classKeys.add(key(t));
        }
        Map<String, JsonNode> own = new LinkedHashMap<>();
        for (JsonNode t : pod) {
            own.put(key(t), t);
        }
        own.forEach((key, t) -> {
            if (!classKeys.contains(key)) {
                merged.add(t.deepCopy());
            }
        });
        return merged;
    }

    private static String key(JsonNode toleration) {
        return toleration.path("key").asString("") + "\u0000" + toleration.path("effect").asString("");
    }

    private static boolean present(JsonNode overhead) {
        return overhead.isObject();
    }

    /** Semantic equality of two resource lists: the same names, equal amounts ({@code 0.5} = {@code 500m}); none equals empty. */
    static boolean sameQuantities(JsonNode a, JsonNode b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Map.Entry<String, JsonNode> e : a.properties()) {
            JsonNode other = b.get(e.getKey());
            if (other == null || !sameAmount(e.getValue().asString(""), other.asString(""))) {
                return false;
            }
        }
        return true;
    }

    private static boolean sameAmount(String a, String b) {
        if (Quantities.isValid(a) && Quantities.isValid(b)) {
            return Quantities.value(a).compareTo(Quantities.value(b)) == 0;
        }
        return a.equals(b);
    }
}
