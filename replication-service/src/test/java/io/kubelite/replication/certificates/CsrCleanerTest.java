package io.kubelite.replication.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

class CsrCleanerTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final String VALID_CERT = certificate(NOW.plus(Duration.ofDays(300)));
    static final String EXPIRED_CERT = certificate(NOW.minus(Duration.ofMinutes(1)));

    static String certificate(Instant notAfter) {
        return TestPki.base64(TestPki.pem(TestPki.certificate(SigningCaTest.P256, "CN=system:node:worker-1",
                NOW.minus(Duration.ofDays(400)), notAfter, false, false)));
    }

    static String ago(Duration age) {
        return NOW.minus(age).toString();
    }

    static CertificateSigningRequestCondition condition(String type, String lastUpdateTime) {
        return new CertificateSigningRequestConditionBuilder().withType(type).withStatus("True").withLastUpdateTime(lastUpdateTime)
                .build();
    }

    static CertificateSigningRequest csr(String created, String certificate, CertificateSigningRequestCondition... conditions) {
        return new CertificateSigningRequestBuilder().withNewMetadata().withName("csr-1").withCreationTimestamp(created).endMetadata()
                .withNewSpec().withSignerName("kubernetes.io/kubelet-serving").endSpec()
                .withNewStatus().withConditions(conditions).withCertificate(certificate).endStatus().build();
    }

    static Stream<Arguments> cases() {
        String yesterday = ago(Duration.ofHours(30));
        Duration justOverAnHour = Duration.ofMinutes(61);
        Duration justUnderAnHour = Duration.ofMinutes(59);
        return Stream.of(
                Arguments.of("pending for 25 h", csr(ago(Duration.ofHours(25)), null), "pending for more than 24h"),
                Arguments.of("pending for 23 h", csr(ago(Duration.ofHours(23)), null), null),
                Arguments.of("pending for exactly 24 h", csr(ago(Duration.ofHours(24)), null), null),
                Arguments.of("pending with no creation time", csr(null, null), null),
                Arguments.of("issued, approved 61 min ago", csr(yesterday, VALID_CERT, condition("Approved", ago(justOverAnHour))),
                        "issued and approved more than 1h ago"),
                Arguments.of("issued, approved 59 min ago", csr(yesterday, VALID_CERT, condition("Approved", ago(justUnderAnHour))),
                        null),
                Arguments.of("approved 2 h ago and never issued (no signer)", csr(yesterday, null,
                        condition("Approved", ago(Duration.ofHours(2)))), null),
                Arguments.of("denied 61 min ago", csr(yesterday, null, condition("Denied", ago(justOverAnHour))),
                        "denied more than 1h ago"),
                Arguments.of("denied 59 min ago", csr(yesterday, null, condition("Denied", ago(justUnderAnHour))), null),
                Arguments.of("failed 61 min ago", csr(yesterday, null, condition("Approved", ago(Duration.ofHours(2))),
                        condition("Failed", ago(justOverAnHour))), "failed more than 1h ago"),
                Arguments.of("failed 30 min ago", csr(yesterday, null, condition("Approved", ago(Duration.ofHours(2))),
                        condition("Failed", ago(Duration.ofMinutes(30)))), null),
                Arguments.of("issued 10 min ago, the certificate already expired", csr(yesterday, EXPIRED_CERT,
                        condition("Approved", ago(Duration.ofMinutes(10)))), "its certificate has expired"),
                Arguments.of("issued 10 min ago, the certificate unreadable", csr(yesterday, TestPki.base64("garbage"),
                        condition("Approved", ago(Duration.ofMinutes(10)))), null),
                Arguments.of("issued, approval time missing, certificate valid", csr(yesterday, VALID_CERT,
                        condition("Approved", null)), null),
                Arguments.of("issued, approval time missing, certificate expired", csr(yesterday, EXPIRED_CERT,
                        condition("Approved", null)), "its certificate has expired"),
                Arguments.of("denied at a time that cannot be read", csr(yesterday, null, condition("Denied", "yesterday")), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void deletesWhatKubesCleanerDeletes(String name, CertificateSigningRequest csr, String reason) {
        assertThat(CsrCleaner.reason(csr, NOW)).isEqualTo(Optional.ofNullable(reason));
    }

    @Test
    void aPassDeletesEveryStaleRequestEvenWhenOneDeleteFailsAndComesBackAfterThePeriod() {
        ManualClock clock = new ManualClock(NOW);
        List<CertificateSigningRequest> all = List.of(
                new CertificateSigningRequestBuilder(csr(ago(Duration.ofHours(25)), null)).editMetadata().withName("old-pending")
                        .endMetadata().build(),
                new CertificateSigningRequestBuilder(csr(ago(Duration.ofHours(2)), null, condition("Denied", ago(Duration.ofHours(2)))))
                        .editMetadata().withName("old-denied").endMetadata().build(),
                new CertificateSigningRequestBuilder(csr(ago(Duration.ofMinutes(1)), null)).editMetadata().withName("fresh")
                        .endMetadata().build());
        List<String> deleted = new ArrayList<>();
        CsrCleaner cleaner = new CsrCleaner(() -> all, csr -> {
            if (csr.getMetadata().getName().equals("old-pending")) {
                throw new IllegalStateException("API unavailable");
            }
            deleted.add(csr.getMetadata().getName());
        }, Duration.ofHours(1), clock);

        assertThat(cleaner.reconcile(CsrCleaner.KEY)).isEqualTo(Result.requeueAfter(Duration.ofHours(1)));
        assertThat(deleted).containsExactly("old-denied");
    }
}
