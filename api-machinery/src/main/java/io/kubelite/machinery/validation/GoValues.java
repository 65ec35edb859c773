package io.kubelite.machinery.validation;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders Java values the way Go's fmt renders the bad value of a field error:
 * strings with {@code %q}, numbers and booleans with {@code %v}, string maps and string slices
 * with {@code %#v} ({@code map[string]string{"app":"x"}}, {@code []string{"a", "b"}}).
 * Wrap a value in {@link Literal} to print it verbatim, as Go does for {@code fmt.Stringer}s
 * such as {@code IntOrString}.
 */
public final class GoValues {

    /** A value that prints as its text, unquoted. */
    public record Literal(String text) {
        @Override
        public String toString() {
            return text;
        }
    }

    private GoValues() {
    }

    public static String format(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Double d) {
            return formatFloat(d);
        }
        if (value instanceof Float f) {
            return formatFloat(f.doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            return formatMap(map);
        }
        if (value instanceof List<?> list) {
            return formatList(list);
        }
        return value.toString();
    }

    /**
     * A slice of a named string type as Go's {@code %#v} prints it:
     * {@code slice("admissionregistration.OperationType", List.of("*", "CREATE"))} is
     * {@code []admissionregistration.OperationType{"*", "CREATE"}}.
     */
    public static Literal slice(String elementType, List<String> values) {
        StringBuilder sb = new StringBuilder("[]").append(elementType).append('{');
        for (int i = 0; i < values.size(); i++) {
            sb.append(i == 0 ? "" : ", ").append(quote(values.get(i) == null ? "" : values.get(i)));
        }
        return new Literal(sb.append('}').toString());
    }

    /** Go's {@code strconv.Quote}: double quotes, backslash escapes for quotes and control characters. */
    public static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                case '\r' -> sb.append("\\r");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        sb.append(String.format("\\x%02x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }

    private static String formatFloat(double d) {
        if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e21) {
            return Long.toString((long) d);
        }
        return Double.toString(d);
    }

    private static String formatMap(Map<?, ?> map) {
        StringBuilder sb = new StringBuilder("map[string]string{");
        boolean first = true;
        for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
            if (!first) {
                sb.append(", ");
            }
            first = false;
            sb.append(quote(String.valueOf(e.getKey()))).append(':').append(quote(String.valueOf(e.getValue())));
        }
        return sb.append('}').toString();
    }

    private static String formatList(List<?> list) {
        StringBuilder sb = new StringBuilder("[]string{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(quote(String.valueOf(list.get(i))));
        }
        return sb.append('}').toString();
    }
}
