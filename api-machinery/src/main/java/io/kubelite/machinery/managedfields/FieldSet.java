package io.kubelite.machinery.managedfields;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A set of field paths, as {@code metadata.managedFields[].fieldsV1} stores it: a tree whose
 * edges are path elements ({@code f:spec}, {@code k:{"name":"nginx"}}, {@code v:"a"},
 * {@code i:0}) and whose nodes say whether the path to them is itself in the set. In fieldsV1 a
 * member with children carries {@code ".": {}} and a member without children is {@code {}}:
 * <pre>
 * {"f:metadata":{"f:labels":{".":{},"f:app":{}}},"f:spec":{"f:replicas":{}}}
 * </pre>
 * holds {@code .metadata.labels}, {@code .metadata.labels.app} and {@code .spec.replicas}. The
 * operations work path by path, never on whole subtrees: removing {@code .spec} from a set leaves
 * {@code .spec.replicas} in it.
 */
public final class FieldSet {

    private boolean member;
    private final TreeMap<String, FieldSet> children = new TreeMap<>();

    public static FieldSet empty() {
        return new FieldSet();
    }

    public boolean isEmpty() {
        return !member && children.isEmpty();
    }

    /** The set below {@code element}, empty when there is none; a view, not a copy. */
    FieldSet under(String element) {
        FieldSet child = children.get(element);
        return child == null ? EMPTY : child;
    }

    boolean isMember() {
        return member;
    }

    boolean hasChildren() {
        return !children.isEmpty();
    }

    /** Whether the path made of exactly {@code element} below this node is in the set. */
    boolean hasMember(String element) {
        FieldSet child = children.get(element);
        return child != null && child.member;
    }

    /** Whether {@code path} (its elements from the root) is in the set. */
    public boolean contains(List<String> path) {
        FieldSet node = this;
        for (String element : path) {
            node = node.children.get(element);
            if (node == null) {
                return false;
            }
        }
        return node.member;
    }

    FieldSet child(String element) {
        return children.computeIfAbsent(element, e -> new FieldSet());
    }

    void markMember() {
        member = true;
    }

    /** Drops the nodes that hold no member below them; returns this set. */
    FieldSet pruned() {
        children.values().removeIf(child -> child.pruned().isEmpty());
        return this;
    }

    /** Adds {@code other} below {@code element}, as the subtree of one child. */
    void put(String element, FieldSet other) {
        if (!other.isEmpty()) {
            children.put(element, other);
        }
    }

    public FieldSet union(FieldSet other) {
        FieldSet result = copy();
        result.addAll(other);
        return result;
    }

    private void addAll(FieldSet other) {
        member |= other.member;
        other.children.forEach((element, child) -> child(element).addAll(child));
    }

    public FieldSet difference(FieldSet other) {
        FieldSet result = new FieldSet();
        result.member = member && !other.member;
        children.forEach((element, child) -> {
            FieldSet theirs = other.children.get(element);
            result.put(element, theirs == null ? child.copy() : child.difference(theirs));
        });
        return result;
    }

    public FieldSet intersection(FieldSet other) {
        FieldSet result = new FieldSet();
        result.member = member && other.member;
        children.forEach((element, child) -> {
            FieldSet theirs = other.children.get(element);
            if (theirs != null) {
                result.put(element, child.intersection(theirs));
            }
        });
        return result;
    }

    public FieldSet copy() {
        FieldSet result = new FieldSet();
        result.member = member;
        children.forEach((element, child) -> result.children.put(element, child.copy()));
        return result;
    }

    /** Every path in the set, each as its elements from the root, in fieldsV1 order. */
    public List<List<String>> paths() {
        List<List<String>> paths = new ArrayList<>();
        collect(new ArrayList<>(), paths);
        return paths;
    }

    private void collect(List<String> prefix, List<List<String>> into) {
        if (member && !prefix.isEmpty()) {
            into.add(List.copyOf(prefix));
        }
        children.forEach((element, child) -> {
            prefix.add(element);
            child.collect(prefix, into);
            prefix.remove(prefix.size() - 1);
        });
    }

    /** The set as {@code fieldsV1}. */
    public ObjectNode toFieldsV1() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        if (member && !children.isEmpty()) {
            node.putObject(".");
        }
        children.forEach((element, child) -> node.set(element, child.toFieldsV1()));
        return node;
    }

    /** Reads {@code fieldsV1}; a value that is not one is refused with the reason. */
    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        if (!fieldsV1.isObject()) {
            throw new IllegalArgumentException("fieldsV1 must be an object, not " + fieldsV1.getNodeType());
        }
        FieldSet set = new FieldSet();
        for (Map.Entry<String, JsonNode> entry : fieldsV1.properties()) {
            String element = entry.getKey();
            if (element.equals(".")) {
                set.member = true;
                continue;
            }
            if (element.length() < 2 || element.charAt(1) != ':' || "fkvi".indexOf(element.charAt(0)) < 0) {
                throw new IllegalArgumentException("unknown path element " + element
                        + " (expected f:<field>, k:<keys>, v:<value> or i:<index>)");
            }
            FieldSet child = fromFieldsV1(entry.getValue());
            if (child.children.isEmpty()) {
                child.member = true;
            }
            set.children.put(element, child);
        }
        return set;
    }

    /**
     * A path as Kubernetes prints it in conflicts: {@code .spec.template.spec.containers[name="nginx"].image},
     * {@code .spec.ports[port=80,protocol="TCP"]}, {@code .metadata.finalizers[="a"]}, {@code .args[0]}.
     */
    public static String render(List<String> path) {
        StringBuilder out = new StringBuilder();
        for (String element : path) {
            String body = element.substring(2);
            switch (element.charAt(0)) {
                case 'f' -> out.append('.').append(body);
                case 'v' -> out.append("[=").append(body).append(']');
                case 'i' -> out.append('[').append(body).append(']');
                default -> out.append('[').append(renderKeys(body)).append(']');
            }
        }
        return out.toString();
    }

    private static String renderKeys(String json) {
        JsonNode keys = PathElements.JSON.readTree(json);
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, JsonNode> key : keys.properties()) {
            parts.add(key.getKey() + "=" + key.getValue());
        }
        return String.join(",", parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldSet other && member == other.member && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(member) * 31 + children.hashCode();
    }

    @Override
    public String toString() {
        return toFieldsV1().toString();
    }

    private static final FieldSet EMPTY = new FieldSet();
}
