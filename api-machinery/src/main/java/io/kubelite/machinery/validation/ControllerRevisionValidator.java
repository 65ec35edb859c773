package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import java.util.ArrayList;
import java.util.List;

/** apps/v1 ControllerRevisions: the state they record is mandatory, their revision not negative. */
final class ControllerRevisionValidator {

    private ControllerRevisionValidator() {
    }

    static List<FieldError> validate(ControllerRevision revision) {
        List<FieldError> errs = new ArrayList<>();
        if (revision.getData() == null) {
            errs.add(FieldError.required(FieldPath.of("data"), "data is mandatory"));
        }
        Checks.nonNegative(errs, FieldPath.of("revision"), revision.getRevision());
        return errs;
    }
}
