package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Keywords.has;
import static io.kubelite.machinery.schema.Keywords.isTrue;
import static io.kubelite.machinery.schema.Keywords.object;
import static io.kubelite.machinery.schema.Keywords.properties;
import static io.kubelite.machinery.schema.Keywords.text;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;

/**
 * The invariants of a structural schema (apiextensions {@code ValidateStructural}), sorted by
 * message as kube sorts them.
 *
 * <p>A schema is structural when every node states its {@code type} (except below
 * {@code x-kubernetes-int-or-string} or {@code x-kubernetes-preserve-unknown-fields}), the root is
 * an object without {@code additionalProperties}, arrays have {@code items}, root {@code metadata}
 * restricts at most {@code name} and {@code generateName}, and {@code allOf}, {@code anyOf},
 * {@code oneOf} and {@code not} only add value validations to what is specified outside them. Example:
 * {@code {type: object, properties: {spec: {properties: {replicas: {type: integer}}}}}} yields
 * {@code <path>.properties[spec].type: Required value: must not be empty for specified object fields}.
 */
final class StructuralRules {

    private enum Level { ROOT, ITEM, FIELD }

    /** What root {@code metadata} may say besides restricting name and generateName. */
    private static final Set<String> METADATA_KEYWORDS = Set.of("type", "default", "properties", "example", "externalDocs");
    private static final Set<String> METADATA_PROPERTIES = Set.of("name", "generateName");

    private StructuralRules() {
    }

    static List<FieldError> check(JsonNode schema, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        invariants(schema, Level.ROOT, path, errs);
        errs.sort(Comparator.comparing(FieldError::toString));
        return errs;
    }

    private static void invariants(JsonNode s, Level level, FieldPath p, List<FieldError> errs) {
        String type = text(s, "type");
        if (type.equals("array") && !has(s, "items")) {
            errs.add(FieldError.required(p.child("items"), "must be specified"));
        }
        JsonNode items = object(s, "items");
        if (items != null) {
            invariants(items, Level.ITEM, p.child("items"), errs);
        }
        for (Map.Entry<String, JsonNode> e : properties(s, "properties").entrySet()) {
            if (e.getValue().isObject()) {
                invariants(e.getValue(), Level.FIELD, p.child("properties").key(e.getKey()), errs);
            }
        }
        if (has(s, "additionalProperties")) {
            if (level == Level.ROOT) {
                errs.add(FieldError.forbidden(p.child("additionalProperties"), "must not be used at the root"));
            }
            JsonNode additional = object(s, "additionalProperties");
            if (additional != null) {
                invariants(additional, Level.FIELD, p.child("additionalProperties"), errs);
            }
        }
        boolean intOrString = isTrue(s, "x-kubernetes-int-or-string");
        boolean preserve = isTrue(s, "x-kubernetes-preserve-unknown-fields");
        boolean embedded = isTrue(s, "x-kubernetes-embedded-resource");
        if (intOrString && preserve) {
            errs.add(FieldError.invalid(p.child("x-kubernetes-preserve-unknown-fields"), true, "must be false if x-kubernetes-int-or-string is true"));
        }
        if (intOrString && embedded) {
            errs.add(FieldError.invalid(p.child("x-kubernetes-embedded-resource"), true, "must be false if x-kubernetes-int-or-string is true"));
        }
        valueValidation(s, isIntOrStringAnyOf(s), isIntOrStringAllOf(s), p, errs);

        if (embedded && !type.equals("object")) {
            errs.add(type.isEmpty()
                    ? FieldError.required(p.child("type"), "must be object if x-kubernetes-embedded-resource is true")
                    : FieldError.invalid(p.child("type"), type, "must be object if x-kubernetes-embedded-resource is true"));
        } else if (type.isEmpty() && !intOrString && !preserve) {
            errs.add(FieldError.required(p.child("type"), switch (level) {
                case ROOT -> "must not be empty at the root";
                case ITEM -> "must not be empty for specified array items";
                case FIELD -> "must not be empty for specified object fields";
            }));
        }
        if (embedded && has(s, "additionalProperties")) {
            errs.add(FieldError.forbidden(p.child("additionalProperties"), "must not be used if x-kubernetes-embedded-resource is set"));
        }
        if (level == Level.ROOT && !type.isEmpty() && !type.equals("object")) {
            errs.add(FieldError.invalid(p.child("type"), type, "must be object at the root"));
        }
        if (level == Level.ROOT || embedded) {
            typeMeta(s, p, errs);
        }
        JsonNode metadata = properties(s, "properties").get("metadata");
        if (level == Level.ROOT && metadata != null && metadata.isObject() && !onlyNameRestricted(metadata)) {
            errs.add(FieldError.forbidden(p.child("properties").key("metadata"),
                    "must not specify anything other than name and generateName, but metadata is implicitly specified"));
        }
        if (embedded && !preserve && properties(s, "properties").isEmpty()) {
            errs.add(FieldError.required(p.child("properties"),
                    "must not be empty if x-kubernetes-embedded-resource is true without x-kubernetes-preserve-unknown-fields"));
        }
    }

    /** kind and apiVersion must be strings and metadata an object, at the root and in embedded resources. */
    private static void typeMeta(JsonNode s, FieldPath p, List<FieldError> errs) {
        Map<String, JsonNode> props = properties(s, "properties");
        for (String key : List.of("kind", "apiVersion")) {
            if (props.containsKey(key) && !text(props.get(key), "type").equals("string")) {
                errs.add(FieldError.invalid(p.child("properties").key(key).child("type"), text(props.get(key), "type"), "must be string"));
            }
        }
        if (props.containsKey("metadata") && !text(props.get("metadata"), "type").equals("object")) {
            errs.add(FieldError.invalid(p.child("properties").key("metadata").child("type"), text(props.get("metadata"), "type"), "must be object"));
        }
    }

    private static boolean onlyNameRestricted(JsonNode metadata) {
        for (Map.Entry<String, JsonNode> e : metadata.properties()) {
            if (e.getKey().equals("properties")) {
                if (!METADATA_PROPERTIES.containsAll(properties(metadata, "properties").keySet())) {
                    return false;
                }
            } else if (!METADATA_KEYWORDS.contains(e.getKey()) && !Keywords.isZero(e.getValue())) {
                return false;
            }
        }
        return true;
    }

    private static void valueValidation(JsonNode v, boolean skipAnyOf, boolean skipFirstAllOfAnyOf, FieldPath p, List<FieldError> errs) {
        if (!skipAnyOf) {
            List<JsonNode> anyOf = Keywords.array(v, "anyOf");
            for (int i = 0; i < anyOf.size(); i++) {
                nested(anyOf.get(i), false, false, p.child("anyOf").index(i), errs);
            }
        }
        List<JsonNode> allOf = Keywords.array(v, "allOf");
        for (int i = 0; i < allOf.size(); i++) {
            nested(allOf.get(i), skipFirstAllOfAnyOf && i == 0, false, p.child("allOf").index(i), errs);
        }
        List<JsonNode> oneOf = Keywords.array(v, "oneOf");
        for (int i = 0; i < oneOf.size(); i++) {
            nested(oneOf.get(i), false, false, p.child("oneOf").index(i), errs);
        }
        JsonNode not = object(v, "not");
        if (not != null) {
            nested(not, false, false, p.child("not"), errs);
        }
        String pattern = text(v, "pattern");
        if (!pattern.isEmpty()) {
            try {
                Pattern.compile(pattern);
            } catch (PatternSyntaxException e) {
                errs.add(FieldError.invalid(p.child("pattern"), pattern,
                        "must be a valid regular expression, but isn't: " + e.getDescription()));
            }
        }
    }

    /** A schema below allOf/anyOf/oneOf/not: value validations only, nothing that specifies fields. */
    private static void nested(JsonNode v, boolean skipAnyOf, boolean skipAllOfAnyOf, FieldPath p, List<FieldError> errs) {
        if (!v.isObject()) {
            return;
        }
        valueValidation(v, skipAnyOf, skipAllOfAnyOf, p, errs);
        JsonNode items = object(v, "items");
        if (items != null) {
            nested(items, false, false, p.child("items"), errs);
        }
        Map<String, JsonNode> props = properties(v, "properties");
        for (Map.Entry<String, JsonNode> e : props.entrySet()) {
            nested(e.getValue(), false, false, p.child("properties").key(e.getKey()), errs);
        }
        forbid(v, "type", p, "must be empty to be structural", errs);
        if (has(v, "additionalProperties")) {
            errs.add(FieldError.forbidden(p.child("additionalProperties"), "must be undefined to be structural"));
        }
        if (has(v, "default")) {
            errs.add(FieldError.forbidden(p.child("default"), "must be undefined to be structural"));
        }
        forbid(v, "title", p, "must be empty to be structural", errs);
        forbid(v, "description", p, "must be empty to be structural", errs);
        forbid(v, "nullable", p, "must be false to be structural", errs);
        forbid(v, "x-kubernetes-preserve-unknown-fields", p, "must be false to be structural", errs);
        forbid(v, "x-kubernetes-embedded-resource", p, "must be false to be structural", errs);
        forbid(v, "x-kubernetes-int-or-string", p, "must be false to be structural", errs);
        forbid(v, "x-kubernetes-list-map-keys", p, "must be empty to be structural", errs);
        if (has(v, "x-kubernetes-list-type")) {
            errs.add(FieldError.forbidden(p.child("x-kubernetes-list-type"), "must be undefined to be structural"));
        }
        if (props.containsKey("metadata")) {
            errs.add(FieldError.forbidden(p.child("properties").key("metadata"), "must not be specified in a nested context"));
        }
    }

    private static void forbid(JsonNode v, String key, FieldPath p, String detail, List<FieldError> errs) {
        if (!Keywords.isZero(v.get(key))) {
            errs.add(FieldError.forbidden(p.child(key), detail));
        }
    }

    /** The int-or-string exception: {@code anyOf: [{type: integer}, {type: string}]}. */
    private static boolean isIntOrStringAnyOf(JsonNode s) {
        List<JsonNode> anyOf = Keywords.array(s, "anyOf");
        return anyOf.size() == 2 && onlyType(anyOf.get(0), "integer") && onlyType(anyOf.get(1), "string");
    }

    /** The other int-or-string exception: {@code allOf: [{anyOf: [{type: integer}, {type: string}]}, ...]}. */
    private static boolean isIntOrStringAllOf(JsonNode s) {
        List<JsonNode> allOf = Keywords.array(s, "allOf");
        return !allOf.isEmpty() && isIntOrStringAnyOf(allOf.get(0));
    }

    private static boolean onlyType(JsonNode v, String type) {
        return v.isObject() && v.size() == 1 && text(v, "type").equals(type);
    }
}
