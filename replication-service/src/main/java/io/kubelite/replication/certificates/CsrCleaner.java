package io.kubelite.replication.certificates;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * kube-controller-manager's csrcleaner, one pass per period over every CSR: requests pile up
 * (kubelets ask again before each certificate expires), so those done with are deleted —
 * <ul>
 * <li>Approved and issued, approved more than 1 h ago (the Approved condition's lastUpdateTime);</li>
 * <li>Denied more than 1 h ago;</li>
 * <li>Failed more than 1 h ago;</li>
 * <li>Pending (no condition at all) and created more than 24 h ago;</li>
 * <li>Approved and issued, and the certificate's NotAfter has passed.</li>
 * </ul>
 * Example at 12:00: approved and issued at 10:59 → deleted; approved at 11:30 → kept until after
 * 12:30; pending since yesterday 11:59 → deleted. An approved request that was never issued (no
 * signer for it) is none of these, and stays, as in kube.
 */
public final class CsrCleaner implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(CsrCleaner.class);
    /** The single key the pass runs under. */
    public static final ObjectKey KEY = ObjectKey.clusterScoped("csr-cleaner");

    static final Duration APPROVED_EXPIRATION = Duration.ofHours(1);
    static final Duration DENIED_EXPIRATION = Duration.ofHours(1);
    static final Duration PENDING_EXPIRATION = Duration.ofHours(24);

    /** The write this controller makes. */
    public interface Api {
        /** Deletes the CSR; one already gone is fine. */
        void delete(CertificateSigningRequest csr);
    }

    private final Supplier<List<CertificateSigningRequest>> csrs;
    private final Api api;
    private final Duration period;
    private final Clock clock;

    public CsrCleaner(Supplier<List<CertificateSigningRequest>> csrs, Api api, Duration period, Clock clock) {
        this.csrs = csrs;
        this.api = api;
        this.period = period;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Instant now = clock.instant();
        for (CertificateSigningRequest csr : csrs.get()) {
            reason(csr, now).ifPresent(reason -> delete(csr, reason));
        }
        return Result.requeueAfter(period);
    }

    /** Why the CSR goes now, or empty when it stays. */
    static Optional<String> reason(CertificateSigningRequest csr, Instant now) {
        boolean issued = CsrConditions.issued(csr);
        List<CertificateSigningRequestCondition> conditions = CsrConditions.of(csr);
        for (CertificateSigningRequestCondition c : conditions) {
            if (CsrConditions.APPROVED.equals(c.getType()) && issued
                    && olderThan(c.getLastUpdateTime(), APPROVED_EXPIRATION, now)) {
                return Optional.of("issued and approved more than " + APPROVED_EXPIRATION.toHours() + "h ago");
            }
        }
        for (CertificateSigningRequestCondition c : conditions) {
            if (CsrConditions.DENIED.equals(c.getType()) && olderThan(c.getLastUpdateTime(), DENIED_EXPIRATION, now)) {
                return Optional.of("denied more than " + DENIED_EXPIRATION.toHours() + "h ago");
            }
        }
        for (CertificateSigningRequestCondition c : conditions) {
            if (CsrConditions.FAILED.equals(c.getType()) && olderThan(c.getLastUpdateTime(), DENIED_EXPIRATION, now)) {
                return Optional.of("failed more than " + DENIED_EXPIRATION.toHours() + "h ago");
            }
        }
        if (conditions.isEmpty() && olderThan(csr.getMetadata().getCreationTimestamp(), PENDING_EXPIRATION, now)) {
            return Optional.of("pending for more than " + PENDING_EXPIRATION.toHours() + "h");
        }
        boolean approved = conditions.stream().anyMatch(c -> CsrConditions.APPROVED.equals(c.getType()));
        if (approved && issued && expired(csr.getStatus().getCertificate(), now)) {
            return Optional.of("its certificate has expired");
        }
        return Optional.empty();
    }

    /** A set time more than {@code age} before now; an unset or unreadable one is never old. */
    private static boolean olderThan(String time, Duration age, Instant now) {
        if (time == null || time.isEmpty()) {
            return false;
        }
        try {
            return Instant.parse(time).plus(age).isBefore(now);
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** The first certificate's NotAfter has passed; a certificate that cannot be read does not expire. */
    private static boolean expired(String certificate, Instant now) {
        try (PemReader reader = new PemReader(new StringReader(
                new String(Base64.getMimeDecoder().decode(certificate), StandardCharsets.US_ASCII)))) {
            PemObject block = reader.readPemObject();
            if (block == null) {
                return false;
            }
            X509Certificate cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(block.getContent()));
            return now.isAfter(cert.getNotAfter().toInstant());
        } catch (IOException | CertificateException | IllegalArgumentException e) {
            return false;
        }
    }

    private void delete(CertificateSigningRequest csr, String reason) {
        var log = LOG.atInfo().addKeyValue("csr", csr.getMetadata().getName()).addKeyValue("uid", csr.getMetadata().getUid());
        try {
            api.delete(csr);
            log.log("Deleted: " + reason);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("csr", csr.getMetadata().getName())
                    .log("Could not delete (" + reason + "): " + e.getMessage());
        }
    }
}
