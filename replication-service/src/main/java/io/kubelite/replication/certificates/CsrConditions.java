package io.kubelite.replication.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;

import java.util.List;
import java.util.Optional;

/**
 * Where a CSR stands, as kubectl shows it: Pending (no condition), Approved, Denied, Failed, and
 * Issued (a certificate in {@code status.certificate}). A condition counts when its status is True;
 * one without a status counts too, since the API defaults it to True.
 */
final class CsrConditions {

    static final String APPROVED = "Approved";
    static final String DENIED = "Denied";
    static final String FAILED = "Failed";

    private CsrConditions() {
    }

    static List<CertificateSigningRequestCondition> of(CertificateSigningRequest csr) {
        return csr.getStatus() == null || csr.getStatus().getConditions() == null ? List.of() : csr.getStatus().getConditions();
    }

    /** The first True condition of this type. */
    static Optional<CertificateSigningRequestCondition> find(CertificateSigningRequest csr, String type) {
        return of(csr).stream().filter(c -> type.equals(c.getType()))
                .filter(c -> c.getStatus() == null || c.getStatus().isEmpty() || "True".equals(c.getStatus()))
                .findFirst();
    }

    static boolean has(CertificateSigningRequest csr, String type) {
        return find(csr, type).isPresent();
    }

    /** Approved and not Denied (kube's IsCertificateRequestApproved). */
    static boolean approved(CertificateSigningRequest csr) {
        return has(csr, APPROVED) && !has(csr, DENIED);
    }

    static boolean issued(CertificateSigningRequest csr) {
        return csr.getStatus() != null && csr.getStatus().getCertificate() != null
                && !csr.getStatus().getCertificate().isEmpty();
    }
}
