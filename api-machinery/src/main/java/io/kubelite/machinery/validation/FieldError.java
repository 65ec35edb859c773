package io.kubelite.machinery.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * One field-level validation failure, formatted exactly like Kubernetes' {@code field.Error}.
 * <p>Example: {@code new FieldError("spec.replicas", INVALID, -1L, "must be greater than or equal to 0")}
 * renders {@link #message()} as {@code Invalid value: -1: must be greater than or equal to 0} and
 * {@link #toString()} as {@code spec.replicas: Invalid value: -1: must be greater than or equal to 0}.
 *
 * @param field  the dotted path of the offending field
 * @param type   what kind of failure this is
 * @param value  the offending value; rendered as Go would ({@link GoValues})
 * @param detail free text appended after the value, may be empty
 */
public record FieldError(String field, Type type, Object value, String detail) {

    public enum Type {
        REQUIRED("FieldValueRequired", "Required value"),
        INVALID("FieldValueInvalid", "Invalid value"),
        NOT_SUPPORTED("FieldValueNotSupported", "Unsupported value"),
        DUPLICATE("FieldValueDuplicate", "Duplicate value"),
        FORBIDDEN("FieldValueForbidden", "Forbidden"),
        TOO_LONG("FieldValueTooLong", "Too long"),
        TOO_MANY("FieldValueTooMany", "Too many"),
        NOT_FOUND("FieldValueNotFound", "Not found");

        private final String reason;
        private final String label;

        Type(String reason, String label) {
            this.reason = reason;
            this.label = label;
        }

        /** The machine-readable cause type used in {@code Status.details.causes[].reason}. */
        public String reason() {
            return reason;
        }

        /** The human-readable prefix of the message, e.g. {@code Required value}. */
        public String label() {
            return label;
        }
    }

    public FieldError {
        detail = detail == null ? "" : detail;
    }

    public static FieldError required(FieldPath path, String detail) {
        return new FieldError(path.text(), Type.REQUIRED, "", detail);
    }

    public static FieldError invalid(FieldPath path, Object value, String detail) {
        return new FieldError(path.text(), Type.INVALID, value, detail);
    }

    public static FieldError notSupported(FieldPath path, Object value, List<String> supported) {
        List<String> quoted = new ArrayList<>();
        for (String s : supported) {
            quoted.add(GoValues.quote(s));
        }
        String detail = supported.isEmpty() ? "" : "supported values: " + String.join(", ", quoted);
        return new FieldError(path.text(), Type.NOT_SUPPORTED, value, detail);
    }

    public static FieldError duplicate(FieldPath path, Object value) {
        return new FieldError(path.text(), Type.DUPLICATE, value, "");
    }

    public static FieldError forbidden(FieldPath path, String detail) {
        return new FieldError(path.text(), Type.FORBIDDEN, "", detail);
    }

    public static FieldError tooLong(FieldPath path, int maxBytes) {
        return new FieldError(path.text(), Type.TOO_LONG, "", "must have at most " + maxBytes + " bytes");
    }

    public static FieldError tooMany(FieldPath path, int actual, int max) {
        return new FieldError(path.text(), Type.TOO_MANY, actual, "must have at most " + max + " items");
    }

    public static FieldError notFound(FieldPath path, Object value) {
        return new FieldError(path.text(), Type.NOT_FOUND, value, "");
    }

    /** The reason string of {@link #type()}, e.g. {@code FieldValueInvalid}. */
    public String reason() {
        return type.reason();
    }

    /** The message without the field name, like Go's {@code ErrorBody()}. */
    public String message() {
        String body = switch (type) {
            case REQUIRED, FORBIDDEN, TOO_LONG -> type.label();
            default -> type.label() + ": " + GoValues.format(value);
        };
        return detail.isEmpty() ? body : body + ": " + detail;
    }

    /** {@code field: message}, like Go's {@code Error()}. */
    @Override
    public String toString() {
        return field + ": " + message();
    }
}
