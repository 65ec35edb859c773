package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;

import java.util.ArrayList;
import java.util.List;

/**
 * node.k8s.io/v1 RuntimeClasses as kube-apiserver validates them: a {@code handler} that is a
 * DNS-1123 label (so a missing one is refused as the empty label), an {@code overhead.podFixed}
 * held to the rules of a container's limits, and a {@code scheduling} whose node selector is a
 * valid label set and whose tolerations are valid tolerations. Kubernetes judges the overhead with
 * its resource-requirements check, so its errors name {@code overhead.limits[cpu]}.
 */
final class RuntimeClassValidator {

    private static final FieldPath HANDLER = FieldPath.of("handler");
    private static final FieldPath OVERHEAD = FieldPath.of("overhead");
    private static final FieldPath SCHEDULING = FieldPath.of("scheduling");

    private RuntimeClassValidator() {
    }

    static List<FieldError> validate(RuntimeClass runtimeClass) {
        List<FieldError> errs = new ArrayList<>();
        String handler = MetaValidator.nullToEmpty(runtimeClass.getHandler());
        for (String msg : NameRules.isDns1123Label(handler)) {
            errs.add(FieldError.invalid(HANDLER, handler, msg));
        }
        if (runtimeClass.getOverhead() != null) {
            errs.addAll(ResourceValidator.validate(new ResourceRequirementsBuilder()
                    .withLimits(runtimeClass.getOverhead().getPodFixed()).build(), OVERHEAD));
        }
        if (runtimeClass.getScheduling() != null) {
            errs.addAll(MetaValidator.labels(runtimeClass.getScheduling().getNodeSelector(),
                    SCHEDULING.child("nodeSelector")));
            errs.addAll(PodSpecValidator.tolerations(runtimeClass.getScheduling().getTolerations(),
                    SCHEDULING.child("tolerations")));
        }
        return errs;
    }
}
