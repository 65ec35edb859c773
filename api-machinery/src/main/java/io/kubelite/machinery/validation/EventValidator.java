package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * core/v1 Events. An event lives in the namespace of the object it is about; events about
 * cluster-scoped objects live in {@code default} (or, for series events, {@code kube-system}).
 */
final class EventValidator {

    private static final FieldPath INVOLVED_NAMESPACE = FieldPath.of("involvedObject", "namespace");

    private EventValidator() {
    }

    static List<FieldError> validate(Event event) {
        List<FieldError> errs = new ArrayList<>();
        String namespace = event.getMetadata() == null ? "" : MetaValidator.nullToEmpty(event.getMetadata().getNamespace());
        String involved = event.getInvolvedObject() == null ? "" : MetaValidator.nullToEmpty(event.getInvolvedObject().getNamespace());
        boolean legacy = event.getEventTime() == null || Checks.isEmpty(event.getEventTime().getTime());
        if (legacy) {
            boolean mismatch = involved.isEmpty()
                    ? !namespace.isEmpty() && !namespace.equals("default")
                    : !namespace.equals(involved);
            if (mismatch) {
                errs.add(FieldError.invalid(INVOLVED_NAMESPACE, involved, "does not match event.namespace"));
            }
        } else {
            if (involved.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                errs.add(FieldError.invalid(INVOLVED_NAMESPACE, involved, "does not match event.namespace"));
            }
            String controller = MetaValidator.nullToEmpty(event.getReportingComponent());
            if (controller.isEmpty()) {
                errs.add(FieldError.required(FieldPath.of("reportingComponent"), ""));
            }
            NameRules.isQualifiedName(controller)
                    .forEach(msg -> errs.add(FieldError.invalid(FieldPath.of("reportingComponent"), controller, msg)));
            if (Checks.isEmpty(event.getReportingInstance())) {
                errs.add(FieldError.required(FieldPath.of("reportingInstance"), ""));
            }
            if (Checks.isEmpty(event.getAction())) {
                errs.add(FieldError.required(FieldPath.of("action"), ""));
            }
            if (Checks.isEmpty(event.getReason())) {
                errs.add(FieldError.required(FieldPath.of("reason"), ""));
            }
        }
        return errs;
    }
}
