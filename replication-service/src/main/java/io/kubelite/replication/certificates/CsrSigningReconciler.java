package io.kubelite.replication.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * kube-controller-manager's csrsigning for the kubernetes.io signers it knows ({@link KnownSigner}).
 * A CSR is signed when it is Approved, not Denied, not Failed, has no certificate yet, and names
 * one of those signers; any other CSR is left alone. A request its signer's rules refuse gets a
 * {@code Failed} condition (reason {@value #VALIDATION_FAILURE}, kube's message) instead of a
 * certificate. A request that cannot be parsed, or a CA that cannot sign, is an error: the key is
 * retried with backoff, as kube does.
 */
public final class CsrSigningReconciler implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(CsrSigningReconciler.class);
    static final String VALIDATION_FAILURE = "SignerValidationFailure";

    /** How a status write went. */
    public enum StatusWrite {
        WRITTEN,
        /** the CSR was deleted meanwhile: nothing left to do */
        GONE,
        /** the CSR changed since the cache saw it (say, it was denied): look again */
        CONFLICT
    }

    /** The write this controller makes. */
    public interface Api {
        /**
         * Replaces the CSR's status through the status subresource, guarded by its resourceVersion,
         * so that a condition added meanwhile (Denied) is not lost.
         */
        StatusWrite updateStatus(CertificateSigningRequest csr);
    }

    private final Lister<CertificateSigningRequest> csrs;
    private final CsrSigner signer;
    private final Api api;
    private final Clock clock;

    public CsrSigningReconciler(Lister<CertificateSigningRequest> csrs, CsrSigner signer, Api api, Clock clock) {
        this.csrs = csrs;
        this.signer = signer;
        this.api = api;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        CertificateSigningRequest csr = csrs.get(key).orElse(null);
        if (csr == null || CsrConditions.issued(csr) || !CsrConditions.approved(csr)
                || CsrConditions.has(csr, CsrConditions.FAILED) || csr.getSpec() == null) {
            return Result.done();
        }
        Optional<KnownSigner> known = KnownSigner.named(csr.getSpec().getSignerName());
        if (known.isEmpty()) {
            return Result.done();
        }
        CertificateRequest request;
        try {
            request = CertificateRequest.parse(csr.getSpec().getRequest());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unable to parse csr \"" + key.name() + "\": " + e.getMessage(), e);
        }
        List<String> usages = csr.getSpec().getUsages() == null ? List.of() : csr.getSpec().getUsages();
        Optional<String> violation = known.get().violation(request, usages);
        if (violation.isPresent()) {
            return write(failed(csr, violation.get()), "Refused: " + violation.get());
        }
        String pem = signer.sign(request, usages, csr.getSpec().getExpirationSeconds());
        CertificateSigningRequest signed = new CertificateSigningRequestBuilder(csr).editOrNewStatus()
                .withCertificate(Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII)))
                .endStatus().build();
        return write(signed, "Signed");
    }

    private CertificateSigningRequest failed(CertificateSigningRequest csr, String message) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        CertificateSigningRequestCondition condition = new CertificateSigningRequestConditionBuilder()
                .withType(CsrConditions.FAILED).withStatus("True").withReason(VALIDATION_FAILURE).withMessage(message)
                .withLastUpdateTime(now).withLastTransitionTime(now).build();
        return new CertificateSigningRequestBuilder(csr).editOrNewStatus().addToConditions(condition).endStatus().build();
    }

    private Result write(CertificateSigningRequest csr, String what) {
        StatusWrite outcome = api.updateStatus(csr);
        var log = LOG.atInfo().addKeyValue("csr", csr.getMetadata().getName()).addKeyValue("uid", csr.getMetadata().getUid())
                .addKeyValue("resourceVersion", csr.getMetadata().getResourceVersion())
                .addKeyValue("signerName", csr.getSpec().getSignerName());
        return switch (outcome) {
            case WRITTEN -> {
                log.log(what);
                yield Result.done();
            }
            case GONE -> Result.done();
            case CONFLICT -> Result.requeue();
        };
    }
}
