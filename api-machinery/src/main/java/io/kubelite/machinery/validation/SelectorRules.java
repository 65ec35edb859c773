package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;

/**
 * Label selectors of workloads: their syntax and whether they are empty. Matching is
 * {@link io.kubelite.machinery.selector.LabelSelector}'s.
 */
final class SelectorRules {

    private SelectorRules() {
    }

    static List<FieldError> validate(LabelSelector selector, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (selector == null) {
            return errs;
        }
        errs.addAll(MetaValidator.labels(selector.getMatchLabels(), path.child("matchLabels")));
        List<LabelSelectorRequirement> exprs = Checks.orEmpty(selector.getMatchExpressions());
        for (int i = 0; i < exprs.size(); i++) {
            LabelSelectorRequirement r = exprs.get(i);
            FieldPath idx = path.child("matchExpressions").index(i);
            String operator = MetaValidator.nullToEmpty(r.getOperator());
            switch (operator) {
                case "In", "NotIn" -> {
                    if (Checks.isEmpty(r.getValues())) {
                        errs.add(FieldError.required(idx.child("values"), "must be specified when `operator` is 'In' or 'NotIn'"));
                    }
                }
                case "Exists", "DoesNotExist" -> {
                    if (!Checks.isEmpty(r.getValues())) {
                        errs.add(FieldError.forbidden(idx.child("values"),
                                "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
                    }
                }
                default -> errs.add(FieldError.invalid(idx.child("operator"), operator, "not a valid selector operator"));
            }
            String key = MetaValidator.nullToEmpty(r.getKey());
            NameRules.isQualifiedName(key).forEach(msg -> errs.add(FieldError.invalid(idx.child("key"), key, msg)));
            List<String> values = Checks.orEmpty(r.getValues());
            for (int v = 0; v < values.size(); v++) {
                String value = MetaValidator.nullToEmpty(values.get(v));
                FieldPath valuePath = idx.child("values").index(v);
                NameRules.isValidLabelValue(value).forEach(msg -> errs.add(FieldError.invalid(valuePath, value, msg)));
            }
        }
        return errs;
    }

    static boolean isEmpty(LabelSelector selector) {
        return selector == null || (Checks.isEmpty(selector.getMatchLabels()) && Checks.isEmpty(selector.getMatchExpressions()));
    }

    /**
     * How Go prints an empty {@code *metav1.LabelSelector} decoded from {@code selector: {}}: both fields nil.
     * fabric8 initialises its collections, so empty and absent cannot be told apart and print alike.
     */
    static Object emptySelectorValue() {
        return new GoValues.Literal("v1.LabelSelector{MatchLabels:map[string]string(nil), "
                + "MatchExpressions:[]v1.LabelSelectorRequirement(nil)}");
    }

    /**
     * How Go prints a {@code *metav1.LabelSelector} as the bad value of a field error:
     * {@code v1.LabelSelector{MatchLabels:map[string]string{"app":"pi"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}.
     */
    static Object selectorValue(LabelSelector selector) {
        if (isEmpty(selector)) {
            return emptySelectorValue();
        }
        String labels = Checks.isEmpty(selector.getMatchLabels()) ? "map[string]string(nil)"
                : GoValues.format(new java.util.TreeMap<>(selector.getMatchLabels()));
        StringBuilder expressions = new StringBuilder();
        if (Checks.isEmpty(selector.getMatchExpressions())) {
            expressions.append("[]v1.LabelSelectorRequirement(nil)");
        } else {
            expressions.append("[]v1.LabelSelectorRequirement{");
            for (int i = 0; i < selector.getMatchExpressions().size(); i++) {
                var r = selector.getMatchExpressions().get(i);
                expressions.append(i == 0 ? "" : ", ").append("v1.LabelSelectorRequirement{Key:")
                        .append(GoValues.quote(r.getKey() == null ? "" : r.getKey())).append(", Operator:")
                        .append(GoValues.quote(r.getOperator() == null ? "" : r.getOperator())).append(", Values:")
                        .append(Checks.isEmpty(r.getValues()) ? "[]string(nil)" : GoValues.format(r.getValues())).append("}");
            }
            expressions.append("}");
        }
        return new GoValues.Literal("v1.LabelSelector{MatchLabels:" + labels + ", MatchExpressions:" + expressions + "}");
    }
}
