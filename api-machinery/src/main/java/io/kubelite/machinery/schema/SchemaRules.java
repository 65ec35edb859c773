package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Keywords.has;
import static io.kubelite.machinery.schema.Keywords.isTrue;
import static io.kubelite.machinery.schema.Keywords.text;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Everything kube-apiserver checks about one {@code openAPIV3Schema} of a v1 CRD, in its order
 * (apiextensions {@code validateCustomResourceDefinitionValidation}):
 * <ol>
 *   <li>with the status subresource, the root may only be {@code type: object} with keywords that
 *       keep their meaning once {@code properties[status]} is taken out;
 *   <li>the root is not {@code nullable};
 *   <li>the schema is structural ({@link StructuralRules}), and only then its defaults are valid
 *       ({@link DefaultRules});
 *   <li>only supported keywords and consistent extensions are used ({@link OpenApiSchemaRules}).
 * </ol>
 * Structural checks are skipped when the schema uses constructs kube cannot even read as a
 * structural schema ({@code $ref}, {@code items} as an array, ...), which step 4 reports.
 */
final class SchemaRules {

    /** The root keywords allowed with the status subresource, by JSON name, with kube's Go field names. */
    private static final Map<String, String> ALLOWED_AT_STATUS_ROOT = new LinkedHashMap<>();
    /** JSONSchemaProps' fields in Go declaration order, which is the order kube inspects them in. */
    private static final Map<String, String> GO_FIELDS = new LinkedHashMap<>();
    /** Keywords held by value in Go (zero means unset); every other keyword is a pointer, set when present. */
    private static final Set<String> VALUES = Set.of("id", "$schema", "description", "type", "format", "title", "pattern",
            "nullable", "uniqueItems", "exclusiveMaximum", "exclusiveMinimum", "x-kubernetes-embedded-resource",
            "x-kubernetes-int-or-string", "enum", "required", "allOf", "oneOf", "anyOf", "properties", "patternProperties",
            "dependencies", "definitions", "x-kubernetes-list-map-keys", "x-kubernetes-validations");
    private static final Set<String> UNREADABLE = Set.of("id is not supported", "$ref is not supported",
            "additionalItems is not supported", "patternProperties is not supported", "definitions is not supported",
            "dependencies is not supported", "items must be a schema object and not an array");

    static {
        String[][] fields = {
            {"id", "ID"}, {"$schema", "Schema"}, {"$ref", "Ref"}, {"description", "Description"}, {"type", "Type"},
            {"nullable", "Nullable"}, {"format", "Format"}, {"title", "Title"}, {"default", "Default"},
            {"maximum", "Maximum"}, {"exclusiveMaximum", "ExclusiveMaximum"}, {"minimum", "Minimum"},
            {"exclusiveMinimum", "ExclusiveMinimum"}, {"maxLength", "MaxLength"}, {"minLength", "MinLength"},
            {"pattern", "Pattern"}, {"maxItems", "MaxItems"}, {"minItems", "MinItems"}, {"uniqueItems", "UniqueItems"},
            {"multipleOf", "MultipleOf"}, {"enum", "Enum"}, {"maxProperties", "MaxProperties"},
            {"minProperties", "MinProperties"}, {"required", "Required"}, {"items", "Items"}, {"allOf", "AllOf"},
            {"oneOf", "OneOf"}, {"anyOf", "AnyOf"}, {"not", "Not"}, {"properties", "Properties"},
            {"additionalProperties", "AdditionalProperties"}, {"patternProperties", "PatternProperties"},
            {"dependencies", "Dependencies"}, {"additionalItems", "AdditionalItems"}, {"definitions", "Definitions"},
            {"externalDocs", "ExternalDocs"}, {"example", "Example"},
            {"x-kubernetes-preserve-unknown-fields", "XPreserveUnknownFields"},
            {"x-kubernetes-embedded-resource", "XEmbeddedResource"}, {"x-kubernetes-int-or-string", "XIntOrString"},
            {"x-kubernetes-list-map-keys", "XListMapKeys"}, {"x-kubernetes-list-type", "XListType"},
            {"x-kubernetes-map-type", "XMapType"}, {"x-kubernetes-validations", "XValidations"},
        };
        for (String[] f : fields) {
            GO_FIELDS.put(f[0], f[1]);
        }
        for (String name : List.of("description", "type", "format", "title", "maximum", "exclusiveMaximum", "minimum",
                "exclusiveMinimum", "maxLength", "minLength", "pattern", "maxItems", "minItems", "uniqueItems", "multipleOf",
                "required", "items", "properties", "externalDocs", "example", "x-kubernetes-preserve-unknown-fields",
                "x-kubernetes-validations")) {
            ALLOWED_AT_STATUS_ROOT.put(name, GO_FIELDS.get(name));
        }
    }

    private SchemaRules() {
    }

    static List<FieldError> check(JsonNode schema, FieldPath path, boolean statusSubresource) {
        List<FieldError> errs = new ArrayList<>();
        if (schema == null || !schema.isObject()) {
            errs.add(FieldError.required(path, "schemas are required"));
            return errs;
        }
        if (statusSubresource) {
            statusRoot(schema, path, errs);
        }
        if (isTrue(schema, "nullable")) {
            errs.add(FieldError.forbidden(path.child("nullable"), "nullable cannot be true at the root"));
        }
        List<FieldError> keywords = new ArrayList<>();
        OpenApiSchemaRules.check(schema, path, keywords);
        boolean readable = keywords.stream().noneMatch(e -> UNREADABLE.contains(e.detail()));
        if (readable) {
            List<FieldError> structural = StructuralRules.check(schema, path);
            errs.addAll(structural);
            if (structural.isEmpty()) {
                DefaultRules.check(schema, path, errs);
            }
        }
        errs.addAll(keywords);
        return errs;
    }

    /**
     * With the status subresource kube takes {@code properties[status]} out of the schema to
     * validate status writes, so the root may only hold keywords that still mean the same there.
     * Like kube it stops at the first offending keyword.
     */
    private static void statusRoot(JsonNode schema, FieldPath path, List<FieldError> errs) {
        for (String keyword : GO_FIELDS.keySet()) {
            if (!isSet(schema, keyword)) {
                continue;
            }
            if (keyword.equals("type")) {
                String type = text(schema, "type");
                if (!type.equals("object")) {
                    errs.add(FieldError.invalid(path.child("type"), type,
                            "only \"object\" is allowed as the type at the root of the schema if the status subresource is enabled"));
                    return;
                }
                continue;
            }
            if (!ALLOWED_AT_STATUS_ROOT.containsKey(keyword)) {
                errs.add(FieldError.invalid(path, new GoValues.Literal(GoFormat.json(schema)), "only ["
                        + String.join(" ", ALLOWED_AT_STATUS_ROOT.values())
                        + "] fields are allowed at the root of the schema if the status subresource is enabled"));
                return;
            }
        }
    }

    /** Whether a keyword holds a non-zero Go value: pointers count when set, values when not zero. */
    private static boolean isSet(JsonNode schema, String keyword) {
        if (!has(schema, keyword)) {
            return false;
        }
        return !VALUES.contains(keyword) || !Keywords.isZero(schema.get(keyword));
    }
}
