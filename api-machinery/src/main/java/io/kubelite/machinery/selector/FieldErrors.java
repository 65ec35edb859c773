package io.kubelite.machinery.selector;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders validation errors the way {@code field.Error} and {@code utilerrors.Aggregate} do,
 * e.g. {@code values[0][app]: Invalid value: "-bad": a valid label must be ...}; several
 * errors become {@code [first, second]}.
 */
final class FieldErrors {

    private FieldErrors() {
    }

    static String invalid(String field, String quotedValue, String detail) {
        return field + ": Invalid value: " + quotedValue + ": " + detail;
    }

    static String aggregate(List<String> errors) {
        return errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]";
    }

    /** A string as Go's {@code %q} prints it. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
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

    /** A string list as Go's JSON encoding prints it; an absent list is {@code null}. */
    static String jsonList(List<String> values) {
        if (values.isEmpty()) {
            return "null";
        }
        return values.stream().map(FieldErrors::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
