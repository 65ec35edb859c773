package io.kubelite.machinery.schema;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code openAPIV3Schema} of one CustomResourceDefinition version, read once and then used for
 * every custom resource of that version, the way kube-apiserver's apiextensions handler uses it:
 * {@link #prune} drops undeclared fields, {@link #applyDefaults} fills {@code default}s, and
 * {@link #validate} judges the result with kube-openapi's rules and wording.
 *
 * <p>Example, for a schema declaring {@code spec.replicas} as an integer with {@code minimum: 1} and
 * {@code default: 1}, and {@code spec.image} as a required string:
 * <pre>{@code
 * StructuralSchema schema = StructuralSchema.of(openAPIV3Schema);
 * ObjectNode cr = ...; // {"spec":{"replicas":"three","foo":1}}
 * schema.prune(cr);          // ["spec.foo"]  (fieldValidation=Strict answers: unknown field "spec.foo")
 * schema.applyDefaults(cr);  // nothing to fill: replicas is set
 * schema.validate(cr);       // spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"
 *                            // spec.image: Required value
 * }</pre>
 *
 * <p>A node of the tree keeps only what the runtime needs; the CRD-time rules that a schema must
 * be structural ({@link #structuralErrors}) read the raw JSON, since they judge constructs such as
 * {@code $ref} that this tree does not represent.
 */
public final class StructuralSchema {

    /** {@code additionalProperties}: {@code true}/{@code false}, or a schema for every other key. */
    record Additional(boolean allows, StructuralSchema schema) {
    }

    final String type;
    final boolean nullable;
    final String format;
    final Map<String, StructuralSchema> properties;
    final List<String> required;
    final StructuralSchema items;
    final Additional additionalProperties;
    final List<JsonNode> enumValues;
    final Double minimum;
    final Double maximum;
    final boolean exclusiveMinimum;
    final boolean exclusiveMaximum;
    final Double multipleOf;
    final Long minLength;
    final Long maxLength;
    final String pattern;
    final Pattern compiledPattern;
    final Long minItems;
    final Long maxItems;
    final boolean uniqueItems;
    final Long minProperties;
    final Long maxProperties;
    final JsonNode defaultValue;
    final boolean preserveUnknownFields;
    final boolean intOrString;
    final boolean embeddedResource;
    final String listType;
    final List<String> listMapKeys;
    final List<StructuralSchema> allOf;
    final List<StructuralSchema> anyOf;
    final List<StructuralSchema> oneOf;
    final StructuralSchema not;

    private StructuralSchema(JsonNode s) {
        type = text(s, "type");
        nullable = flag(s, "nullable");
        format = text(s, "format");
        properties = Collections.unmodifiableMap(children(s.get("properties")));
        required = strings(s.get("required"));
        JsonNode itemsNode = s.get("items");
        items = itemsNode != null && itemsNode.isObject() ? new StructuralSchema(itemsNode) : null;
        additionalProperties = additional(s.get("additionalProperties"));
        enumValues = s.has("enum") && s.get("enum").isArray() ? List.copyOf(s.get("enum").valueStream().toList()) : List.of();
        minimum = number(s, "minimum");
        maximum = number(s, "maximum");
        exclusiveMinimum = flag(s, "exclusiveMinimum");
        exclusiveMaximum = flag(s, "exclusiveMaximum");
        multipleOf = number(s, "multipleOf");
        minLength = whole(s, "minLength");
        maxLength = whole(s, "maxLength");
        pattern = text(s, "pattern");
        compiledPattern = compile(pattern);
        minItems = whole(s, "minItems");
        maxItems = whole(s, "maxItems");
        uniqueItems = flag(s, "uniqueItems");
        minProperties = whole(s, "minProperties");
        maxProperties = whole(s, "maxProperties");
        defaultValue = s.has("default") ? s.get("default") : null;
        preserveUnknownFields = flag(s, "x-kubernetes-preserve-unknown-fields");
        intOrString = flag(s, "x-kubernetes-int-or-string");
        embeddedResource = flag(s, "x-kubernetes-embedded-resource");
        listType = text(s, "x-kubernetes-list-type");
        listMapKeys = strings(s.get("x-kubernetes-list-map-keys"));
        allOf = list(s.get("allOf"));
        anyOf = list(s.get("anyOf"));
        oneOf = list(s.get("oneOf"));
        not = s.has("not") && s.get("not").isObject() ? new StructuralSchema(s.get("not")) : null;
    }

    /**
     * Reads a schema as written in {@code spec.versions[*].schema.openAPIV3Schema}. Keywords the
     * runtime does not use ({@code description}, {@code x-kubernetes-validations}, ...) are ignored;
     * a {@code pattern} that does not compile is kept and reported by {@link #validate}.
     */
    public static StructuralSchema of(JsonNode openAPIV3Schema) {
        if (openAPIV3Schema == null || !openAPIV3Schema.isObject()) {
            throw new IllegalArgumentException("an openAPIV3Schema is a JSON object");
        }
        return new StructuralSchema(openAPIV3Schema);
    }

    /**
     * Validates a custom resource (already pruned and defaulted) against this schema. The root's
     * {@code apiVersion}, {@code kind} and {@code metadata} are left to the ObjectMeta rules.
     *
     * @return the errors in kube-apiserver's words, e.g. {@code spec.replicas: Invalid value: 0:
     *     spec.replicas in body should be greater than or equal to 1}; empty when valid
     */
    public List<FieldError> validate(JsonNode customResource) {
        return new SchemaValidation(null, true).validate(this, customResource);
    }

    /**
     * Removes the fields this schema does not declare, except below
     * {@code x-kubernetes-preserve-unknown-fields: true} and except {@code apiVersion}, {@code kind}
     * and {@code metadata} of the root and of {@code x-kubernetes-embedded-resource} objects.
     *
     * @return the removed fields' paths, sorted, as kube reports them for
     *     {@code fieldValidation=Strict}: {@code spec.foo}, {@code spec.ports[0].bar}
     */
    public List<String> prune(ObjectNode customResource) {
        return Pruning.prune(customResource, this);
    }

    /**
     * Applies the schema's {@code default}s in place, as kube-apiserver does when it decodes a
     * request and when it reads a stored object: first a {@code null} the schema neither allows
     * ({@code nullable}) nor defaults is removed, then every declared property that is missing, or
     * {@code null} while not nullable, receives a copy of its default, recursively through
     * properties, {@code items} and {@code additionalProperties} (a default object is itself
     * defaulted further). A value present is never replaced, so applying twice changes nothing.
     */
    public void applyDefaults(ObjectNode customResource) {
        Defaulting.pruneNonNullableNulls(customResource, this);
        Defaulting.apply(customResource, this);
    }

    /**
     * The rules kube-apiserver applies to a v1 CRD's {@code openAPIV3Schema} (it must be
     * structural, use only supported keywords, and carry defaults that are valid and pruned).
     *
     * @param schema the raw {@code openAPIV3Schema}
     * @param path   where it sits, e.g. {@code spec.validation.openAPIV3Schema}
     * @return errors such as {@code spec.validation.openAPIV3Schema.properties[spec].type:
     *     Required value: must not be empty for specified object fields}
     */
    public static List<FieldError> structuralErrors(JsonNode schema, FieldPath path) {
        return structuralErrors(schema, path, false);
    }

    /**
     * As {@link #structuralErrors(JsonNode, FieldPath)}, adding the restrictions on the root of the
     * schema that apply when the version has the status subresource (only {@code type: object} and
     * keywords that survive extracting {@code properties[status]}).
     */
    public static List<FieldError> structuralErrors(JsonNode schema, FieldPath path, boolean statusSubresource) {
        return SchemaRules.check(schema, path, statusSubresource);
    }

    private static String text(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isString() ? v.stringValue() : "";
    }

    private static boolean flag(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    private static Double number(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isNumber() ? v.doubleValue() : null;
    }

    private static Long whole(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isNumber() ? v.longValue() : null;
    }

    private static List<String> strings(JsonNode v) {
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        v.forEach(e -> out.add(e.asString()));
        return List.copyOf(out);
    }

    private static Map<String, StructuralSchema> children(JsonNode v) {
        Map<String, StructuralSchema> out = new LinkedHashMap<>();
        if (v != null && v.isObject()) {
            for (Map.Entry<String, JsonNode> e : v.properties()) {
                if (e.getValue().isObject()) {
                    out.put(e.getKey(), new StructuralSchema(e.getValue()));
                }
            }
        }
        return out;
    }

    private static List<StructuralSchema> list(JsonNode v) {
        if (v == null || !v.isArray()) {
            return List.of();
        }
        List<StructuralSchema> out = new ArrayList<>();
        v.forEach(e -> {
            if (e.isObject()) {
                out.add(new StructuralSchema(e));
            }
        });
        return List.copyOf(out);
    }

    private static Additional additional(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isBoolean()) {
            return new Additional(v.booleanValue(), null);
        }
        return v.isObject() ? new Additional(true, new StructuralSchema(v)) : null;
    }

    private static Pattern compile(String pattern) {
        if (pattern.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            return null;
        }
    }
}
