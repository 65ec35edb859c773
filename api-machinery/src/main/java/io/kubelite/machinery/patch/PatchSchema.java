package io.kubelite.machinery.patch;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which lists of a resource merge, and by which key, for strategic merge patch.
 *
 * <p>A list is named by the field names from the root, ignoring array indexes: the
 * {@code env} of any container of a Deployment is {@code [spec, template, spec, containers,
 * env]}. Lists without a rule are replaced, as in Kubernetes for untagged fields.
 */
public final class PatchSchema {

    private final Map<List<String>, ListStrategy> lists;

    private PatchSchema(Map<List<String>, ListStrategy> lists) {
        this.lists = Map.copyOf(lists);
    }

    /** A schema from dotted paths, e.g. {@code "spec.ports" -> mergeByKey("port")}. */
    public static PatchSchema of(Map<String, ListStrategy> rulesByDottedPath) {
        Map<List<String>, ListStrategy> lists = new HashMap<>();
        rulesByDottedPath.forEach((path, strategy) -> lists.put(split(path), strategy));
        return new PatchSchema(lists);
    }

    public ListStrategy listStrategy(List<String> path) {
        return lists.getOrDefault(path, ListStrategy.replace());
    }

    static List<String> split(String dottedPath) {
        return List.copyOf(Arrays.asList(dottedPath.split("\\.")));
    }
}
