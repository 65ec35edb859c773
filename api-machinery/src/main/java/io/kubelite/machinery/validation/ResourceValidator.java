package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Container resource requirements: names, quantity format and sign, and requests not above limits. */
final class ResourceValidator {

    private static final Set<String> STANDARD_CONTAINER_RESOURCES = Set.of("cpu", "memory", "ephemeral-storage");

    private ResourceValidator() {
    }

    static List<FieldError> validate(ResourceRequirements resources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (resources == null) {
            return errs;
        }
        FieldPath limPath = path.child("limits");
        FieldPath reqPath = path.child("requests");
        Map<String, Quantity> limits = Checks.orEmpty(resources.getLimits());
        for (Map.Entry<String, Quantity> e : limits.entrySet()) {
            FieldPath keyPath = limPath.key(e.getKey());
            errs.addAll(resourceName(e.getKey(), keyPath));
            errs.addAll(quantity(e.getValue(), keyPath));
        }
        for (Map.Entry<String, Quantity> e : Checks.orEmpty(resources.getRequests()).entrySet()) {
            FieldPath keyPath = reqPath.key(e.getKey());
            errs.addAll(resourceName(e.getKey(), keyPath));
            List<FieldError> quantityErrs = quantity(e.getValue(), keyPath);
            errs.addAll(quantityErrs);
            Quantity limit = limits.get(e.getKey());
            if (quantityErrs.isEmpty() && limit != null && Quantities.isValid(text(limit))) {
                BigDecimal request = Quantities.value(text(e.getValue()));
                if (request.compareTo(Quantities.value(text(limit))) > 0) {
                    errs.add(FieldError.invalid(reqPath, Quantities.canonical(text(e.getValue())),
                            "must be less than or equal to " + e.getKey() + " limit of " + Quantities.canonical(text(limit))));
                }
            }
        }
        return errs;
    }

    /** A quantity must parse and must not be negative; errors print the canonical form as Kubernetes does. */
    static List<FieldError> quantity(Quantity quantity, FieldPath path) {
        String text = text(quantity);
        if (!Quantities.isValid(text)) {
            return List.of(FieldError.invalid(path, text, Quantities.FORMAT_ERROR));
        }
        if (Quantities.value(text).signum() < 0) {
            return List.of(FieldError.invalid(path, Quantities.canonical(text), Checks.NEGATIVE));
        }
        return List.of();
    }

    static String text(Quantity quantity) {
        return quantity == null ? "" : quantity.toString();
    }

    private static List<FieldError> resourceName(String name, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String msg : NameRules.isQualifiedName(name)) {
            errs.add(FieldError.invalid(path, name, msg));
        }
        if (!errs.isEmpty()) {
            return errs;
        }
        if (!name.contains("/")) {
            if (!STANDARD_CONTAINER_RESOURCES.contains(name) && !name.startsWith("hugepages-")) {
                errs.add(FieldError.invalid(path, name, "must be a standard resource for containers"));
            }
        } else if (!isNative(name) && (name.startsWith("requests.") || !NameRules.isQualifiedName("requests." + name).isEmpty())) {
            errs.add(FieldError.invalid(path, name, "doesn't follow extended resource name standard"));
        }
        return errs;
    }

    private static boolean isNative(String name) {
        String prefix = name.substring(0, name.indexOf('/'));
        return prefix.equals("kubernetes.io") || prefix.endsWith(".kubernetes.io");
    }
}
