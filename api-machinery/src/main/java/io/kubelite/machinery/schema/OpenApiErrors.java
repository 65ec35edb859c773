package io.kubelite.machinery.schema;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * The failures of kube-openapi's validator, already turned into field errors the way
 * apiextensions-apiserver turns them ({@code kubeOpenAPIResultToFieldErrors}).
 *
 * <p>kube-openapi names a value by its dotted path ({@code spec.ports[0].name}) and writes that name
 * into its message ({@code spec.ports[0].name in body should match '^[a-z]+$'}); the field error's
 * path is the same name, below {@code base} when one is given (the {@code default} of a CRD schema
 * node). A required property at the root is named {@code .spec}: the dot stays in the message and
 * is dropped from the path. Examples of the mapping:
 * <ul>
 *   <li>required: {@code spec.image: Required value}
 *   <li>enum: {@code spec.mode: Unsupported value: "x": supported values: "a", "b"}
 *   <li>maxLength: {@code spec.name: Too long: may not be more than 5 bytes}
 *   <li>maxItems, maxProperties: {@code spec.args: Too many: 4: must have at most 3 items}
 *   <li>anything else: {@code spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1}
 * </ul>
 */
final class OpenApiErrors {

    /** How {@code field.Path} prints the nil path that errors without a location get. */
    static final String NIL_PATH = "<nil>";

    private final FieldPath base;

    /** @param base the path every name is appended to, or null for a custom resource's root */
    OpenApiErrors(FieldPath base) {
        this.base = base;
    }

    FieldError required(String name) {
        return FieldError.required(path(name), "");
    }

    /** @param value what was found: a type name ({@code "string"}), {@code "null"}, or a string failing its format */
    FieldError invalidType(String name, String typeName, String value) {
        return FieldError.invalid(path(name), value, name + " in body must be of type " + typeName + ": " + GoValues.quote(value));
    }

    FieldError tooLong(String name, long max) {
        return new FieldError(path(name).text(), FieldError.Type.TOO_LONG, "", "may not be more than " + max + " bytes");
    }

    FieldError tooShort(String name, long min, String value) {
        return FieldError.invalid(path(name), value, name + " in body should be at least " + min + " chars long");
    }

    FieldError pattern(String name, String pattern, String value) {
        return FieldError.invalid(path(name), value, name + " in body should match '" + pattern + "'");
    }

    FieldError enumFail(String name, JsonNode value, List<JsonNode> allowed) {
        List<String> values = new ArrayList<>();
        for (JsonNode v : allowed) {
            values.add(v.isString() ? v.stringValue() : GoFormat.json(v));
        }
        return FieldError.notSupported(path(name), GoFormat.badValue(value), values);
    }

    FieldError multipleOf(String name, String factor, JsonNode value) {
        return FieldError.invalid(path(name), GoFormat.badValue(value), name + " in body should be a multiple of " + factor);
    }

    FieldError maximum(String name, String max, boolean exclusive, JsonNode value) {
        String bound = exclusive ? " should be less than " : " should be less than or equal to ";
        return FieldError.invalid(path(name), GoFormat.badValue(value), name + " in body" + bound + max);
    }

    FieldError minimum(String name, String min, boolean exclusive, JsonNode value) {
        String bound = exclusive ? " should be greater than " : " should be greater than or equal to ";
        return FieldError.invalid(path(name), GoFormat.badValue(value), name + " in body" + bound + min);
    }

    FieldError tooFewItems(String name, long min, int size) {
        return FieldError.invalid(path(name), (long) size, name + " in body should have at least " + min + " items");
    }

    FieldError tooManyItems(String name, long max, int size) {
        return FieldError.tooMany(path(name), size, (int) max);
    }

    FieldError duplicateItems(String name) {
        return FieldError.invalid(path(name), "", name + " in body shouldn't contain duplicates");
    }

    FieldError tooFewProperties(String name, long min, int count) {
        return FieldError.invalid(path(name), (long) count, name + " in body should have at least " + min + " properties");
    }

    FieldError tooManyProperties(String name, long max, int count) {
        return FieldError.tooMany(path(name), count, (int) max);
    }

    FieldError propertyNotAllowed(String name, String key) {
        return FieldError.invalid(path(name), key, name + "." + key + " in body is a forbidden property");
    }

    /**
     * A failure of {@code allOf}, {@code anyOf}, {@code oneOf} or {@code not}: kube-openapi reports it
     * as a plain error without a location, so the field error sits at the base path ({@code <nil>}
     * for a custom resource) with an empty value, e.g. {@code "spec.port" must validate at least one
     * schema (anyOf)}.
     */
    FieldError composite(String message) {
        return new FieldError(base == null ? NIL_PATH : base.text(), FieldError.Type.INVALID, "", message);
    }

    private FieldPath path(String name) {
        if (name.isEmpty() || name.equals(".")) {
            return base == null ? new FieldPath(NIL_PATH) : base;
        }
        String trimmed = name.startsWith(".") ? name.substring(1) : name;
        return base == null ? new FieldPath(trimmed) : base.child(trimmed);
    }
}
