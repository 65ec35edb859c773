package io.kubelite.machinery.selector;

import io.kubelite.machinery.validation.GoValues;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One condition of a label selector: a key, an operator and its values.
 *
 * <p>Matching follows Kubernetes: {@code in}, {@code =} and {@code ==} need the key to be
 * present; {@code notin} and {@code !=} also match objects without the key, so
 * {@code tier!=db} selects a pod with no {@code tier} label. {@code gt} and {@code lt}
 * compare the label as a 64-bit integer and never match a non-numeric label.
 */
public record LabelRequirement(String key, LabelOperator operator, List<String> values) {

    public LabelRequirement {
        values = List.copyOf(values);
    }

    /**
     * Validates like {@code labels.NewRequirement}: the key, the number of values the
     * operator takes, and every value. All problems are reported together.
     */
    static LabelRequirement validated(String key, LabelOperator operator, List<String> values) {
        List<String> errors = new ArrayList<>();
        List<String> keyProblems = LabelValidation.keyProblems(key);
        if (!keyProblems.isEmpty()) {
            errors.add(FieldErrors.invalid("key", GoValues.quote(key), String.join("; ", keyProblems)));
        }
        String arityProblem = arityProblem(operator, values);
        if (arityProblem != null) {
            errors.add(FieldErrors.invalid("values", FieldErrors.jsonList(values), arityProblem));
        }
        if (operator == LabelOperator.GREATER_THAN || operator == LabelOperator.LESS_THAN) {
            for (int i = 0; i < values.size(); i++) {
                if (parseLong(values.get(i)) == null) {
                    errors.add(FieldErrors.invalid("values[" + i + "]", GoValues.quote(values.get(i)),
                            "for 'Gt', 'Lt' operators, the value must be an integer"));
                }
            }
        }
        for (int i = 0; i < values.size(); i++) {
            List<String> problems = LabelValidation.valueProblems(values.get(i));
            if (!problems.isEmpty()) {
                errors.add(FieldErrors.invalid("values[" + i + "][" + key + "]",
                        GoValues.quote(values.get(i)), String.join("; ", problems)));
            }
        }
        if (!errors.isEmpty()) {
            throw new SelectorException(FieldErrors.aggregate(errors));
        }
        return new LabelRequirement(key, operator, values);
    }

    private static String arityProblem(LabelOperator operator, List<String> values) {
        return switch (operator) {
            case IN, NOT_IN -> values.isEmpty() ? "for 'in', 'notin' operators, values set can't be empty" : null;
            case EQUALS, DOUBLE_EQUALS, NOT_EQUALS ->
                    values.size() != 1 ? "exact-match compatibility requires one single value" : null;
            case EXISTS, DOES_NOT_EXIST ->
                    values.isEmpty() ? null : "values set must be empty for exists and does not exist";
            case GREATER_THAN, LESS_THAN ->
                    values.size() != 1 ? "for 'Gt', 'Lt' operators, exactly one value is required" : null;
        };
    }

    public boolean matches(Map<String, String> labels) {
        boolean present = labels.containsKey(key);
        String value = present ? LabelSelector.orEmpty(labels.get(key)) : null;
        return switch (operator) {
            case IN, EQUALS, DOUBLE_EQUALS -> present && values.contains(value);
            case NOT_IN, NOT_EQUALS -> !present || !values.contains(value);
            case EXISTS -> present;
            case DOES_NOT_EXIST -> !present;
            case GREATER_THAN, LESS_THAN -> present && compares(value);
        };
    }

    private boolean compares(String label) {
        Long actual = parseLong(label);
        Long bound = values.size() == 1 ? parseLong(values.get(0)) : null;
        if (actual == null || bound == null) {
            return false;
        }
        return operator == LabelOperator.GREATER_THAN ? actual > bound : actual < bound;
    }

    private static Long parseLong(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /**
     * The canonical form: {@code app=web}, {@code tier in (back,front)} with sorted values,
     * {@code !canary}, {@code replicas>2}.
     */
    @Override
    public String toString() {
        String joined = String.join(",", values.stream().sorted().toList());
        return switch (operator) {
            case EXISTS -> key;
            case DOES_NOT_EXIST -> "!" + key;
            case IN -> key + " in (" + joined + ")";
            case NOT_IN -> key + " notin (" + joined + ")";
            case EQUALS -> key + "=" + joined;
            case DOUBLE_EQUALS -> key + "==" + joined;
            case NOT_EQUALS -> key + "!=" + joined;
            case GREATER_THAN -> key + ">" + joined;
            case LESS_THAN -> key + "<" + joined;
        };
    }
}
