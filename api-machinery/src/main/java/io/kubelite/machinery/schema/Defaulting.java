package io.kubelite.machinery.schema;

import java.util.ArrayList;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * kube-apiserver's structural defaulting of custom resources (apiextensions
 * {@code schema/defaulting}), in its two steps.
 *
 * <p>Example, with {@code spec.replicas: {type: integer, default: 1}} and
 * {@code spec.ports.items.properties.protocol: {type: string, default: TCP}}:
 * {@code {"spec":{"replicas":null,"ports":[{"port":80}]}}} becomes
 * {@code {"spec":{"replicas":1,"ports":[{"port":80,"protocol":"TCP"}]}}}. Had {@code replicas}
 * no default, its {@code null} would have been removed instead; had it {@code nullable: true},
 * the {@code null} would have stayed.
 */
final class Defaulting {

    private Defaulting() {
    }

    /** Removes {@code null}s whose schema is neither nullable nor has a default (those get defaulted next). */
    static void pruneNonNullableNulls(JsonNode x, StructuralSchema s) {
        if (x instanceof ObjectNode object) {
            for (String key : new ArrayList<>(object.propertyNames())) {
                StructuralSchema field = fieldSchema(key, s);
                JsonNode value = object.get(key);
                if (value.isNull() && field != null && !field.nullable && field.defaultValue == null) {
                    object.remove(key);
                } else {
                    pruneNonNullableNulls(value, field);
                }
            }
        } else if (x instanceof ArrayNode array) {
            StructuralSchema items = s == null ? null : s.items;
            for (JsonNode item : array) {
                pruneNonNullableNulls(item, items);
            }
        }
    }

    /**
     * Fills defaults: a declared property that is missing, or {@code null} though not nullable, gets
     * a copy of its default; then every present value is defaulted by its schema, so a default
     * object is completed by the defaults of its own properties.
     */
    static void apply(JsonNode x, StructuralSchema s) {
        if (s == null) {
            return;
        }
        if (x instanceof ObjectNode object) {
            for (Map.Entry<String, StructuralSchema> p : s.properties.entrySet()) {
                StructuralSchema property = p.getValue();
                if (property.defaultValue == null) {
                    continue;
                }
                JsonNode present = object.get(p.getKey());
                if (present == null || nonNullableNull(present, property)) {
                    object.set(p.getKey(), property.defaultValue.deepCopy());
                }
            }
            for (String key : new ArrayList<>(object.propertyNames())) {
                StructuralSchema property = s.properties.get(key);
                if (property != null) {
                    apply(object.get(key), property);
                } else if (s.additionalProperties != null) {
                    StructuralSchema values = s.additionalProperties.schema();
                    if (nonNullableNull(object.get(key), values) && values.defaultValue != null) {
                        object.set(key, values.defaultValue.deepCopy());
                    }
                    apply(object.get(key), values);
                }
            }
        } else if (x instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                if (nonNullableNull(array.get(i), s.items) && s.items.defaultValue != null) {
                    array.set(i, s.items.defaultValue.deepCopy());
                }
                apply(array.get(i), s.items);
            }
        }
    }

    private static boolean nonNullableNull(JsonNode x, StructuralSchema s) {
        return x != null && x.isNull() && s != null && !s.nullable;
    }

    private static StructuralSchema fieldSchema(String key, StructuralSchema s) {
        if (s == null) {
            return null;
        }
        StructuralSchema property = s.properties.get(key);
        if (property != null) {
            return property;
        }
        return s.additionalProperties == null ? null : s.additionalProperties.schema();
    }
}
