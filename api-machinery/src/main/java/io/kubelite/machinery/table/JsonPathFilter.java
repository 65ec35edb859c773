package io.kubelite.machinery.table;

import io.kubelite.machinery.table.JsonPath.EvaluationException;
import io.kubelite.machinery.table.JsonPath.Step;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * {@code [?(left op right)]} and {@code [?(left)]}: the elements of an array for which the
 * comparison holds, or for which {@code left} matches something. Both sides are actions
 * evaluated against the element ({@code @} and {@code $} both mean the element).
 *
 * <p>Comparisons follow Go's {@code text/template} as forked into client-go: only booleans,
 * integers, floats and strings compare, and only with their own kind, so {@code @.n==1}
 * matches {@code "n":1} but fails on {@code "n":1.0} or {@code "n":"1"}; booleans support
 * only {@code ==} and {@code !=}. An element the left or right side does not match is
 * skipped.
 *
 * @param right null for the existence test
 */
record JsonPathFilter(List<Step> left, String operator, List<Step> right) implements Step {

    private static final Set<String> OPERATORS = Set.of("==", "!=", "<", ">", "<=", ">=");

    private enum Kind { BOOLEAN, INTEGER, FLOAT, STRING }

    @Override
    public List<JsonNode> apply(List<JsonNode> input) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode value : input) {
            if (!value.isArray()) {
                throw new EvaluationException(JsonPath.typeOf(value) + " is not an array and cannot be filtered");
            }
            for (JsonNode element : value) {
                if (right == null ? exists(element) : compares(element)) {
                    out.add(element);
                }
            }
        }
        return out;
    }

    private boolean exists(JsonNode element) {
        try {
            return !JsonPath.walk(List.of(element), left).isEmpty();
        } catch (EvaluationException e) {
            return false;
        }
    }

    private boolean compares(JsonNode element) {
        JsonNode a = single(JsonPath.walk(List.of(element), left));
        if (a == null) {
            return false;
        }
        JsonNode b = single(JsonPath.walk(List.of(element), right));
        return b != null && compare(a, b);
    }

    /** The one match, or null for none. */
    private static JsonNode single(List<JsonNode> matches) {
        if (matches.size() > 1) {
            throw new EvaluationException("can only compare one element at a time");
        }
        return matches.isEmpty() ? null : matches.get(0);
    }

    private boolean compare(JsonNode a, JsonNode b) {
        if (!OPERATORS.contains(operator)) {
            throw new EvaluationException("unrecognized filter operator " + operator);
        }
        Kind kind = kind(a);
        if (kind != kind(b)) {
            throw new EvaluationException("incompatible types for comparison: " + a + " " + operator + " " + b);
        }
        if (operator.equals("==") || operator.equals("!=")) {
            return equal(kind, a, b) == operator.equals("==");
        }
        int order = switch (kind) {
            case BOOLEAN -> throw new EvaluationException(
                    "invalid type for comparison: " + a + " " + operator + " " + b);
            case INTEGER -> a.bigIntegerValue().compareTo(b.bigIntegerValue());
            case FLOAT -> a.doubleValue() < b.doubleValue() ? -1 : a.doubleValue() > b.doubleValue() ? 1 : 0;
            case STRING -> a.stringValue().compareTo(b.stringValue());
        };
        return switch (operator) {
            case "<" -> order < 0;
            case ">" -> order > 0;
            case "<=" -> order <= 0;
            default -> order >= 0;
        };
    }

    private static boolean equal(Kind kind, JsonNode a, JsonNode b) {
        return switch (kind) {
            case BOOLEAN -> a.booleanValue() == b.booleanValue();
            case INTEGER -> a.bigIntegerValue().equals(b.bigIntegerValue());
            case FLOAT -> a.doubleValue() == b.doubleValue();
            case STRING -> a.stringValue().equals(b.stringValue());
        };
    }

    private static Kind kind(JsonNode value) {
        if (value.isBoolean()) {
            return Kind.BOOLEAN;
        }
        if (value.isIntegralNumber()) {
            return Kind.INTEGER;
        }
        if (value.isNumber()) {
            return Kind.FLOAT;
        }
        if (value.isString()) {
            return Kind.STRING;
        }
        throw new EvaluationException("invalid type for comparison: " + JsonPath.typeOf(value));
    }
}
