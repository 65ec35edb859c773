package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import java.util.ArrayList;
import java.util.List;

/** coordination.k8s.io/v1 Leases: a positive duration and a non-negative transition count. */
final class LeaseValidator {

    private LeaseValidator() {
    }

    static List<FieldError> validate(Lease lease) {
        List<FieldError> errs = new ArrayList<>();
        if (lease.getSpec() == null) {
            return errs;
        }
        Integer duration = lease.getSpec().getLeaseDurationSeconds();
        if (duration != null && duration <= 0) {
            errs.add(FieldError.invalid(FieldPath.of("spec", "leaseDurationSeconds"), duration, "must be greater than 0"));
        }
        Checks.nonNegative(errs, FieldPath.of("spec", "leaseTransitions"), lease.getSpec().getLeaseTransitions());
        return errs;
    }
}
