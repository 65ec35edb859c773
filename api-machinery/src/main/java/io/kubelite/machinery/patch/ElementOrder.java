package io.kubelite.machinery.patch;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The order of a merged list, as Kubernetes decides it: the patch's order (or its
 * {@code $setElementOrder} list) for the elements the patch names, the live order for the
 * others, and the two interleaved so that a live-only element stays in front of the patch
 * elements that came after it in the live list.
 *
 * <p>Worked example: live containers {@code [a, b, c]}, {@code $setElementOrder}
 * {@code [c, a]}. The patch names {@code a} and {@code c}, ordered {@code [c, a]}; {@code b}
 * is live-only. Interleaving compares live positions: {@code b} (1) is before {@code c}
 * (2), so the result is {@code [b, c, a]}. An element the live list does not have (a new
 * container) never waits for live-only ones: live {@code [a, b]} and order
 * {@code [x, a]} give {@code [x, a, b]}.
 */
final class ElementOrder {

    private ElementOrder() {
    }

    /**
     * @param merged the merged elements in any order
     * @param patchOrder the patch list or {@code $setElementOrder} list; elements found in it
     *     are "patch elements"
     * @param liveOrder the live list before the merge
     * @param mergeKey the merge key, or "" to compare whole elements (scalar lists)
     */
    static ArrayNode apply(List<JsonNode> merged, List<JsonNode> patchOrder, List<JsonNode> liveOrder, String mergeKey) {
        List<JsonNode> patchItems = new ArrayList<>();
        List<JsonNode> liveOnly = new ArrayList<>();
        for (JsonNode item : merged) {
            (indexOf(patchOrder, item, mergeKey) >= 0 ? patchItems : liveOnly).add(item);
        }
        sortBy(patchItems, patchOrder, mergeKey);
        sortBy(liveOnly, liveOrder, mergeKey);
        return interleave(liveOnly, patchItems, liveOrder, mergeKey);
    }

    /**
     * Checks that the patch list names its elements in the relative order of the
     * {@code $setElementOrder} list and only elements that list names; deletions are exempt.
     */
    static void validate(JsonNode patchList, JsonNode order, String mergeKey) {
        if (patchList == null || patchList.isEmpty() || order.isEmpty()) {
            return;
        }
        List<JsonNode> items = new ArrayList<>();
        for (JsonNode item : patchList) {
            if (!isDirective(item, Directives.DELETE)) {
                items.add(item);
            }
        }
        int p = 0;
        int o = 0;
        while (p < items.size() && o < order.size()) {
            if (items.get(p).isObject() && items.get(p).has(Directives.PATCH)) {
                p++;
                continue;
            }
            if (JsonValues.equal(identity(items.get(p), mergeKey), identity(order.get(o), mergeKey))) {
                p++;
            }
            o++;
        }
        if (p < items.size()) {
            throw new PatchException("The order in patch list:\n" + JsonValues.describe(patchList)
                    + "\n doesn't match " + Directives.SET_ELEMENT_ORDER + " list:\n" + JsonValues.describe(order) + "\n");
        }
    }

    static boolean isDirective(JsonNode item, String directive) {
        JsonNode value = item.isObject() ? item.get(Directives.PATCH) : null;
        return value != null && value.isString() && value.stringValue().equals(directive);
    }

    private static void sortBy(List<JsonNode> items, List<JsonNode> order, String mergeKey) {
        items.sort(Comparator.comparingInt(item -> {
            int index = indexOf(order, item, mergeKey);
            return index < 0 ? Integer.MAX_VALUE : index;
        }));
    }

    private static ArrayNode interleave(List<JsonNode> liveOnly, List<JsonNode> patchItems, List<JsonNode> liveOrder,
            String mergeKey) {
        ArrayNode result = JsonNodeFactory.instance.arrayNode();
        int i = 0;
        int j = 0;
        while (i < liveOnly.size() || j < patchItems.size()) {
            if (j >= patchItems.size()) {
                result.add(liveOnly.get(i++));
            } else if (i >= liveOnly.size()) {
                result.add(patchItems.get(j++));
            } else {
                int left = indexOf(liveOrder, liveOnly.get(i), mergeKey);
                int right = indexOf(liveOrder, patchItems.get(j), mergeKey);
                result.add(left >= 0 && right >= 0 && left < right ? liveOnly.get(i++) : patchItems.get(j++));
            }
        }
        return result;
    }

    static int indexOf(List<JsonNode> list, JsonNode item, String mergeKey) {
        JsonNode wanted = identity(item, mergeKey);
        for (int i = 0; i < list.size(); i++) {
            if (JsonValues.equal(identity(list.get(i), mergeKey), wanted)) {
                return i;
            }
        }
        return -1;
    }

    /** What identifies an element: its merge key value, or the whole element for scalar lists. */
    private static JsonNode identity(JsonNode item, String mergeKey) {
        if (mergeKey.isEmpty()) {
            return item;
        }
        JsonNode id = item.isObject() ? item.get(mergeKey) : null;
        if (id == null) {
            throw Directives.noMergeKey(JsonValues.describe(item), mergeKey);
        }
        return id;
    }
}
