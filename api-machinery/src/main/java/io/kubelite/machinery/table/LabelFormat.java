package io.kubelite.machinery.table;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.machinery.selector.SelectorException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Prints label maps and {@code metav1.LabelSelector}s of a JSON object through {@link LabelSelector},
 * which sorts requirements by key: {@code {matchLabels:{tier:web,app:x}}} prints as
 * {@code app=x,tier=web} and {@code {key:env,operator:In,values:[prod,dev]}} as {@code env in (dev,prod)}.
 * The {@code <none>} and {@code <error>} placeholders are the printers' own.
 */
final class LabelFormat {

    private static final String NONE = "<none>";

    private LabelFormat() {
    }

    /** {@code labels.FormatLabels}: {@code k=v} pairs sorted by key, {@code <none>} when empty. */
    static String labels(JsonNode map) {
        return orNone(LabelSelector.fromMap(strings(map)).toString());
    }

    /** {@code metav1.FormatLabelSelector}: {@code <none>} for a null or empty selector, {@code <error>} if invalid. */
    static String selectorOrNone(JsonNode selector) {
        return selector(selector).map(LabelFormat::orNone).orElse("<error>");
    }

    /**
     * The selector's {@code String()}: empty for a null or empty selector, empty optional
     * when {@code metav1.LabelSelectorAsSelector} rejects it (an unknown operator, values that
     * do not fit the operator, an invalid key or value).
     */
    static Optional<String> selector(JsonNode selector) {
        try {
            return Optional.of(LabelSelector.fromApi(apiSelector(selector)).toString());
        } catch (SelectorException e) {
            return Optional.empty();
        }
    }

    private static String orNone(String text) {
        return text.isEmpty() ? NONE : text;
    }

    private static io.fabric8.kubernetes.api.model.LabelSelector apiSelector(JsonNode selector) {
        if (!selector.isObject()) {
            return null;
        }
        List<LabelSelectorRequirement> expressions = new ArrayList<>();
        for (JsonNode expression : Fields.list(selector, "matchExpressions")) {
            List<String> values = Fields.list(expression, "values").stream().map(v -> v.asString("")).toList();
            expressions.add(new LabelSelectorRequirement(
                    Fields.text(expression, "key"), Fields.text(expression, "operator"), values));
        }
        return new io.fabric8.kubernetes.api.model.LabelSelector(expressions, strings(selector.path("matchLabels")));
    }

    /** A JSON object of labels as a map; anything else is no labels. */
    private static Map<String, String> strings(JsonNode map) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (map.isObject()) {
            map.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        }
        return labels;
    }
}
