package io.kubelite.machinery.managedfields;

import io.kubelite.machinery.patch.JsonValues;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The field sets of values and of the difference between two values, by their {@link Shape}.
 *
 * <p>{@link #of} lists what a value sets: every scalar and atomic value, every map key and list
 * item. For {@code {"metadata":{"labels":{"app":"web"}},"spec":{"replicas":2}}} that is
 * {@code .metadata.labels.app} and {@code .spec.replicas} — struct fields such as
 * {@code .spec} are not members, only what is in them.
 *
 * <p>{@link #compare} says which of those paths a change added, modified or removed; a map key,
 * list item, map or list that appears or disappears is itself added or removed, with everything in
 * it (so a creator owns {@code .metadata.labels} as well as each label, as in Kubernetes).
 */
public final class Fields {

    private Fields() {
    }

    /** The paths that {@code value} sets. */
    public static FieldSet of(JsonNode value, Shape shape) {
        FieldSet set = FieldSet.empty();
        collect(value, shape, set);
        return set.pruned();
    }

    private static void collect(JsonNode value, Shape shape, FieldSet into) {
        if (shape.isLeaf(value)) {
            return;
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                JsonNode item = value.get(i);
                FieldSet child = into.child(PathElements.item(shape, item, i));
                child.markMember();
                collect(item, shape.child(""), child);
            }
            return;
        }
        for (Map.Entry<String, JsonNode> entry : value.properties()) {
            Shape childShape = shape.child(entry.getKey());
            FieldSet child = into.child(PathElements.field(entry.getKey()));
            if (childShape.isLeaf(entry.getValue()) || isEmptyContainer(entry.getValue())
                    || !shape.hasField(entry.getKey())) {
                child.markMember();
            }
            collect(entry.getValue(), childShape, child);
        }
    }

    /** What changed from {@code before} to {@code after}; the root itself is never a member. */
    public static Comparison compare(JsonNode before, JsonNode after, Shape shape) {
        Comparison c = new Comparison(FieldSet.empty(), FieldSet.empty(), FieldSet.empty());
        compareChildren(before, after, shape, c);
        c.added().pruned();
        c.modified().pruned();
        c.removed().pruned();
        return c;
    }

    /** The paths a change added, modified and removed. */
    public record Comparison(FieldSet added, FieldSet modified, FieldSet removed) {

        public boolean isSame() {
            return added.isEmpty() && modified.isEmpty() && removed.isEmpty();
        }

        Comparison under(String element) {
            return new Comparison(added.child(element), modified.child(element), removed.child(element));
        }
    }

    private static void compareChildren(JsonNode before, JsonNode after, Shape shape, Comparison c) {
        if (after.isArray() && before.isArray()) {
            Map<String, JsonNode> old = PathElements.index(shape, before);
            Map<String, JsonNode> now = PathElements.index(shape, after);
            Set<String> elements = new LinkedHashSet<>(old.keySet());
            elements.addAll(now.keySet());
            for (String element : elements) {
                compareMember(old.get(element), now.get(element), shape.child(""), true, element, c);
            }
            return;
        }
        Set<String> names = new LinkedHashSet<>();
        before.propertyNames().forEach(names::add);
        after.propertyNames().forEach(names::add);
        for (String name : names) {
            compareMember(before.get(name), after.get(name), shape.child(name), !shape.hasField(name),
                    PathElements.field(name), c);
        }
    }

    /**
     * One struct field, map key or list item ({@code item} for the last two, whose appearing and
     * disappearing is itself a change).
     */
    private static void compareMember(JsonNode before, JsonNode after, Shape shape, boolean item, String element,
                                      Comparison c) {
        if (before == null && after == null) {
            return;
        }
        if (before == null || after == null) {
            JsonNode present = before == null ? after : before;
            FieldSet target = (before == null ? c.added() : c.removed()).child(element);
            if (item || shape.isLeaf(present) || isEmptyContainer(present) || shape.kind() == Shape.Kind.MAP
                    || shape.kind() == Shape.Kind.LIST) {
                target.markMember();
            }
            collect(present, shape, target);
            return;
        }
        boolean leaf = shape.isLeaf(before) || shape.isLeaf(after)
                || (isEmptyContainer(before) && isEmptyContainer(after))
                || before.isArray() != after.isArray();
        if (leaf) {
            if (!JsonValues.equal(before, after)) {
                c.modified().child(element).markMember();
            }
            return;
        }
        compareChildren(before, after, shape, c.under(element));
    }

    private static boolean isEmptyContainer(JsonNode value) {
        return value.isContainer() && value.isEmpty();
    }
}
