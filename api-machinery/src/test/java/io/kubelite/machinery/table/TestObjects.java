package io.kubelite.machinery.table;

import java.time.Instant;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Parses the JSON objects the tests print, all measured against the same clock. */
final class TestObjects {

    /** "Now" for every test; objects are created at fixed offsets before it. */
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private TestObjects() {
    }

    static JsonNode json(String text) {
        return MAPPER.readTree(text);
    }

    /** An RFC 3339 timestamp {@code seconds} before {@link #NOW}. */
    static String ago(long seconds) {
        return NOW.minusSeconds(seconds).toString();
    }
}
