package io.kubelite.machinery.schema;

import io.kubelite.machinery.validation.GoValues;
import java.math.BigDecimal;
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

    /**
     * Go's {@code %v} of a {@code float64}: the shortest digits that read back the same number, in
     * exponent form when the exponent is below -4 or at least 6 ({@code 0.0001}, {@code 123456},
     * {@code 1.5e-05}, {@code 1e+06}).
     */
    static String floatV(double d) {
        if (Double.isNaN(d)) {
            return "NaN";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "+Inf" : "-Inf";
        }
        if (d == 0) {
            return 1 / d < 0 ? "-0" : "0";
        }
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        String digits = bd.unscaledValue().abs().toString();
        int exp = digits.length() - 1 - bd.scale();
        String sign = d < 0 ? "-" : "";
        if (exp < -4 || exp >= 6) {
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            String e = Integer.toString(Math.abs(exp));
            return sign + mantissa + "e" + (exp < 0 ? "-" : "+") + (e.length() < 2 ? "0" + e : e);
        }
        return bd.toPlainString();
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

    /**
     * Go's {@code json.Marshal} of a decoded value: object keys sorted, floats in plain notation
     * unless below 1e-6 or from 1e21 on ({@code 1e-07}, {@code 1e+21}), and {@code <}, {@code >},
     * {@code &} escaped as Go does.
     */
    static String json(JsonNode node) {
        if (node == null || node.isNull() || node.isMissingNode()) {
            return "null";
        }
        if (node.isObject()) {
            StringBuilder sb = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted(node).entrySet()) {
                sb.append(first ? "" : ",").append(jsonString(e.getKey())).append(':').append(json(e.getValue()));
                first = false;
            }
            return sb.append('}').toString();
        }
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < node.size(); i++) {
                sb.append(i > 0 ? "," : "").append(json(node.get(i)));
            }
            return sb.append(']').toString();
        }
        if (node.isString()) {
            return jsonString(node.stringValue());
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue().toString();
        }
        if (node.isNumber()) {
            return jsonFloat(node.doubleValue());
        }
        return node.toString();
    }

    private static String jsonFloat(double d) {
        double abs = Math.abs(d);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            // Go writes e-07 as e-7 and e+21 as e+21
            return floatV(d).replaceAll("e([-+])0(\\d)$", "e$1$2");
        }
        return new BigDecimal(Double.toString(d)).stripTrailingZeros().toPlainString();
    }

    private static String jsonString(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '<', '>', '&' -> sb.append(String.format("\\u%04x", (int) c));
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static Map<String, JsonNode> sorted(JsonNode object) {
        Map<String, JsonNode> out = new TreeMap<>();
        object.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        return out;
    }
}
