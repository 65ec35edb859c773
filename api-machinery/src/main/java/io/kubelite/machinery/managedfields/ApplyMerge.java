package io.kubelite.machinery.managedfields;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The two value operations of server-side apply: merging an applied configuration into the live
 * object, and removing the fields an applier stopped applying.
 */
final class ApplyMerge {

    private ApplyMerge() {
    }

    /**
     * {@code config} merged into {@code live}: what the configuration sets wins, nothing is removed.
     * Structs and maps merge key by key, keyed lists item by item (a new item goes after the applied
     * item before it, or at the end), sets take the union, scalars and atomic values are replaced.
     * A {@code null} in the configuration clears the field.
     */
    static JsonNode merge(JsonNode live, JsonNode config, Shape shape) {
        if (live == null || shape.isLeaf(config) || shape.isLeaf(live) || live.isArray() != config.isArray()) {
            return config.deepCopy();
        }
        if (config.isArray()) {
            return mergeList((ArrayNode) live, (ArrayNode) config, shape);
        }
        ObjectNode result = ((ObjectNode) live).deepCopy();
        for (Map.Entry<String, JsonNode> entry : config.properties()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), merge(live.get(entry.getKey()), entry.getValue(), shape.child(entry.getKey())));
            }
        }
        return result;
    }

    private static ArrayNode mergeList(ArrayNode live, ArrayNode config, Shape shape) {
        Map<String, JsonNode> merged = new LinkedHashMap<>(PathElements.index(shape, live));
        List<String> order = new ArrayList<>(merged.keySet());
        String previous = null;
        for (int i = 0; i < config.size(); i++) {
            JsonNode item = config.get(i);
            String element = PathElements.item(shape, item, i);
            JsonNode existing = merged.get(element);
            merged.put(element, merge(existing, item, shape.child("")));
            if (existing == null) {
                order.add(previous == null ? order.size() : order.indexOf(previous) + 1, element);
            }
            previous = element;
        }
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        order.forEach(element -> result.add(merged.get(element)));
        return result;
    }

    /**
     * {@code value} without the map keys, struct fields and list items that are members of
     * {@code remove}, each with everything in it; a struct or map emptied by the removal goes too.
     */
    static JsonNode removeItems(JsonNode value, FieldSet remove, Shape shape) {
        if (remove.isEmpty() || shape.isLeaf(value)) {
            return value;
        }
        if (value.isArray()) {
            ArrayNode result = JsonNodeFactory.instance.arrayNode();
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                String element = PathElements.item(shape, item, i);
                if (remove.hasMember(element)) {
                    continue;
                }
                result.add(removeItems(item, remove.under(element), shape.child("")));
            }
            return result;
        }
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            String element = PathElements.field(entry.getKey());
            if (remove.hasMember(element)) {
                continue;
            }
            FieldSet below = remove.under(element);
            JsonNode kept = removeItems(entry.getValue(), below, shape.child(entry.getKey()));
            if (!below.isEmpty() && kept.isContainer() && kept.isEmpty() && !entry.getValue().isEmpty()) {
                continue;
            }
            result.set(entry.getKey(), kept);
        }
        return result;
    }
}
