package io.kubelite.machinery.validation;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The review versions a webhook says it understands, in order of preference: a CRD conversion
 * webhook's {@code conversionReviewVersions} and an admission webhook's
 * {@code admissionReviewVersions}. Kube judges both lists alike: at least one entry, each a
 * DNS-1035 label listed once, and at least one the server can send ({@code v1} or
 * {@code v1beta1}). {@code [v2, v1]} is accepted, the server sends v1; {@code [v2]} is refused.
 *
 * <p>A repeated entry is reported once as a "duplicate version" and not judged again.
 */
final class ReviewVersions {

    /** The versions kube-apiserver sends, in its order, which its message keeps. */
    static final List<String> ACCEPTED = List.of("v1", "v1beta1");

    private ReviewVersions() {
    }

    /** {@code requiredDetail} is what an empty list is told: CRDs say nothing, admission webhooks list {@link #ACCEPTED}. */
    static List<FieldError> validate(List<String> versions, FieldPath path, String requiredDetail) {
        if (versions.isEmpty()) {
            return List.of(FieldError.required(path, requiredDetail));
        }
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        boolean accepted = false;
        for (int i = 0; i < versions.size(); i++) {
            String version = MetaValidator.nullToEmpty(versions.get(i));
            if (!seen.add(version)) {
                errs.add(FieldError.invalid(path.index(i), version, "duplicate version"));
                continue;
            }
            for (String msg : NameRules.isDns1035Label(version)) {
                errs.add(FieldError.invalid(path.index(i), version, msg));
            }
            accepted |= ACCEPTED.contains(version);
        }
        if (!accepted) {
            errs.add(FieldError.invalid(path, versions, "must include at least one of " + String.join(", ", ACCEPTED)));
        }
        return errs;
    }
}
