package io.kubelite.machinery.table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Prints label maps and {@code metav1.LabelSelector}s as Kubernetes does: requirements sorted
 * by key, e.g. {@code {matchLabels:{tier:web,app:x}}} prints as {@code app=x,tier=web} and
 * {@code {key:env,operator:In,values:[prod,dev]}} as {@code env in (dev,prod)}.
 */
final class LabelFormat {

    private LabelFormat() {
    }

    /** {@code labels.FormatLabels}: {@code k=v} pairs sorted by key, {@code <none>} when empty. */
    static String labels(JsonNode map) {
        Map<String, String> sorted = new TreeMap<>();
        if (map.isObject()) {
            map.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString("")));
        }
        if (sorted.isEmpty()) {
            return "<none>";
        }
        List<String> pairs = new ArrayList<>();
        sorted.forEach((k, v) -> pairs.add(k + "=" + v));
        return String.join(",", pairs);
    }

    /** {@code metav1.FormatLabelSelector}: {@code <none>} for a null or empty selector, {@code <error>} if invalid. */
    static String selectorOrNone(JsonNode selector) {
        return selector(selector).map(s -> s.isEmpty() ? "<none>" : s).orElse("<error>");
    }

    /**
     * The selector's {@code String()}: empty for a null or empty selector, empty optional
     * when an operator is unknown or its values do not fit it.
     */
    static Optional<String> selector(JsonNode selector) {
        List<Requirement> requirements = new ArrayList<>();
        if (selector.path("matchLabels").isObject()) {
            selector.path("matchLabels").properties().forEach(e -> requirements.add(
                    new Requirement(e.getKey(), e.getKey() + "=" + e.getValue().asString(""))));
        }
        for (JsonNode expression : Fields.list(selector, "matchExpressions")) {
            Optional<String> text = expression(expression);
            if (text.isEmpty()) {
                return Optional.empty();
            }
            requirements.add(new Requirement(Fields.text(expression, "key"), text.get()));
        }
        requirements.sort(Comparator.comparing(Requirement::key));
        List<String> texts = requirements.stream().map(Requirement::text).toList();
        return Optional.of(String.join(",", texts));
    }

    private record Requirement(String key, String text) {
    }

    private static Optional<String> expression(JsonNode expression) {
        String key = Fields.text(expression, "key");
        List<String> values = Fields.list(expression, "values").stream()
                .map(v -> v.asString(""))
                .sorted()
                .toList();
        return switch (Fields.text(expression, "operator")) {
            case "In" -> values.isEmpty() ? Optional.empty()
                    : Optional.of(key + " in (" + String.join(",", values) + ")");
            case "NotIn" -> values.isEmpty() ? Optional.empty()
                    : Optional.of(key + " notin (" + String.join(",", values) + ")");
            case "Exists" -> values.isEmpty() ? Optional.of(key) : Optional.empty();
            case "DoesNotExist" -> values.isEmpty() ? Optional.of("!" + key) : Optional.empty();
            default -> Optional.empty();
        };
    }
}
