package io.kubelite.machinery.schema;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Reading keywords of a raw schema node as Go reads its {@code JSONSchemaProps}: a keyword that is
 * absent, JSON {@code null} or of the wrong JSON type reads as Go's zero value ({@code ""},
 * {@code false}, no list, no schema).
 */
final class Keywords {

    private Keywords() {
    }

    static String text(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isString() ? v.stringValue() : "";
    }

    static boolean isTrue(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isBoolean() && v.booleanValue();
    }

    /** Whether the keyword is set at all (a JSON {@code null} counts as unset, as in Go). */
    static boolean has(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && !v.isNull() && !v.isMissingNode();
    }

    static JsonNode object(JsonNode s, String key) {
        JsonNode v = s.get(key);
        return v != null && v.isObject() ? v : null;
    }

    static Map<String, JsonNode> properties(JsonNode s, String key) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        JsonNode v = s.get(key);
        if (v != null && v.isObject()) {
            v.properties().forEach(e -> out.put(e.getKey(), e.getValue()));
        }
        return out;
    }

    static List<JsonNode> array(JsonNode s, String key) {
        List<JsonNode> out = new ArrayList<>();
        JsonNode v = s.get(key);
        if (v != null && v.isArray()) {
            v.forEach(out::add);
        }
        return out;
    }

    static List<String> strings(JsonNode s, String key) {
        List<String> out = new ArrayList<>();
        for (JsonNode v : array(s, key)) {
            out.add(v.asString());
        }
        return out;
    }

    /** Go's zero value: unset, {@code false}, {@code ""}, {@code 0}, an empty list or map. */
    static boolean isZero(JsonNode v) {
        if (v == null || v.isNull() || v.isMissingNode()) {
            return true;
        }
        if (v.isBoolean()) {
            return !v.booleanValue();
        }
        if (v.isString()) {
            return v.stringValue().isEmpty();
        }
        if (v.isNumber()) {
            return v.doubleValue() == 0;
        }
        return v.isContainer() && v.isEmpty();
    }
}
