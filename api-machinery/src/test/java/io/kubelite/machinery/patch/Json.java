package io.kubelite.machinery.patch;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test documents written with single quotes, which read better inside Java strings. */
final class Json {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private Json() {
    }

    static JsonNode json(String singleQuoted) {
        return MAPPER.readTree(singleQuoted.replace('\'', '"'));
    }
}
