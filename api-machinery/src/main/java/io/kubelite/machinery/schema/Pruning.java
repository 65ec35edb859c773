package io.kubelite.machinery.schema;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's pruning of custom resources (apiextensions {@code schema/pruning}): an object
 * keeps the keys its schema declares in {@code properties} or accepts through
 * {@code additionalProperties}; every other key is removed and reported.
 *
 * <p>Invariants, with the resource {@code {"kind":"Db","metadata":{..},"spec":{"size":1,"foo":2},
 * "extra":true}} and a schema declaring only {@code spec.size}:
 * <ul>
 *   <li>{@code apiVersion}, {@code kind} and {@code metadata} of the root and of every
 *       {@code x-kubernetes-embedded-resource} object are never touched here (ObjectMeta has its
 *       own rules): the result is {@code {"kind":"Db","metadata":{..},"spec":{"size":1}}} and the
 *       report {@code ["extra", "spec.foo"]};
 *   <li>below {@code x-kubernetes-preserve-unknown-fields: true} unknown keys stay, but declared
 *       properties are still pruned by their own schemas;
 *   <li>an object value under {@code additionalProperties: true} (no schema) is emptied, scalars
 *       there stay, as in kube.
 * </ul>
 * Paths join keys with dots and indexes with brackets ({@code spec.ports[0].foo}); the list is
 * sorted.
 */
final class Pruning {

    private static final Set<String> META = Set.of("apiVersion", "kind", "metadata");

    private Pruning() {
    }

    static List<String> prune(ObjectNode resource, StructuralSchema schema) {
        return prune(resource, schema, true);
    }

    /** Prunes any JSON value; {@code resourceRoot} keeps its apiVersion, kind and metadata as a resource's. */
    static List<String> prune(JsonNode value, StructuralSchema schema, boolean resourceRoot) {
        List<String> pruned = new ArrayList<>();
        prune(value, schema, resourceRoot, "", pruned);
        Collections.sort(pruned);
        return pruned;
    }

    private static void prune(JsonNode x, StructuralSchema s, boolean resourceRoot, String path, List<String> pruned) {
        if (s != null && s.preserveUnknownFields) {
            keepUnknown(x, s, resourceRoot, path, pruned);
            return;
        }
        if (x instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                boolean resource = resourceRoot || (s != null && s.embeddedResource);
                if (resource && META.contains(key)) {
                    continue;
                }
                StructuralSchema property = s == null ? null : s.properties.get(key);
                if (property != null) {
                    prune(object.get(key), property, false, key(path, key), pruned);
                } else if (s != null && s.additionalProperties != null) {
                    prune(object.get(key), s.additionalProperties.schema(), false, key(path, key), pruned);
                } else {
                    pruned.add(key(path, key));
                    object.remove(key);
                }
            }
        } else if (x != null && x.isArray()) {
            for (int i = 0; i < x.size(); i++) {
                prune(x.get(i), s == null ? null : s.items, false, path + "[" + i + "]", pruned);
            }
        }
    }

    /** Below x-kubernetes-preserve-unknown-fields: unknown keys stay, declared ones are pruned by their schema. */
    private static void keepUnknown(JsonNode x, StructuralSchema s, boolean resourceRoot, String path, List<String> pruned) {
        if (x instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                if ((resourceRoot || s.embeddedResource) && META.contains(key)) {
                    continue;
                }
                StructuralSchema property = s.properties.get(key);
                if (property != null) {
                    prune(object.get(key), property, false, key(path, key), pruned);
                } else if (s.additionalProperties != null) {
                    prune(object.get(key), s.additionalProperties.schema(), false, key(path, key), pruned);
                }
            }
        } else if (x != null && x.isArray() && s.items != null) {
            for (int i = 0; i < x.size(); i++) {
                keepUnknown(x.get(i), s.items, false, path + "[" + i + "]", pruned);
            }
        }
    }

    private static String key(String path, String key) {
        return path.isEmpty() ? key : path + "." + key;
    }
}
