package io.kubelite.objectstore.openapi;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Build step input: the descriptions of API fields whose type is another API type, which the Java
 * client's models lack (see {@code src/build/field-descriptions.py}, which writes the table from
 * Kubernetes' OpenAPI descriptions). One field a line: group, version, type, field, description
 * with {@code \n} for newlines.
 */
final class FieldDescriptions {

    /** {@code V1PodSpec}, {@code CoreV1Event}: the Java client's model names, group prefix where two groups share a type name. */
    private static final Pattern MODEL = Pattern.compile("([A-Z][a-z]+)?(V\\d+)(\\w+)");

    /** {@code v1/PodSpec/affinity} → group → description. */
    private final Map<String, Map<String, String>> byField;

    private FieldDescriptions(Map<String, Map<String, String>> byField) {
        this.byField = byField;
    }

    static FieldDescriptions none() {
        return new FieldDescriptions(Map.of());
    }

    static FieldDescriptions read(Path table) {
        try {
            return parse(Files.readAllLines(table, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the field descriptions " + table, e);
        }
    }

    static FieldDescriptions parse(List<String> lines) {
        Map<String, Map<String, String>> byField = new HashMap<>();
        int number = 0;
        for (String line : lines) {
            number++;
            if (line.isBlank()) {
                continue;
            }
            String[] columns = line.split("\t", -1);
            if (columns.length != 5) {
                throw new IllegalArgumentException("line " + number + ": expected 5 tab-separated columns, found "
                        + columns.length);
            }
            byField.computeIfAbsent(columns[1] + "/" + columns[2] + "/" + columns[3], k -> new LinkedHashMap<>())
                    .put(columns[0], columns[4].replace("\\n", "\n"));
        }
        return new FieldDescriptions(byField);
    }

    /**
     * The description of {@code field} of the Java client's model {@code model}: the one of the
     * group its name starts with ({@code CoreV1Event}), else the only one there is.
     */
    Optional<String> of(String model, String field) {
        Matcher name = MODEL.matcher(model);
        if (!name.matches()) {
            return Optional.empty();
        }
        Map<String, String> byGroup = byField.get(name.group(2).toLowerCase() + "/" + name.group(3) + "/" + field);
        if (byGroup == null) {
            return Optional.empty();
        }
        if (name.group(1) != null) {
            return Optional.ofNullable(byGroup.get(name.group(1).toLowerCase()));
        }
        return byGroup.values().stream().distinct().count() == 1
                ? Optional.of(byGroup.values().iterator().next()) : Optional.empty();
    }
}
