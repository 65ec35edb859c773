package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceQuota;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * LimitRange and ResourceQuota: valid quantities, and for limit ranges the order
 * min &le; defaultRequest &le; default &le; max for every resource.
 */
final class QuotaValidator {

    private static final Set<String> LIMIT_TYPES = Set.of("Pod", "Container", "PersistentVolumeClaim");

    private QuotaValidator() {
    }

    static List<FieldError> resourceQuota(ResourceQuota quota) {
        List<FieldError> errs = new ArrayList<>();
        if (quota.getSpec() == null) {
            return errs;
        }
        FieldPath hard = FieldPath.of("spec", "hard");
        for (Map.Entry<String, Quantity> e : Checks.orEmpty(quota.getSpec().getHard()).entrySet()) {
            FieldPath keyPath = hard.key(e.getKey());
            NameRules.isQualifiedName(e.getKey()).forEach(msg -> errs.add(FieldError.invalid(keyPath, e.getKey(), msg)));
            errs.addAll(ResourceValidator.quantity(e.getValue(), keyPath));
        }
        return errs;
    }

    static List<FieldError> limitRange(LimitRange limitRange) {
        List<FieldError> errs = new ArrayList<>();
        if (limitRange.getSpec() == null) {
            return errs;
        }
        Set<String> types = new HashSet<>();
        List<LimitRangeItem> limits = Checks.orEmpty(limitRange.getSpec().getLimits());
        for (int i = 0; i < limits.size(); i++) {
            LimitRangeItem item = limits.get(i);
            FieldPath idx = FieldPath.of("spec", "limits").index(i);
            String type = MetaValidator.nullToEmpty(item.getType());
            NameRules.isQualifiedName(type).forEach(msg -> errs.add(FieldError.invalid(idx.child("type"), type, msg)));
            if (!type.contains("/") && !LIMIT_TYPES.contains(type)) {
                errs.add(FieldError.invalid(idx.child("type"), type, "must be a standard limit type or fully qualified"));
            }
            if (!types.add(type)) {
                errs.add(FieldError.duplicate(idx.child("type"), type));
            }
            if (type.equals("Pod")) {
                if (!Checks.isEmpty(item.getDefault())) {
                    errs.add(FieldError.forbidden(idx.child("default"), "may not be specified when `type` is 'Pod'"));
                }
                if (!Checks.isEmpty(item.getDefaultRequest())) {
                    errs.add(FieldError.forbidden(idx.child("defaultRequest"), "may not be specified when `type` is 'Pod'"));
                }
            }
            errs.addAll(ordering(item, idx));
        }
        return errs;
    }

    private static List<FieldError> ordering(LimitRangeItem item, FieldPath idx) {
        List<FieldError> errs = new ArrayList<>();
        Map<String, Quantity> min = valid(item.getMin(), idx.child("min"), errs);
        Map<String, Quantity> max = valid(item.getMax(), idx.child("max"), errs);
        Map<String, Quantity> def = valid(item.getDefault(), idx.child("default"), errs);
        Map<String, Quantity> defReq = valid(item.getDefaultRequest(), idx.child("defaultRequest"), errs);
        valid(item.getMaxLimitRequestRatio(), idx.child("maxLimitRequestRatio"), errs);
        Set<String> keys = new HashSet<>(min.keySet());
        keys.addAll(max.keySet());
        keys.addAll(def.keySet());
        keys.addAll(defReq.keySet());
        for (String k : keys) {
            greater(errs, min.get(k), max.get(k), idx.child("min").key(k), min.get(k), "min value %s is greater than max value %s");
            greater(errs, min.get(k), defReq.get(k), idx.child("defaultRequest").key(k), defReq.get(k),
                    "min value %s is greater than default request value %s");
            greater(errs, defReq.get(k), max.get(k), idx.child("defaultRequest").key(k), defReq.get(k),
                    "default request value %s is greater than max value %s");
            greater(errs, defReq.get(k), def.get(k), idx.child("defaultRequest").key(k), defReq.get(k),
                    "default request value %s is greater than default limit value %s");
            greater(errs, min.get(k), def.get(k), idx.child("default").key(k), min.get(k), "min value %s is greater than default value %s");
            greater(errs, def.get(k), max.get(k), idx.child("default").key(k), max.get(k), "default value %s is greater than max value %s");
        }
        return errs;
    }

    /** Reports {@code detail} when {@code a > b}; quantities print unquoted, through Go's Stringer. */
    private static void greater(List<FieldError> errs, Quantity a, Quantity b, FieldPath path, Quantity bad, String detail) {
        if (a == null || b == null) {
            return;
        }
        BigDecimal av = Quantities.value(a.toString());
        if (av.compareTo(Quantities.value(b.toString())) > 0) {
            String ca = Quantities.canonical(a.toString());
            String cb = Quantities.canonical(b.toString());
            errs.add(FieldError.invalid(path, new GoValues.Literal(Quantities.canonical(bad.toString())), String.format(detail, ca, cb)));
        }
    }

    private static Map<String, Quantity> valid(Map<String, Quantity> values, FieldPath path, List<FieldError> errs) {
        Map<String, Quantity> ok = new java.util.HashMap<>();
        for (Map.Entry<String, Quantity> e : Checks.orEmpty(values).entrySet()) {
            String text = ResourceValidator.text(e.getValue());
            if (Quantities.isValid(text)) {
                ok.put(e.getKey(), e.getValue());
            } else {
                errs.add(FieldError.invalid(path.key(e.getKey()), text, Quantities.FORMAT_ERROR));
            }
        }
        return ok;
    }
}
