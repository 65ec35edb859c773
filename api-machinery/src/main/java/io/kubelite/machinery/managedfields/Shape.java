package io.kubelite.machinery.managedfields;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The structure of a value as server-side apply sees it (structured-merge-diff's schema): a
 * struct has named fields, a map has keys of one element type, a list is atomic, a set of scalars
 * or a map keyed by some of its elements' fields. An atomic struct, map or list is owned and
 * replaced as a whole ({@code spec.selector} of a Deployment); everything else is owned field by
 * field. Fields the schema does not name are untyped: their objects are maps, their lists atomic.
 */
public final class Shape {

    /** What a value is. */
    public enum Kind { SCALAR, STRUCT, MAP, LIST, UNTYPED }

    /** How a list's items are told apart. */
    public enum ListType { ATOMIC, SET, MAP }

    public static final Shape SCALAR = new Shape(Kind.SCALAR, true, null, ListType.ATOMIC, List.of(), Map.of());
    public static final Shape UNTYPED = new Shape(Kind.UNTYPED, false, null, ListType.ATOMIC, List.of(), Map.of());

    private final Kind kind;
    private final boolean atomic;
    private final Map<String, Shape> fields = new HashMap<>();
    private final Shape element;
    private final ListType listType;
    private final List<String> keys;
    private final Map<String, JsonNode> keyDefaults;

    private Shape(Kind kind, boolean atomic, Shape element, ListType listType, List<String> keys,
                  Map<String, JsonNode> keyDefaults) {
        this.kind = kind;
        this.atomic = atomic;
        this.element = element;
        this.listType = listType;
        this.keys = keys;
        this.keyDefaults = keyDefaults;
    }

    /** A struct whose fields are added with {@link #withField}, so that recursive types can refer to it. */
    public static Shape struct(boolean atomic) {
        return new Shape(Kind.STRUCT, atomic, null, ListType.ATOMIC, List.of(), Map.of());
    }

    public static Shape map(Shape element, boolean atomic) {
        return new Shape(Kind.MAP, atomic, element, ListType.ATOMIC, List.of(), Map.of());
    }

    public static Shape atomicList(Shape element) {
        return new Shape(Kind.LIST, true, element, ListType.ATOMIC, List.of(), Map.of());
    }

    public static Shape set(Shape element) {
        return new Shape(Kind.LIST, false, element, ListType.SET, List.of(), Map.of());
    }

    /**
     * A list whose items are identified by {@code keys}; a key an item leaves out takes its default
     * ({@code protocol} of a container port is {@code TCP}), as in Kubernetes.
     */
    public static Shape keyedList(Shape element, List<String> keys, Map<String, JsonNode> keyDefaults) {
        return new Shape(Kind.LIST, false, element, ListType.MAP, List.copyOf(keys), Map.copyOf(keyDefaults));
    }

    public Shape withField(String name, Shape shape) {
        if (kind != Kind.STRUCT) {
            throw new IllegalStateException("only a struct has fields");
        }
        fields.put(name, shape);
        return this;
    }

    public Kind kind() {
        return kind;
    }

    public ListType listType() {
        return listType;
    }

    List<String> keys() {
        return keys;
    }

    Map<String, JsonNode> keyDefaults() {
        return keyDefaults;
    }

    /** The shape of a struct's field, a map's values or a list's items. */
    Shape child(String name) {
        return switch (kind) {
            case STRUCT -> fields.getOrDefault(name, UNTYPED);
            case MAP, LIST -> element;
            default -> UNTYPED;
        };
    }

    boolean hasField(String name) {
        return kind == Kind.STRUCT && fields.containsKey(name);
    }

    /**
     * Whether {@code value}, of this shape, is owned as one: scalars, atomic types, lists of untyped
     * values, and any value whose JSON type is not the one the shape expects.
     */
    boolean isLeaf(JsonNode value) {
        if (value == null || value.isNull() || kind == Kind.SCALAR || atomic) {
            return true;
        }
        return switch (kind) {
            case STRUCT, MAP -> !value.isObject();
            case LIST -> !value.isArray();
            case UNTYPED -> !value.isObject();
            default -> true;
        };
    }
}
