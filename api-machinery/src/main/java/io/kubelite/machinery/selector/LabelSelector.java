package io.kubelite.machinery.selector;

import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * An immutable label selector: a conjunction of {@link LabelRequirement}s, kept sorted by
 * key as Kubernetes does, so {@code tier=web,app=x} prints as {@code app=x,tier=web}.
 *
 * <p>Three shapes exist, as in {@code k8s.io/apimachinery/pkg/labels}:
 * <ul>
 *   <li>everything: no requirements ({@code ""}, an empty API selector, an empty map);</li>
 *   <li>nothing: a {@code null} API selector, which a controller must read as "select no
 *       pods" rather than "all pods" ({@link #matchesNothing()});</li>
 *   <li>requirements: everything else.</li>
 * </ul>
 */
public final class LabelSelector {

    private static final LabelSelector EVERYTHING = new LabelSelector(List.of(), false);
    private static final LabelSelector NOTHING = new LabelSelector(List.of(), true);

    private final List<LabelRequirement> requirements;
    private final boolean nothing;

    private LabelSelector(List<LabelRequirement> requirements, boolean nothing) {
        List<LabelRequirement> sorted = new ArrayList<>(requirements);
        sorted.sort(Comparator.comparing(LabelRequirement::key));
        this.requirements = List.copyOf(sorted);
        this.nothing = nothing;
    }

    public static LabelSelector everything() {
        return EVERYTHING;
    }

    public static LabelSelector nothing() {
        return NOTHING;
    }

    /**
     * Parses the {@code ?labelSelector=} syntax, e.g. {@code app=web,tier in (front,back),!canary}.
     * A null or blank string selects everything.
     *
     * @throws SelectorException with Kubernetes' message when the string is malformed or a
     *     key or value is not a valid label
     */
    public static LabelSelector parse(String selector) {
        if (selector == null) {
            return EVERYTHING;
        }
        return new LabelSelector(LabelParser.parse(selector), false);
    }

    /**
     * Converts an API {@code LabelSelector} (matchLabels and matchExpressions) like
     * {@code metav1.LabelSelectorAsSelector}: {@code null} selects nothing, an empty one
     * everything. A null value reads as {@code ""}.
     *
     * @throws SelectorException for an unknown operator or an invalid key or value
     */
    public static LabelSelector fromApi(io.fabric8.kubernetes.api.model.LabelSelector selector) {
        if (selector == null) {
            return NOTHING;
        }
        Map<String, String> matchLabels = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        List<LabelSelectorRequirement> expressions =
                selector.getMatchExpressions() == null ? List.of() : selector.getMatchExpressions();
        List<LabelRequirement> requirements = new ArrayList<>();
        matchLabels.forEach((key, value) ->
                requirements.add(LabelRequirement.validated(key, LabelOperator.EQUALS, List.of(orEmpty(value)))));
        for (LabelSelectorRequirement expression : expressions) {
            List<String> values = expression.getValues() == null ? List.of()
                    : expression.getValues().stream().map(LabelSelector::orEmpty).toList();
            requirements.add(LabelRequirement.validated(expression.getKey(), apiOperator(expression.getOperator()), values));
        }
        return new LabelSelector(requirements, false);
    }

    private static LabelOperator apiOperator(String operator) {
        return switch (operator == null ? "" : operator) {
            case "In" -> LabelOperator.IN;
            case "NotIn" -> LabelOperator.NOT_IN;
            case "Exists" -> LabelOperator.EXISTS;
            case "DoesNotExist" -> LabelOperator.DOES_NOT_EXIST;
            default -> throw new SelectorException(
                    GoValues.quote(operator == null ? "" : operator) + " is not a valid label selector operator");
        };
    }

    /**
     * The equality selector of a ReplicationController or a Service ({@code spec.selector}).
     * Like {@code labels.SelectorFromSet} it does not validate; null or empty selects everything,
     * and a null value reads as {@code ""}.
     */
    public static LabelSelector fromMap(Map<String, String> labels) {
        if (labels == null || labels.isEmpty()) {
            return EVERYTHING;
        }
        List<LabelRequirement> requirements = labels.entrySet().stream()
                .map(e -> new LabelRequirement(e.getKey(), LabelOperator.EQUALS, List.of(orEmpty(e.getValue()))))
                .toList();
        return new LabelSelector(requirements, false);
    }

    /** A null value, which a Go string cannot hold, reads as {@code ""} as Go decodes a JSON null. */
    static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    /** Whether every requirement holds; null labels are treated as no labels and a null value as {@code ""}. */
    public boolean matches(Map<String, String> labels) {
        if (nothing) {
            return false;
        }
        Map<String, String> actual = labels == null ? Map.of() : labels;
        return requirements.stream().allMatch(r -> r.matches(actual));
    }

    /** True when the selector does not restrict anything; the nothing selector is not empty. */
    public boolean isEmpty() {
        return !nothing && requirements.isEmpty();
    }

    public boolean matchesNothing() {
        return nothing;
    }

    public List<LabelRequirement> requirements() {
        return requirements;
    }

    /**
     * The {@code =} and {@code ==} requirements as a map, for a store to push down as
     * {@code labels @> '{"app":"web"}'}. Every object the selector matches carries these
     * pairs, but not the reverse: {@code app=web,tier!=db} yields {@code {app=web}} and the
     * caller still filters with {@link #matches}. When one key is required twice with
     * different values ({@code a=1,a=2}) the first is kept; nothing matches anyway.
     */
    public Map<String, String> equalities() {
        Map<String, String> equalities = new LinkedHashMap<>();
        for (LabelRequirement r : requirements) {
            if (r.operator().isEquality()) {
                equalities.putIfAbsent(r.key(), r.values().get(0));
            }
        }
        return Map.copyOf(equalities);
    }

    /** The canonical Kubernetes form, e.g. {@code app=web,tier in (back,front)}; "" for everything and nothing. */
    @Override
    public String toString() {
        return requirements.stream().map(LabelRequirement::toString).collect(Collectors.joining(","));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LabelSelector other && nothing == other.nothing && requirements.equals(other.requirements);
    }

    @Override
    public int hashCode() {
        return requirements.hashCode() * 31 + Boolean.hashCode(nothing);
    }
}
