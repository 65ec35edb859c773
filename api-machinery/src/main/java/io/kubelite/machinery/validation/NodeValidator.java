package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Node taints and reported resources. Taint errors carry the path {@code metadata.taints[i]}:
 * Kubernetes builds it from the metadata path, and clients see exactly that.
 */
final class NodeValidator {

    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    private NodeValidator() {
    }

    static List<FieldError> validate(Node node) {
        List<FieldError> errs = new ArrayList<>();
        if (node.getSpec() != null) {
            errs.addAll(taints(node.getSpec().getTaints(), FieldPath.of("metadata", "taints")));
        }
        if (node.getStatus() != null) {
            errs.addAll(resources(node.getStatus().getCapacity(), FieldPath.of("status", "capacity")));
            errs.addAll(resources(node.getStatus().getAllocatable(), FieldPath.of("status", "allocatable")));
        }
        return errs;
    }

    private static List<FieldError> taints(List<Taint> taints, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> unique = new HashSet<>();
        List<Taint> list = Checks.orEmpty(taints);
        for (int i = 0; i < list.size(); i++) {
            Taint t = list.get(i);
            FieldPath idx = path.index(i);
            String key = MetaValidator.nullToEmpty(t.getKey());
            NameRules.isQualifiedName(key).forEach(msg -> errs.add(FieldError.invalid(idx.child("key"), key, msg)));
            String value = MetaValidator.nullToEmpty(t.getValue());
            List<String> valueErrs = NameRules.isValidLabelValue(value);
            if (!valueErrs.isEmpty()) {
                errs.add(FieldError.invalid(idx.child("value"), value, String.join(";", valueErrs)));
            }
            String effect = MetaValidator.nullToEmpty(t.getEffect());
            if (effect.isEmpty()) {
                errs.add(FieldError.required(idx.child("effect"), ""));
            } else if (!EFFECTS.contains(effect)) {
                errs.add(FieldError.notSupported(idx.child("effect"), effect, EFFECTS));
            }
            if (!unique.add(effect + "\u0000" + key)) {
                errs.add(new FieldError(idx.text(), FieldError.Type.DUPLICATE,
                        new GoValues.Literal("core.Taint{Key:" + GoValues.quote(key) + ", Value:" + GoValues.quote(value)
                                + ", Effect:" + GoValues.quote(effect) + ", TimeAdded:<nil>}"),
                        "taints must be unique by key and effect pair"));
            }
        }
        return errs;
    }

    private static List<FieldError> resources(Map<String, Quantity> resources, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (Map.Entry<String, Quantity> e : Checks.orEmpty(resources).entrySet()) {
            errs.addAll(ResourceValidator.quantity(e.getValue(), path.child(e.getKey())));
        }
        return errs;
    }
}
