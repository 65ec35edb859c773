package io.kubelite.objectstore.crd;

import dev.cel.common.values.CelByteString;
import io.kubelite.objectstore.policy.PolicyCel;
import tools.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON as CEL values typed by the schema, as kube-apiserver hands a custom resource to its rules:
 * a {@code type: number} is a double even when written as {@code 2}, strings of
 * {@code format: duration} are CEL durations ({@code self.timeout < duration('1h')}),
 * {@code format: date-time} and {@code date} timestamps, {@code format: byte} bytes (base64
 * decoded). Everything else, and every field the schema does not declare, is converted as
 * {@link PolicyCel#toCel} converts it.
 */
final class SchemaValues {

    /** Go's time.ParseDuration syntax: {@code 1h30m}, {@code 1.5s}, {@code -300ms}. */
    private static final Pattern GO_DURATION = Pattern.compile("([-+]?)((?:\\d*\\.?\\d+(?:ns|us|µs|μs|ms|s|m|h))+|0)");
    private static final Pattern DURATION_PART = Pattern.compile("(\\d*\\.?\\d+)(ns|us|µs|μs|ms|s|m|h)");

    private SchemaValues() {
    }

    static Object toCel(JsonNode value, JsonNode schema) {
        if (schema == null || !schema.isObject() || value == null || value.isNull() || value.isMissingNode()) {
            return PolicyCel.toCel(value);
        }
        if (value.isObject()) {
            JsonNode properties = schema.path("properties");
            JsonNode additional = schema.path("additionalProperties");
            Map<String, Object> map = new LinkedHashMap<>();
            value.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    JsonNode fieldSchema = properties.has(e.getKey()) ? properties.get(e.getKey())
                            : additional.isObject() ? additional : null;
                    map.put(e.getKey(), toCel(e.getValue(), fieldSchema));
                }
            });
            return map;
        }
        if (value.isArray()) {
            JsonNode items = schema.path("items");
            return value.valueStream().map(v -> toCel(v, items.isObject() ? items : null)).toList();
        }
        String type = schema.path("type").asString("");
        if (value.isNumber() && type.equals("number")) {
            return value.doubleValue();
        }
        if (value.isString()) {
            Object typed = typedString(value.asString(), schema.path("format").asString(""));
            if (typed != null) {
                return typed;
            }
        }
        return PolicyCel.toCel(value);
    }

    /** A string of a format CEL has a type for, or null (also when it does not parse: validation refuses it). */
    private static Object typedString(String s, String format) {
        try {
            return switch (format) {
                case "duration" -> duration(s);
                case "date-time" -> OffsetDateTime.parse(s).toInstant();
                case "date" -> LocalDate.parse(s).atStartOfDay().toInstant(ZoneOffset.UTC);
                case "byte" -> CelByteString.of(Base64.getDecoder().decode(s));
                default -> null;
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            return null;
        }
    }

    private static java.time.Duration duration(String s) {
        Matcher whole = GO_DURATION.matcher(s);
        if (!whole.matches()) {
            return null;
        }
        BigDecimal nanos = BigDecimal.ZERO;
        Matcher part = DURATION_PART.matcher(whole.group(2));
        while (part.find()) {
            long unit = switch (part.group(2)) {
                case "ns" -> 1L;
                case "us", "µs", "μs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                default -> 3_600_000_000_000L;
            };
            nanos = nanos.add(new BigDecimal(part.group(1)).multiply(BigDecimal.valueOf(unit)));
        }
        long total = nanos.longValue() * (whole.group(1).equals("-") ? -1 : 1);
        return java.time.Duration.ofNanos(total);
    }
}
