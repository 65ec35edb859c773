package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Event;
import java.util.ArrayList;
import java.util.List;

/**
 * The rules every Event is held to, whichever API wrote it (kube's {@code legacyValidateEvent}).
 * An event lives in the namespace of the object it is about; events about cluster-scoped objects
 * live in {@code default} (or, for events with an {@code eventTime}, {@code kube-system}). An
 * event with an {@code eventTime} is a new-style one and must also name who reported it, what was
 * done and why. Fields are named as in kube's internal Event, whatever the request's version:
 * {@code reportingController} (core/v1 {@code reportingComponent}), {@code message}
 * (events.k8s.io/v1 {@code note}), {@code involvedObject} ({@code regarding}).
 */
final class EventValidator {

    static final int REPORTING_INSTANCE_LENGTH_LIMIT = 128;
    static final int ACTION_LENGTH_LIMIT = 128;
    static final int REASON_LENGTH_LIMIT = 128;
    static final int NOTE_LENGTH_LIMIT = 1024;

    private static final FieldPath INVOLVED_NAMESPACE = FieldPath.of("involvedObject", "namespace");
    private static final FieldPath REPORTING_CONTROLLER = FieldPath.of("reportingController");
    private static final FieldPath REPORTING_INSTANCE = FieldPath.of("reportingInstance");
    private static final FieldPath ACTION = FieldPath.of("action");
    private static final FieldPath REASON = FieldPath.of("reason");
    private static final FieldPath MESSAGE = FieldPath.of("message");

    private EventValidator() {
    }

    static List<FieldError> validate(Event event) {
        List<FieldError> errs = new ArrayList<>();
        String namespace = event.getMetadata() == null ? "" : MetaValidator.nullToEmpty(event.getMetadata().getNamespace());
        String involved = event.getInvolvedObject() == null ? "" : MetaValidator.nullToEmpty(event.getInvolvedObject().getNamespace());
        if (!hasEventTime(event)) {
            boolean mismatch = involved.isEmpty()
                    ? !namespace.isEmpty() && !namespace.equals("default")
                    : !namespace.equals(involved);
            if (mismatch) {
                errs.add(FieldError.invalid(INVOLVED_NAMESPACE, involved, "does not match event.namespace"));
            }
            return errs;
        }
        if (involved.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
            errs.add(FieldError.invalid(INVOLVED_NAMESPACE, involved, "does not match event.namespace"));
        }
        String controller = MetaValidator.nullToEmpty(event.getReportingComponent());
        if (controller.isEmpty()) {
            errs.add(FieldError.required(REPORTING_CONTROLLER, ""));
        }
        NameRules.isQualifiedName(controller).forEach(msg -> errs.add(FieldError.invalid(REPORTING_CONTROLLER, controller, msg)));
        requiredWithin(errs, REPORTING_INSTANCE, event.getReportingInstance(), REPORTING_INSTANCE_LENGTH_LIMIT);
        requiredWithin(errs, ACTION, event.getAction(), ACTION_LENGTH_LIMIT);
        requiredWithin(errs, REASON, event.getReason(), REASON_LENGTH_LIMIT);
        if (Checks.utf8Length(event.getMessage()) > NOTE_LENGTH_LIMIT) {
            errs.add(tooLong(MESSAGE, NOTE_LENGTH_LIMIT));
        }
        return errs;
    }

    static boolean hasEventTime(Event event) {
        return event.getEventTime() != null && !Checks.isEmpty(event.getEventTime().getTime());
    }

    private static void requiredWithin(List<FieldError> errs, FieldPath path, String value, int limit) {
        if (Checks.isEmpty(value)) {
            errs.add(FieldError.required(path, ""));
        }
        if (Checks.utf8Length(value) > limit) {
            errs.add(tooLong(path, limit));
        }
    }

    /** kube's own words for these limits, an Invalid value without the value: {@code Invalid value: "": can have at most 128 characters}. */
    private static FieldError tooLong(FieldPath path, int limit) {
        return FieldError.invalid(path, "", "can have at most " + limit + " characters");
    }
}
