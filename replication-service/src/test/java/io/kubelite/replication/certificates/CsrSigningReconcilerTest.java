package io.kubelite.replication.certificates;

import static io.kubelite.replication.certificates.TestPki.dns;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequest;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestBuilder;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestCondition;
import io.fabric8.kubernetes.api.model.certificates.v1.CertificateSigningRequestConditionBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.MapLister;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.replication.certificates.CsrSigningReconciler.StatusWrite;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Deque;
import java.util.List;
import java.util.stream.Stream;

class CsrSigningReconcilerTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final KeyPair CA_KEY = SigningCaTest.P256;
    static final KeyPair NODE_KEY = TestPki.ec("secp256r1");
    static final String SERVING = "kubernetes.io/kubelet-serving";
    static final String KUBELET_CLIENT = "kubernetes.io/kube-apiserver-client-kubelet";
    static final String API_CLIENT = "kubernetes.io/kube-apiserver-client";
    static final List<String> SERVING_USAGES = List.of("digital signature", "key encipherment", "server auth");
    static final List<String> CLIENT_USAGES = List.of("digital signature", "key encipherment", "client auth");

    final ManualClock clock = new ManualClock(NOW);
    final SigningCa ca = CsrSignerTest.tenYearCa(CA_KEY);
    final MapLister<CertificateSigningRequest> csrs = new MapLister<>();
    final List<CertificateSigningRequest> written = new ArrayList<>();
    final Deque<StatusWrite> outcomes = new ArrayDeque<>();
    final CsrSigningReconciler reconciler = new CsrSigningReconciler(csrs, new CsrSigner(ca, Duration.ofHours(8760), clock),
            csr -> {
                written.add(csr);
                return outcomes.isEmpty() ? StatusWrite.WRITTEN : outcomes.poll();
            }, clock);

    static String nodeRequest(GeneralName... sans) {
        return TestPki.specRequest(TestPki.pkcs10(NODE_KEY, "CN=system:node:worker-1,O=system:nodes", sans));
    }

    static CertificateSigningRequestCondition condition(String type, String status) {
        return new CertificateSigningRequestConditionBuilder().withType(type).withStatus(status).withReason("KubectlApprove")
                .withLastUpdateTime("2026-11-26T11:59:00Z").build();
    }

    static final CertificateSigningRequestCondition APPROVED = condition("Approved", "True");

    static CertificateSigningRequestBuilder csr(String signer, String request, List<String> usages,
            CertificateSigningRequestCondition... conditions) {
        return new CertificateSigningRequestBuilder().withNewMetadata().withName("csr-worker-1").withUid("uid-1")
                .withResourceVersion("7").endMetadata()
                .withNewSpec().withSignerName(signer).withRequest(request).withUsages(usages).withUsername("system:node:worker-1")
                .endSpec()
                .withNewStatus().withConditions(conditions).endStatus();
    }

    Result reconcile() {
        return reconciler.reconcile(ObjectKey.clusterScoped("csr-worker-1"));
    }

    static X509Certificate certificateOf(CertificateSigningRequest csr) throws Exception {
        String pem = new String(Base64.getDecoder().decode(csr.getStatus().getCertificate()), StandardCharsets.US_ASCII);
        return CsrSignerTest.parse(pem);
    }

    @Test
    void anApprovedKubeletServingRequestIsSignedOnce() throws Exception {
        csrs.put(csr(SERVING, nodeRequest(dns("worker-1"), TestPki.ip("10.0.0.7")), SERVING_USAGES, APPROVED).build());

        assertThat(reconcile()).isEqualTo(Result.done());

        assertThat(written).singleElement().satisfies(csr -> {
            X509Certificate cert = certificateOf(csr);
            cert.verify(ca.certificate().getPublicKey());
            assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=system:nodes,CN=system:node:worker-1");
            assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
            assertThat(cert.getPublicKey()).isEqualTo(NODE_KEY.getPublic());
            assertThat(csr.getStatus().getConditions()).as("the approval stays; nothing failed").containsExactly(APPROVED);
            assertThat(csr.getMetadata().getResourceVersion()).as("the write is guarded by what was read").isEqualTo("7");
        });

        csrs.put(written.get(0));
        reconcile();
        assertThat(written).as("issued: not signed again").hasSize(1);
    }

    @Test
    void aClientCertificateLivesAsLongAsItsRequestAsks() throws Exception {
        csrs.put(csr(API_CLIENT, TestPki.specRequest(TestPki.pkcs10(NODE_KEY, "CN=jane,O=dev")), List.of("client auth"), APPROVED)
                .editSpec().withExpirationSeconds(3600).endSpec().build());

        reconcile();

        X509Certificate cert = certificateOf(written.get(0));
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=dev,CN=jane");
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    static Stream<Arguments> leftAlone() {
        String request = nodeRequest(dns("worker-1"));
        return Stream.of(
                Arguments.of("pending", csr(SERVING, request, SERVING_USAGES).build()),
                Arguments.of("denied", csr(SERVING, request, SERVING_USAGES, condition("Denied", "True")).build()),
                Arguments.of("approved and denied", csr(SERVING, request, SERVING_USAGES, APPROVED, condition("Denied", "True")).build()),
                Arguments.of("an Approved condition that is not True", csr(SERVING, request, SERVING_USAGES,
                        condition("Approved", "False")).build()),
                Arguments.of("already failed", csr(SERVING, request, SERVING_USAGES, APPROVED, condition("Failed", "True")).build()),
                Arguments.of("already issued", csr(SERVING, request, SERVING_USAGES, APPROVED).editStatus()
                        .withCertificate(TestPki.base64("-----BEGIN CERTIFICATE-----\n")).endStatus().build()),
                Arguments.of("another signer's", csr("example.com/my-signer", request, SERVING_USAGES, APPROVED).build()),
                Arguments.of("the legacy signer's", csr("kubernetes.io/legacy-unknown", request, SERVING_USAGES, APPROVED).build()),
                Arguments.of("another signer's, unparseable", csr("example.com/my-signer", "%%%", SERVING_USAGES, APPROVED).build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("leftAlone")
    void aRequestThatIsNotApprovedForAKnownSignerIsLeftAlone(String name, CertificateSigningRequest csr) {
        csrs.put(csr);

        assertThat(reconcile()).isEqualTo(Result.done());
        assertThat(written).isEmpty();
    }

    @Test
    void aDeletedRequestIsNothingToDo() {
        assertThat(reconcile()).isEqualTo(Result.done());
        assertThat(written).isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("a kubelet client asking for a DNS name", KUBELET_CLIENT, nodeRequest(dns("worker-1")), CLIENT_USAGES,
                        "DNS subjectAltNames are not allowed"),
                Arguments.of("a kubelet serving request without names", SERVING, nodeRequest(), SERVING_USAGES,
                        "DNS or IP subjectAltName is required"),
                Arguments.of("an API client asking to serve", API_CLIENT, nodeRequest(), List.of("client auth", "server auth"),
                        "invalid usage for client certificate: server auth"),
                Arguments.of("an API client without usages", API_CLIENT, nodeRequest(), null,
                        "missing required usage for client certificate: client auth"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void aRequestItsSignerRefusesFailsWithKubesMessage(String name, String signer, String request, List<String> usages,
            String message) {
        csrs.put(csr(signer, request, usages, APPROVED).build());

        assertThat(reconcile()).isEqualTo(Result.done());

        assertThat(written).singleElement().satisfies(csr -> {
            assertThat(csr.getStatus().getCertificate()).isNull();
            assertThat(csr.getStatus().getConditions()).hasSize(2).first().isEqualTo(APPROVED);
            CertificateSigningRequestCondition failed = csr.getStatus().getConditions().get(1);
            assertThat(failed.getType()).isEqualTo("Failed");
            assertThat(failed.getStatus()).isEqualTo("True");
            assertThat(failed.getReason()).isEqualTo("SignerValidationFailure");
            assertThat(failed.getMessage()).isEqualTo(message);
            assertThat(failed.getLastUpdateTime()).isEqualTo("2026-11-26T12:00:00Z");
            assertThat(failed.getLastTransitionTime()).isEqualTo("2026-11-26T12:00:00Z");
        });

        csrs.put(written.get(0));
        reconcile();
        assertThat(written).as("failed: not looked at again").hasSize(1);
    }

    @Test
    void aConflictLooksAgainAndAVanishedRequestIsDone() {
        csrs.put(csr(SERVING, nodeRequest(dns("worker-1")), SERVING_USAGES, APPROVED).build());
        outcomes.add(StatusWrite.CONFLICT);
        outcomes.add(StatusWrite.GONE);

        assertThat(reconcile()).as("409: the request changed meanwhile").isEqualTo(Result.requeue());
        assertThat(reconcile()).as("404: deleted meanwhile").isEqualTo(Result.done());
        assertThat(written).hasSize(2);
    }

    @Test
    void anUnparseableRequestIsAnErrorRetriedWithBackoff() {
        csrs.put(csr(SERVING, TestPki.base64("not a request"), SERVING_USAGES, APPROVED).build());

        assertThatThrownBy(this::reconcile).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unable to parse csr \"csr-worker-1\": PEM block type must be CERTIFICATE REQUEST");
        assertThat(written).isEmpty();
    }

    @Test
    void anExpiredCaIsAnErrorRetriedWithBackoff() {
        CsrSigningReconciler expired = new CsrSigningReconciler(csrs,
                new CsrSigner(CsrSignerTest.ca(CA_KEY, NOW.minus(Duration.ofHours(1))), Duration.ofHours(8760), clock),
                csr -> {
                    written.add(csr);
                    return StatusWrite.WRITTEN;
                }, clock);
        csrs.put(csr(SERVING, nodeRequest(dns("worker-1")), SERVING_USAGES, APPROVED).build());

        assertThatThrownBy(() -> expired.reconcile(ObjectKey.clusterScoped("csr-worker-1")))
                .hasMessage("the signer has expired: NotAfter=2026-11-26T11:00:00Z");
        assertThat(written).isEmpty();
    }
}
