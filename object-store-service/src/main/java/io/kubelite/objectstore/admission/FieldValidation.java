package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.errors.ApiException;

/** The {@code fieldValidation} query parameter: what to do with fields the schema does not know. */
public enum FieldValidation {
    STRICT, WARN, IGNORE;

    /** An absent parameter means Warn, as in Kubernetes. */
    public static FieldValidation parse(String value) {
        if (value == null || value.isEmpty()) {
            return WARN;
        }
        return switch (value) {
            case "Strict" -> STRICT;
            case "Warn" -> WARN;
            case "Ignore" -> IGNORE;
            default -> throw ApiException.badRequest("fieldValidation must be one of Ignore, Warn, Strict; got \""
                    + value + "\"");
        };
    }
}
