package io.kubelite.machinery.table;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * client-go's {@code JSONPath.PrintResults} for one matched value, as kube-apiserver fills a
 * {@code string} printer column: strings as they are, numbers and booleans as Go's
 * {@code fmt.Print} writes them, {@code null} as {@code <no value>}, objects and arrays as
 * Go's {@code json.Marshal} writes them (compact, keys sorted, {@code <>&} escaped).
 * Worked examples: {@code 3} prints {@code 3}; {@code 2.5} {@code 2.5}; {@code 1500000.0}
 * {@code 1.5e+06}; {@code {"b":1,"a":[true]}} {@code {"a":[true],"b":1}}.
 */
final class JsonPathText {

    private JsonPathText() {
    }

    static String print(JsonNode value) {
        if (value.isNull()) {
            return "<no value>";
        }
        if (value.isString()) {
            return value.stringValue();
        }
        if (value.isNumber()) {
            return value.isIntegralNumber() ? value.bigIntegerValue().toString() : goFloat(value.doubleValue());
        }
        if (value.isContainer()) {
            StringBuilder json = new StringBuilder();
            writeJson(value, json);
            return json.toString();
        }
        return value.asString();
    }

    /**
     * Go's {@code %v} for a float64: the shortest digits that read back the same, in
     * exponent form when the exponent is below -4 or at least 6 ({@code 0.0001},
     * {@code 1e-05}, {@code 123456}, {@code 1.234567e+06}).
     */
    static String goFloat(double value) {
        Digits digits = Digits.of(value);
        int exponent = digits.point() - 1;
        return exponent < -4 || exponent >= 6 ? digits.scientific() : digits.plain();
    }

    /** Go's {@code encoding/json} for a float64: plain unless below 1e-6 or from 1e21 on. */
    private static String jsonFloat(double value) {
        double abs = Math.abs(value);
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            return Digits.of(value).scientific().replaceFirst("e-0(\\d)$", "e-$1");
        }
        return Digits.of(value).plain();
    }

    private static void writeJson(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeString(members.get(i).getKey(), out);
                out.append(':');
                writeJson(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeJson(value.get(i), out);
            }
            out.append(']');
        } else if (value.isString()) {
            writeString(value.stringValue(), out);
        } else if (value.isNumber() && !value.isIntegralNumber()) {
            out.append(jsonFloat(value.doubleValue()));
        } else {
            out.append(value.isNull() ? "null" : value.asString());
        }
    }

    private static void writeString(String text, StringBuilder out) {
        out.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> {
                    if (c < 0x20 || c == '<' || c == '>' || c == '&' || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    /** The decimal digits of a double without trailing zeros, and where the point goes. */
    private record Digits(boolean negative, String digits, int point) {

        static Digits of(double value) {
            BigDecimal decimal = new BigDecimal(Double.toString(Math.abs(value))).stripTrailingZeros();
            String digits = decimal.unscaledValue().toString();
            boolean negative = value < 0 || (value == 0 && 1 / value < 0);
            return new Digits(negative, digits, digits.length() - decimal.scale());
        }

        String plain() {
            String sign = negative ? "-" : "";
            if (point <= 0) {
                return sign + "0." + "0".repeat(-point) + digits;
            }
            if (point >= digits.length()) {
                return sign + digits + "0".repeat(point - digits.length());
            }
            return sign + digits.substring(0, point) + "." + digits.substring(point);
        }

        String scientific() {
            int exponent = point - 1;
            String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
            return (negative ? "-" : "") + mantissa + "e" + (exponent < 0 ? "-" : "+")
                    + (Math.abs(exponent) < 10 ? "0" : "") + Math.abs(exponent);
        }
    }
}
