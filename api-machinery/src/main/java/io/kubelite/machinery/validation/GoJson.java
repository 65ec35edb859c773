package io.kubelite.machinery.validation;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * JSON values written as Go writes the values kube-apiserver decodes them into ({@code int64},
 * {@code float64}, {@code map[string]interface{}}, {@code []interface{}}), for messages and
 * printer columns that must read as Kubernetes' do.
 *
 * <ul>
 *   <li>{@link #marshal}: {@code json.Marshal} — compact, object keys sorted, {@code <>&},
 *       U+2028/U+2029 and control characters escaped, floats plain unless below 1e-6 or from 1e21
 *       on: {@code {"b":1,"a":"<x>"}} → {@code {"a":"\u003cx\u003e","b":1}}, 1e-7 → {@code 1e-7};</li>
 *   <li>{@link #floatV}: {@code fmt}'s {@code %v} of a float64 — shortest digits, exponent form
 *       when the exponent is below -4 or at least 6: 0.0001 → {@code 0.0001}, 1500000.0 →
 *       {@code 1.5e+06}.</li>
 * </ul>
 */
public final class GoJson {

    private GoJson() {
    }

    public static String marshal(JsonNode value) {
        StringBuilder out = new StringBuilder();
        write(value, out);
        return out.toString();
    }

    public static String floatV(double d) {
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
        if (exp < -4 || exp >= 6) {
            return scientific(d < 0, digits, exp, true);
        }
        return bd.toPlainString();
    }

    /** {@code encoding/json}'s float64: plain, or {@code 1e-7} / {@code 1e+21} outside [1e-6, 1e21). */
    private static String jsonFloat(double d) {
        double abs = Math.abs(d);
        BigDecimal bd = new BigDecimal(Double.toString(d)).stripTrailingZeros();
        if (abs != 0 && (abs < 1e-6 || abs >= 1e21)) {
            String digits = bd.unscaledValue().abs().toString();
            return scientific(d < 0, digits, digits.length() - 1 - bd.scale(), false);
        }
        return bd.toPlainString();
    }

    /** {@code d.ddde±XX}: {@code %v} pads the exponent to two digits, {@code encoding/json} does not for negatives. */
    private static String scientific(boolean negative, String digits, int exp, boolean padded) {
        String mantissa = digits.length() == 1 ? digits : digits.charAt(0) + "." + digits.substring(1);
        String e = Integer.toString(Math.abs(exp));
        boolean pad = e.length() < 2 && (padded || exp > 0);
        return (negative ? "-" : "") + mantissa + "e" + (exp < 0 ? "-" : "+") + (pad ? "0" + e : e);
    }

    private static void write(JsonNode value, StringBuilder out) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            out.append("null");
        } else if (value.isObject()) {
            List<Map.Entry<String, JsonNode>> members = new ArrayList<>(value.properties());
            members.sort(Map.Entry.comparingByKey());
            out.append('{');
            for (int i = 0; i < members.size(); i++) {
                out.append(i == 0 ? "" : ",");
                writeString(members.get(i).getKey(), out);
                out.append(':');
                write(members.get(i).getValue(), out);
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(value.get(i), out);
            }
            out.append(']');
        } else if (value.isString()) {
            writeString(value.stringValue(), out);
        } else if (value.isIntegralNumber()) {
            out.append(value.bigIntegerValue());
        } else if (value.isNumber()) {
            out.append(jsonFloat(value.doubleValue()));
        } else {
            out.append(value.asString());
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
}
