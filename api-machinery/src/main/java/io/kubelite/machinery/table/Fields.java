package io.kubelite.machinery.table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads fields of a Kubernetes object the way Go reads a decoded struct: a missing or null
 * field is the zero value ({@code ""}, 0, an empty list, the zero time).
 */
final class Fields {

    private Fields() {
    }

    static JsonNode at(JsonNode node, String... path) {
        JsonNode current = node;
        for (String field : path) {
            current = current.path(field);
        }
        return current;
    }

    static String text(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return value.isValueNode() && !value.isNull() ? value.asString() : "";
    }

    static long integer(JsonNode node, String... path) {
        return at(node, path).asLong(0);
    }

    static boolean present(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        return !value.isMissingNode() && !value.isNull();
    }

    static List<JsonNode> list(JsonNode node, String... path) {
        JsonNode value = at(node, path);
        List<JsonNode> items = new ArrayList<>();
        if (value.isArray()) {
            value.forEach(items::add);
        }
        return items;
    }

    /** An RFC 3339 timestamp ({@code metav1.Time} or {@code MicroTime}); empty if unset or unparsable. */
    static Optional<Instant> time(JsonNode node, String... path) {
        String text = text(node, path);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    static String name(JsonNode object) {
        return text(object, "metadata", "name");
    }

    /** Kubernetes' {@code translateTimestampSince}: the human age, or {@code <unknown>} when unset. */
    static String since(Optional<Instant> timestamp, Instant now) {
        return timestamp.map(t -> Durations.human(Duration.between(t, now))).orElse("<unknown>");
    }

    static String age(JsonNode object, Instant now) {
        return since(time(object, "metadata", "creationTimestamp"), now);
    }

    static boolean deleting(JsonNode object) {
        return present(object, "metadata", "deletionTimestamp");
    }

    /** Whether the first condition of {@code type} in {@code status.conditions} has status True. */
    static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode condition : list(status, "conditions")) {
            if (type.equals(text(condition, "type"))) {
                return "True".equals(text(condition, "status"));
            }
        }
        return false;
    }

    static String orElse(String value, String fallback) {
        return value.isEmpty() ? fallback : value;
    }
}
