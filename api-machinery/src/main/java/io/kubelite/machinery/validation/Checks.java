package io.kubelite.machinery.validation;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** Small shared checks with Kubernetes' wording. */
final class Checks {

    static final String NEGATIVE = "must be greater than or equal to 0";

    private Checks() {
    }

    static FieldError negative(FieldPath path, long value) {
        return FieldError.invalid(path, value, NEGATIVE);
    }

    /** Adds the Kubernetes "must be greater than or equal to 0" error when a set value is negative. */
    static void nonNegative(List<FieldError> errs, FieldPath path, Number value) {
        if (value != null && value.longValue() < 0) {
            errs.add(negative(path, value.longValue()));
        }
    }

    static long utf8Length(String s) {
        return s == null ? 0 : s.getBytes(StandardCharsets.UTF_8).length;
    }

    static boolean isEmpty(String s) {
        return s == null || s.isEmpty();
    }

    static boolean isEmpty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }

    static boolean isEmpty(List<?> l) {
        return l == null || l.isEmpty();
    }

    static <T> List<T> orEmpty(List<T> l) {
        return l == null ? List.of() : l;
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> m) {
        return m == null ? Map.of() : m;
    }

    static String or(String value, String fallback) {
        return value == null || value.isEmpty() ? fallback : value;
    }

    /** A label map as Go's {@code %#v} prints it, including the nil map. */
    static Object labelsValue(Map<String, String> labels) {
        return labels == null ? new GoValues.Literal("map[string]string(nil)") : labels;
    }
}
