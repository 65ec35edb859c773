package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.Directives.DELETE_FROM_PRIMITIVE_LIST;
import static io.kubelite.machinery.patch.Directives.RETAIN_KEYS;
import static io.kubelite.machinery.patch.Directives.SET_ELEMENT_ORDER;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Strategic merge of one map. Keys merge recursively, {@code null} deletes, and a value of
 * another type replaces. Directives are processed in Kubernetes' order: {@code $patch} on
 * the map itself, then {@code $retainKeys}, then each {@code $setElementOrder/<list>} with
 * its list, then the remaining keys including {@code $deleteFromPrimitiveList/<list>}.
 *
 * <p>A value the live object does not have yet is still run through the merge (against
 * nothing), so directives nested in it are resolved rather than stored: patching
 * {@code {"spec":{"template":{...,"$setElementOrder/containers":[...]}}}} into an object
 * without {@code spec.template} yields no {@code $}-keys either.
 */
final class MapMerge {

    private final PatchSchema schema;
    private final ListMerge lists;

    MapMerge(PatchSchema schema) {
        this.schema = schema;
        this.lists = new ListMerge(schema, this);
    }

    /** Merges {@code patch} into {@code live}, a map the caller owns (null for none), at {@code path}. */
    ObjectNode merge(ObjectNode live, ObjectNode patch, List<String> path) {
        JsonNode directive = patch.get(Directives.PATCH);
        if (directive != null) {
            return mapDirective(directive, patch, path);
        }
        ObjectNode result = live != null ? live : JsonNodeFactory.instance.objectNode();
        retainKeys(result, patch);
        Set<String> ordered = setElementOrders(result, patch, path);
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            if (key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER) || ordered.contains(key)) {
                continue;
            }
            if (key.startsWith(DELETE_FROM_PRIMITIVE_LIST)) {
                deleteFromPrimitiveList(result, key, entry.getValue());
            } else {
                mergeField(result, key, entry.getValue(), path);
            }
        }
        return result;
    }

    /** A patch value placed where the live object has nothing: merged against nothing, so it carries no directives. */
    JsonNode fresh(JsonNode value, List<String> path) {
        if (value instanceof ObjectNode object) {
            return merge(null, object, path);
        }
        if (value instanceof ArrayNode array) {
            return lists.merge(JsonNodeFactory.instance.arrayNode(), array, path);
        }
        return value.deepCopy();
    }

    private void mergeField(ObjectNode result, String key, JsonNode patchValue, List<String> path) {
        if (patchValue.isNull()) {
            result.remove(key);
            return;
        }
        JsonNode live = result.get(key);
        List<String> childPath = Directives.append(path, key);
        if (live instanceof ObjectNode liveMap && patchValue instanceof ObjectNode patchMap) {
            result.set(key, merge(liveMap, patchMap, childPath));
        } else if (live instanceof ArrayNode liveList && patchValue instanceof ArrayNode patchList) {
            result.set(key, lists.merge(liveList, patchList, childPath));
        } else {
            result.set(key, fresh(patchValue, childPath));
        }
    }

    /** {@code $patch: replace} makes the rest of the patch map the value; {@code $patch: delete} empties it. */
    private ObjectNode mapDirective(JsonNode directive, ObjectNode patch, List<String> path) {
        if (directive.isString() && directive.stringValue().equals(Directives.REPLACE)) {
            ObjectNode rest = patch.deepCopy();
            rest.remove(Directives.PATCH);
            return merge(null, rest, path);
        }
        if (directive.isString() && directive.stringValue().equals(Directives.DELETE)) {
            return JsonNodeFactory.instance.objectNode();
        }
        throw Directives.unknownPatchType(JsonValues.describe(directive), JsonValues.describe(patch));
    }

    /**
     * {@code $retainKeys} lists the keys the map keeps; the others are cleared before the
     * merge. Every key the patch sets must be listed: {@code {"$retainKeys":["a"],"b":1}} is
     * malformed, while {@code "b":null} is allowed.
     */
    private static void retainKeys(ObjectNode result, ObjectNode patch) {
        JsonNode retain = patch.get(RETAIN_KEYS);
        if (retain == null) {
            return;
        }
        if (!retain.isArray()) {
            throw new PatchException("invalid patch format of retainKeys");
        }
        Set<String> keep = new HashSet<>();
        retain.forEach(key -> keep.add(key.isString() ? key.stringValue() : key.toString()));
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            String key = entry.getKey();
            boolean directive = key.equals(RETAIN_KEYS) || key.startsWith(SET_ELEMENT_ORDER)
                    || key.startsWith(DELETE_FROM_PRIMITIVE_LIST);
            if (!directive && !entry.getValue().isNull() && !keep.contains(key)) {
                throw new PatchException("invalid patch format of retainKeys: \"" + key
                        + "\" is set by the patch but not listed in " + JsonValues.describe(retain));
            }
        }
        for (String key : new ArrayList<>(result.propertyNames())) {
            if (!keep.contains(key)) {
                result.remove(key);
            }
        }
    }

    /** Merges and orders every list named by a {@code $setElementOrder} directive; returns those list keys. */
    private Set<String> setElementOrders(ObjectNode result, ObjectNode patch, List<String> path) {
        Set<String> ordered = new HashSet<>();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (!entry.getKey().startsWith(SET_ELEMENT_ORDER)) {
                continue;
            }
            String listKey = Directives.listKey(entry.getKey(), SET_ELEMENT_ORDER);
            JsonNode order = entry.getValue();
            if (!order.isArray()) {
                throw Directives.malformedParallelList(SET_ELEMENT_ORDER);
            }
            JsonNode live = result.get(listKey);
            JsonNode patchList = patch.get(listKey);
            if (patchList != null && patchList.isNull()) {
                continue; // the list is deleted below; there is nothing to order
            }
            boolean hasLive = live != null && !live.isNull();
            boolean hasPatch = patchList != null && !patchList.isNull();
            requireList(hasLive, live, listKey);
            requireList(hasPatch, patchList, listKey);
            List<String> listPath = Directives.append(path, listKey);
            String mergeKey = schema.listStrategy(listPath).mergeKey();
            ElementOrder.validate(hasPatch ? patchList : null, order, mergeKey);
            if (!hasLive && !hasPatch) {
                continue;
            }
            List<JsonNode> liveOrder = hasLive ? ListMerge.elements(live) : List.of();
            ArrayNode merged = hasPatch
                    ? lists.merge(hasLive ? (ArrayNode) live : JsonNodeFactory.instance.arrayNode(), (ArrayNode) patchList,
                            listPath)
                    : (ArrayNode) live;
            result.set(listKey, ElementOrder.apply(ListMerge.elements(merged), ListMerge.elements(order), liveOrder, mergeKey));
            ordered.add(listKey);
        }
        return ordered;
    }

    private static void requireList(boolean present, JsonNode value, String listKey) {
        if (present && !value.isArray()) {
            throw new PatchException(SET_ELEMENT_ORDER + "/" + listKey + " orders " + listKey + ", which is "
                    + JsonValues.typeName(value) + ", not a list");
        }
    }

    private static void deleteFromPrimitiveList(ObjectNode result, String key, JsonNode toDelete) {
        String listKey = Directives.listKey(key, DELETE_FROM_PRIMITIVE_LIST);
        if (!toDelete.isArray()) {
            throw Directives.malformedParallelList(DELETE_FROM_PRIMITIVE_LIST);
        }
        if (result.get(listKey) instanceof ArrayNode live) {
            result.set(listKey, ListMerge.deleteScalars(live, toDelete));
        }
    }
}
