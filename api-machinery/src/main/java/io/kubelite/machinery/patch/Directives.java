package io.kubelite.machinery.patch;

import java.util.ArrayList;
import java.util.List;

/**
 * The directive keys of strategic merge patch and the messages for misusing them.
 *
 * <ul>
 *   <li>{@code "$patch": "replace" | "delete"} in a map or as a list element;</li>
 *   <li>{@code "$setElementOrder/containers": [{"name":"web"}]} beside a merged list;</li>
 *   <li>{@code "$deleteFromPrimitiveList/finalizers": ["a"]} beside a scalar list;</li>
 *   <li>{@code "$retainKeys": ["configMap","name"]} in a map.</li>
 * </ul>
 */
final class Directives {

    static final String PATCH = "$patch";
    static final String REPLACE = "replace";
    static final String DELETE = "delete";
    static final String MERGE = "merge";
    static final String RETAIN_KEYS = "$retainKeys";
    static final String SET_ELEMENT_ORDER = "$setElementOrder";
    static final String DELETE_FROM_PRIMITIVE_LIST = "$deleteFromPrimitiveList";

    private Directives() {
    }

    /**
     * The list a parallel-list directive refers to: {@code $setElementOrder/containers}
     * refers to {@code containers}. {@code $setElementOrderX/a} and a key without a slash are
     * malformed.
     */
    static String listKey(String directiveKey, String prefix) {
        int slash = directiveKey.indexOf('/');
        if (slash < 0 || !directiveKey.substring(0, slash).equals(prefix)) {
            throw malformedParallelList(prefix);
        }
        return directiveKey.substring(slash + 1);
    }

    static PatchException malformedParallelList(String prefix) {
        return new PatchException(prefix.equals(SET_ELEMENT_ORDER)
                ? "invalid patch format of setElementOrder list"
                : "invalid patch format of primitive list");
    }

    static PatchException unknownPatchType(String directive, Object map) {
        return new PatchException("unknown patch type: " + directive + " in map: " + map);
    }

    static PatchException noMergeKey(String map, String mergeKey) {
        return new PatchException("map: " + map + " does not contain declared merge key: " + mergeKey);
    }

    static List<String> append(List<String> path, String field) {
        List<String> child = new ArrayList<>(path.size() + 1);
        child.addAll(path);
        child.add(field);
        return List.copyOf(child);
    }
}
