package io.kubelite.machinery.patch;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.JsonNodeType;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge of one list, by its {@link ListStrategy}.
 *
 * <p>For a list merged by key, each patch element is merged into the live element with
 * the same key value, or appended when there is none; {@code {"$patch":"delete","name":"x"}}
 * removes live elements named {@code x}; an element {@code {"$patch":"replace"}} makes the
 * other patch elements the whole list. Example with {@code env} by {@code name}:
 *
 * <pre>
 *   live  [{name: A, value: 1}, {name: B, value: 2}]
 *   patch [{name: B, value: 3}, {name: C, value: 4}, {$patch: delete, name: A}]
 *   ->    [{name: B, value: 3}, {name: C, value: 4}]
 * </pre>
 *
 * Scalar lists with a merge strategy are unioned without duplicates. The result is then
 * ordered by {@link ElementOrder}: without a {@code $setElementOrder} directive, elements new
 * to the list come first, as in Kubernetes ({@code kubectl patch} adding container {@code b}
 * to {@code [a]} gives {@code [b, a]}); kubectl apply and set image send the directive.
 */
final class ListMerge {

    private final PatchSchema schema;
    private final MapMerge maps;

    ListMerge(PatchSchema schema, MapMerge maps) {
        this.schema = schema;
        this.maps = maps;
    }

    /** Merges {@code patch} into {@code live}, a list the caller owns; {@code path} names the list. */
    ArrayNode merge(ArrayNode live, ArrayNode patch, List<String> path) {
        ListStrategy strategy = schema.listStrategy(path);
        if (!strategy.merge()) {
            return patch.deepCopy();
        }
        if (live.isEmpty() && patch.isEmpty()) {
            return live;
        }
        if (elementType(live, patch, path) != JsonNodeType.OBJECT) {
            List<JsonNode> union = new ArrayList<>();
            for (JsonNode item : concat(live, patch)) {
                if (union.stream().noneMatch(present -> JsonValues.equal(present, item))) {
                    union.add(item.deepCopy());
                }
            }
            return ElementOrder.apply(union, elements(patch), elements(live), "");
        }
        if (strategy.mergeKey().isEmpty()) {
            throw new PatchException("cannot merge lists without merge key for " + String.join(".", path));
        }
        return mergeByKey(live, patch, strategy.mergeKey(), path);
    }

    private ArrayNode mergeByKey(ArrayNode live, ArrayNode patch, String mergeKey, List<String> path) {
        List<JsonNode> kept = elements(live);
        List<JsonNode> plain = new ArrayList<>();
        boolean replace = false;
        for (JsonNode item : patch) {
            JsonNode directive = item.get(Directives.PATCH);
            if (directive == null) {
                plain.add(item);
            } else if (ElementOrder.isDirective(item, Directives.DELETE)) {
                JsonNode key = item.get(mergeKey);
                if (key == null) {
                    throw Directives.noMergeKey(JsonValues.describe(item), mergeKey);
                }
                kept.removeIf(element -> JsonValues.equal(element.get(mergeKey), key));
            } else if (ElementOrder.isDirective(item, Directives.REPLACE)) {
                replace = true;
            } else if (ElementOrder.isDirective(item, Directives.MERGE)) {
                throw new PatchException("merging lists cannot yet be specified in the patch");
            } else {
                throw Directives.unknownPatchType(JsonValues.describe(directive), JsonValues.describe(item));
            }
        }
        if (replace) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            plain.forEach(item -> replaced.add(maps.fresh(item, path)));
            return replaced;
        }
        List<JsonNode> liveOrder = List.copyOf(kept);
        List<JsonNode> merged = new ArrayList<>(kept);
        for (JsonNode item : plain) {
            JsonNode key = item.get(mergeKey);
            if (key == null) {
                throw Directives.noMergeKey(JsonValues.describe(item), mergeKey);
            }
            int index = indexOfKey(merged, mergeKey, key);
            if (index >= 0) {
                merged.set(index, maps.merge((ObjectNode) merged.get(index), (ObjectNode) item, path));
            } else {
                merged.add(maps.fresh(item, path));
            }
        }
        return ElementOrder.apply(merged, plain, liveOrder, mergeKey);
    }

    /** Removes the scalars listed in a {@code $deleteFromPrimitiveList} directive. */
    static ArrayNode deleteScalars(ArrayNode live, JsonNode toDelete) {
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        for (JsonNode item : live) {
            if (elements(toDelete).stream().noneMatch(gone -> JsonValues.equal(gone, item))) {
                kept.add(item);
            }
        }
        return kept;
    }

    private static int indexOfKey(List<JsonNode> elements, String mergeKey, JsonNode key) {
        for (int i = 0; i < elements.size(); i++) {
            if (JsonValues.equal(elements.get(i).get(mergeKey), key)) {
                return i;
            }
        }
        return -1;
    }

    /** The one JSON type all elements of both lists share; lists of lists and mixed lists are refused. */
    private static JsonNodeType elementType(ArrayNode live, ArrayNode patch, List<String> path) {
        JsonNodeType type = null;
        for (JsonNode item : concat(live, patch)) {
            if (item.isArray()) {
                throw new PatchException("lists of lists are not supported");
            }
            if (type == null) {
                type = item.getNodeType();
            } else if (type != item.getNodeType()) {
                throw new PatchException("list element types are not identical: " + String.join(".", path) + ": "
                        + JsonValues.describe(live) + " " + JsonValues.describe(patch));
            }
        }
        return type;
    }

    static List<JsonNode> elements(JsonNode array) {
        List<JsonNode> list = new ArrayList<>(array.size());
        array.forEach(list::add);
        return list;
    }

    private static List<JsonNode> concat(ArrayNode first, ArrayNode second) {
        List<JsonNode> all = elements(first);
        all.addAll(elements(second));
        return all;
    }
}
