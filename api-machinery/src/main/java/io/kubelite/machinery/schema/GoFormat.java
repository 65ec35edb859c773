package io.kubelite.machinery.schema;

import io.kubelite.machinery.validation.GoJson;
import io.kubelite.machinery.validation.GoValues;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * How kube-apiserver prints the JSON values of a custom resource, which it holds as Go values
 * ({@code int64} for integers, {@code float64} for other numbers, {@code map[string]interface{}},
 * {@code []interface{}}). Examples: the float {@code 1000000.0} prints {@code 1e+06} under
 * {@code %v}; {@code {"b":1,"a":"x"}} prints {@code map[string]interface {}{"a":"x", "b":1}} under
 * {@code %#v} and {@code {"a":"x","b":1}} through {@code json.Marshal}.
 */
final class GoFormat {

    private GoFormat() {
    }

    /** The type kube-openapi infers for a value: string, integer, number, boolean, array, object or null. */
    static String jsonType(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        if (node.isString()) {
            return "string";
        }
        if (node.isBoolean()) {
            return "boolean";
        }
        return node.isArray() ? "array" : "object";
    }

    /**
     * The bad value of a field error, as {@link io.kubelite.machinery.validation.FieldError} renders
     * it: strings quoted, integers plain, floats with Go's {@code %v}, a null as {@code "null"}
     * (field.Error quotes the word), containers with {@code %#v}.
     */
    static Object badValue(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isString()) {
            return node.stringValue();
        }
        if (node.isIntegralNumber()) {
            return node.canConvertToLong() ? (Object) node.longValue() : new GoValues.Literal(node.bigIntegerValue().toString());
        }
        if (node.isNumber()) {
            return new GoValues.Literal(floatV(node.doubleValue()));
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return new GoValues.Literal(sharpV(node));
    }

    /** A number as {@code %v} prints it: integers plain, floats per {@link #floatV}. */
    static String numberV(JsonNode node) {
        return node.isIntegralNumber() ? node.bigIntegerValue().toString() : floatV(node.doubleValue());
    }

    /** Go's {@code %#v} of a decoded JSON value held in an {@code interface{}}. */
    static String sharpV(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "interface {}(nil)";
        }
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("map[string]interface {}{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted(node).entrySet()) {
                sb.append(first ? "" : ", ").append(GoValues.quote(e.getKey())).append(':').append(sharpV(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[]interface {}{");
            for (int i = 0; i < node.size(); i++) {
                sb.append(i > 0 ? ", " : "").append(sharpV(node.get(i)));
            }
            return sb.append('}').toString();
        }
        if (node.isString()) {
            return GoValues.quote(node.stringValue());
        }
        return node.isNumber() ? numberV(node) : node.toString();
    }

    private static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }

    /** Go's {@code %v} of a {@code float64} ({@link GoJson#floatV}). */
    static String floatV(double d) {
        return GoJson.floatV(d);
    }

    /** Go's {@code json.Marshal} of a decoded value ({@link GoJson#marshal}). */
    static String json(JsonNode node) {
        return GoJson.marshal(node);
    }
}
