package io.kubelite.machinery.selector;

import io.kubelite.machinery.validation.GoValues;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Renders validation errors the way {@code field.Error} and {@code utilerrors.Aggregate} do,
 * e.g. {@code values[0][app]: Invalid value: "-bad": a valid label must be ...}; several
 * errors become {@code [first, second]}. Values are quoted with {@link GoValues#quote}.
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

    /** A string list as Go's JSON encoding prints it; an absent list is {@code null}. */
    static String jsonList(List<String> values) {
        if (values.isEmpty()) {
            return "null";
        }
        return values.stream().map(GoValues::quote).collect(Collectors.joining(",", "[", "]"));
    }
}
