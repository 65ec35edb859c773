package io.kubelite.machinery.patch;

import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/** Value semantics of JSON trees that Jackson's {@code equals} does not provide. */
public final class JsonValues {

    private JsonValues() {
    }

    /**
     * JSON equality: numbers compare by value ({@code 80} equals {@code 80.0}, as both are the
     * same float64 in Kubernetes), objects ignore property order, arrays compare in order.
     * Two absent values (Java null) are equal. A body read back from JSONB holds {@code 30} as an
     * int where the same field written by the server holds a long: equal.
     */
    public static boolean equal(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isObject() && b.isObject()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (Map.Entry<String, JsonNode> e : a.properties()) {
                if (!equal(e.getValue(), b.get(e.getKey()))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            Iterator<JsonNode> left = a.iterator();
            Iterator<JsonNode> right = b.iterator();
            while (left.hasNext()) {
                if (!equal(left.next(), right.next())) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    /**
     * A value the way Kubernetes prints it in patch errors (Go's {@code %v}):
     * {@code {"name":"web","image":"nginx"}} reads {@code map[image:nginx name:web]}.
     */
    static String describe(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "<nil>";
        }
        if (node.isObject()) {
            Map<String, JsonNode> sorted = new TreeMap<>();
            node.properties().forEach(e -> sorted.put(e.getKey(), e.getValue()));
            return sorted.entrySet().stream()
                    .map(e -> e.getKey() + ":" + describe(e.getValue()))
                    .collect(Collectors.joining(" ", "map[", "]"));
        }
        if (node.isArray()) {
            return StreamSupport.stream(node.spliterator(), false)
                    .map(JsonValues::describe)
                    .collect(Collectors.joining(" ", "[", "]"));
        }
        return node.isString() ? node.stringValue() : node.toString();
    }

    /** The JSON type of a node as a word for messages: object, array, string, number, boolean, null. */
    static String typeName(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return switch (node.getNodeType()) {
            case OBJECT -> "object";
            case ARRAY -> "array";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }
}
