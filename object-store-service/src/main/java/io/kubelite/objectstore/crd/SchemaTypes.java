package io.kubelite.objectstore.crd;

import com.google.common.collect.ImmutableCollection;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import dev.cel.common.types.CelType;
import dev.cel.common.types.CelTypeProvider;
import dev.cel.common.types.ListType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.common.types.StructType;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The CEL type of a schema node, as kube-apiserver declares {@code self} for a rule: an object's
 * properties become the fields of a struct type (so {@code self.replics} is a compile error,
 * {@code undefined field 'replics'}, when the field is {@code replicas}), {@code additionalProperties}
 * a map, {@code items} a list, integer/number/boolean/string their CEL types, strings of format
 * duration, date-time/date and byte durations, timestamps and bytes. What the schema leaves open
 * ({@code x-kubernetes-preserve-unknown-fields}, {@code x-kubernetes-int-or-string}, no type) is
 * dynamic, and so is an object with a property whose name is not a CEL identifier. The resource
 * root also holds {@code apiVersion}, {@code kind} and {@code metadata.name}/{@code generateName}.
 *
 * <p>The values are still JSON as maps and lists at run time ({@link SchemaValues}); the types only
 * let the compiler check the rules, as kube's do.
 */
final class SchemaTypes implements CelTypeProvider {

    private static final Pattern IDENTIFIER = Pattern.compile("[_a-zA-Z][_a-zA-Z0-9]*");

    private final Map<String, CelType> structs = new LinkedHashMap<>();
    private final CelType type;

    private SchemaTypes(JsonNode schema, boolean resourceRoot) {
        this.type = typeOf(schema, "self#", resourceRoot);
    }

    /** The type of {@code schema}'s values, and the struct types it is made of. */
    static SchemaTypes of(JsonNode schema, boolean resourceRoot) {
        return new SchemaTypes(schema, resourceRoot);
    }

    CelType type() {
        return type;
    }

    private CelType typeOf(JsonNode schema, String name, boolean resourceRoot) {
        if (schema == null || !schema.isObject() || schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            return SimpleType.DYN;
        }
        String type = schema.path("type").asString("");
        switch (type) {
            case "integer":
                return SimpleType.INT;
            case "number":
                return SimpleType.DOUBLE;
            case "boolean":
                return SimpleType.BOOL;
            case "string":
                return switch (schema.path("format").asString("")) {
                    case "duration" -> SimpleType.DURATION;
                    case "date", "date-time" -> SimpleType.TIMESTAMP;
                    case "byte" -> SimpleType.BYTES;
                    default -> SimpleType.STRING;
                };
            case "array":
                return schema.path("items").isObject() ? ListType.create(typeOf(schema.get("items"), name + "#items", false))
                        : ListType.create(SimpleType.DYN);
            case "object":
                return objectType(schema, name, resourceRoot);
            default:
                return SimpleType.DYN;
        }
    }

    private CelType objectType(JsonNode schema, String name, boolean resourceRoot) {
        if (schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)) {
            return SimpleType.DYN;
        }
        if (!schema.has("properties") && schema.path("additionalProperties").isObject()) {
            return MapType.create(SimpleType.STRING, typeOf(schema.get("additionalProperties"), name + "#values", false));
        }
        if (!schema.has("properties") && !resourceRoot) {
            return schema.path("additionalProperties").asBoolean(false)
                    ? MapType.create(SimpleType.STRING, SimpleType.DYN) : struct(name, Map.of());
        }
        Map<String, CelType> fields = new LinkedHashMap<>();
        for (var property : schema.path("properties").properties()) {
            if (!IDENTIFIER.matcher(property.getKey()).matches()) {
                return SimpleType.DYN;
            }
            fields.put(property.getKey(), typeOf(property.getValue(), name + "#" + property.getKey(), false));
        }
        if (resourceRoot || schema.path("x-kubernetes-embedded-resource").asBoolean(false)) {
            fields.putIfAbsent("apiVersion", SimpleType.STRING);
            fields.putIfAbsent("kind", SimpleType.STRING);
            fields.put("metadata", resourceRoot
                    ? struct(name + "#metadata", Map.of("name", SimpleType.STRING, "generateName", SimpleType.STRING))
                    : SimpleType.DYN);
        }
        return struct(name, fields);
    }

    private CelType struct(String name, Map<String, CelType> fields) {
        Map<String, CelType> copy = Map.copyOf(fields);
        StructType struct = StructType.create(name, ImmutableSet.copyOf(fields.keySet()), f -> Optional.ofNullable(copy.get(f)));
        structs.put(name, struct);
        return struct;
    }

    @Override
    public ImmutableCollection<CelType> types() {
        return ImmutableList.copyOf(structs.values());
    }

    @Override
    public Optional<CelType> findType(String typeName) {
        return Optional.ofNullable(structs.get(typeName));
    }
}
