package io.kubelite.replication.certificates;

import static io.kubelite.replication.certificates.KnownSigner.KUBELET_SERVING;
import static io.kubelite.replication.certificates.KnownSigner.KUBE_APISERVER_CLIENT;
import static io.kubelite.replication.certificates.KnownSigner.KUBE_APISERVER_CLIENT_KUBELET;
import static io.kubelite.replication.certificates.TestPki.dns;
import static io.kubelite.replication.certificates.TestPki.email;
import static io.kubelite.replication.certificates.TestPki.ip;
import static io.kubelite.replication.certificates.TestPki.uri;
import static org.assertj.core.api.Assertions.assertThat;

import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

class KnownSignerTest {

    static final String NODE = "CN=system:node:worker-1,O=system:nodes";
    static final List<String> KUBELET_CLIENT = List.of("digital signature", "key encipherment", "client auth");
    static final List<String> KUBELET_SERVING_USAGES = List.of("digital signature", "key encipherment", "server auth");
    static final String KUBELET_CLIENT_USAGES_MISMATCH = "usages did not match [client auth digital signature key encipherment]";
    static final String SERVING_USAGES_MISMATCH = "usages did not match [digital signature key encipherment server auth]";

    static Arguments row(String name, KnownSigner signer, String subject, List<GeneralName> sans, List<String> usages,
            String violation) {
        return Arguments.of(name, signer, subject, sans, usages, violation);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                row("api client: client auth alone", KUBE_APISERVER_CLIENT, "CN=jane,O=dev", List.of(), List.of("client auth"), null),
                row("api client: all three allowed usages", KUBE_APISERVER_CLIENT, "CN=jane", List.of(),
                        List.of("key encipherment", "digital signature", "client auth"), null),
                row("api client: any subject and SANs", KUBE_APISERVER_CLIENT, "CN=system:node:x,O=system:masters",
                        List.of(dns("jane.example"), email("jane@example.com")), List.of("client auth"), null),
                row("api client: server auth is not a client usage", KUBE_APISERVER_CLIENT, "CN=jane", List.of(),
                        List.of("client auth", "server auth"), "invalid usage for client certificate: server auth"),
                row("api client: the first foreign usage is named", KUBE_APISERVER_CLIENT, "CN=jane", List.of(),
                        List.of("cert sign", "server auth"), "invalid usage for client certificate: cert sign"),
                row("api client: client auth is required", KUBE_APISERVER_CLIENT, "CN=jane", List.of(),
                        List.of("digital signature", "key encipherment"), "missing required usage for client certificate: client auth"),
                row("api client: no usages at all", KUBE_APISERVER_CLIENT, "CN=jane", List.of(), List.of(),
                        "missing required usage for client certificate: client auth"),

                row("kubelet client: kubeadm's request", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(), KUBELET_CLIENT, null),
                row("kubelet client: without key encipherment (ECDSA)", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(),
                        List.of("client auth", "digital signature"), null),
                row("kubelet client: usages repeated count once", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(),
                        List.of("client auth", "digital signature", "client auth"), null),
                row("kubelet client: no organization", KUBE_APISERVER_CLIENT_KUBELET, "CN=system:node:worker-1", List.of(),
                        KUBELET_CLIENT, "subject organization is not system:nodes"),
                row("kubelet client: a second organization", KUBE_APISERVER_CLIENT_KUBELET,
                        "CN=system:node:worker-1,O=system:nodes,O=system:masters", List.of(), KUBELET_CLIENT,
                        "subject organization is not system:nodes"),
                row("kubelet client: DNS SAN", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(dns("worker-1")), KUBELET_CLIENT,
                        "DNS subjectAltNames are not allowed"),
                row("kubelet client: email SAN", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(email("n@example.com")),
                        KUBELET_CLIENT, "Email subjectAltNames are not allowed"),
                row("kubelet client: IP SAN", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(ip("10.0.0.7")), KUBELET_CLIENT,
                        "IP subjectAltNames are not allowed"),
                row("kubelet client: URI SAN", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(uri("spiffe://cluster/node")),
                        KUBELET_CLIENT, "URI subjectAltNames are not allowed"),
                row("kubelet client: common name not system:node:", KUBE_APISERVER_CLIENT_KUBELET, "CN=worker-1,O=system:nodes",
                        List.of(), KUBELET_CLIENT, "subject common name does not begin with system:node:"),
                row("kubelet client: server auth asked", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(),
                        List.of("digital signature", "key encipherment", "server auth"), KUBELET_CLIENT_USAGES_MISMATCH),
                row("kubelet client: client auth alone", KUBE_APISERVER_CLIENT_KUBELET, NODE, List.of(), List.of("client auth"),
                        KUBELET_CLIENT_USAGES_MISMATCH),
                row("kubelet client: the name is checked before the usages", KUBE_APISERVER_CLIENT_KUBELET,
                        "CN=worker-1,O=system:nodes", List.of(), List.of("client auth"),
                        "subject common name does not begin with system:node:"),

                row("kubelet serving: DNS and IP SANs", KUBELET_SERVING, NODE, List.of(dns("worker-1"), ip("10.0.0.7")),
                        KUBELET_SERVING_USAGES, null),
                row("kubelet serving: an IP SAN alone", KUBELET_SERVING, NODE, List.of(ip("fd00::7")),
                        List.of("server auth", "digital signature"), null),
                row("kubelet serving: no organization", KUBELET_SERVING, "CN=system:node:worker-1", List.of(dns("worker-1")),
                        KUBELET_SERVING_USAGES, "subject organization is not system:nodes"),
                row("kubelet serving: no DNS or IP SAN", KUBELET_SERVING, NODE, List.of(), KUBELET_SERVING_USAGES,
                        "DNS or IP subjectAltName is required"),
                row("kubelet serving: an email SAN beside DNS", KUBELET_SERVING, NODE,
                        List.of(dns("worker-1"), email("n@example.com")), KUBELET_SERVING_USAGES,
                        "Email subjectAltNames are not allowed"),
                row("kubelet serving: a URI SAN beside DNS", KUBELET_SERVING, NODE, List.of(dns("worker-1"), uri("https://x")),
                        KUBELET_SERVING_USAGES, "URI subjectAltNames are not allowed"),
                row("kubelet serving: client auth asked", KUBELET_SERVING, NODE, List.of(dns("worker-1")),
                        List.of("digital signature", "key encipherment", "server auth", "client auth"), SERVING_USAGES_MISMATCH),
                row("kubelet serving: common name not system:node:", KUBELET_SERVING, "CN=worker-1,O=system:nodes",
                        List.of(dns("worker-1")), KUBELET_SERVING_USAGES, "subject common name does not begin with system:node:"),
                row("kubelet serving: the usages are checked before the name", KUBELET_SERVING, "CN=worker-1,O=system:nodes",
                        List.of(dns("worker-1")), List.of("server auth"), SERVING_USAGES_MISMATCH));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void refusesWithKubesMessageOrAccepts(String name, KnownSigner signer, String subject, List<GeneralName> sans,
            List<String> usages, String violation) {
        CertificateRequest request = TestPki.request(subject, sans.toArray(GeneralName[]::new));

        assertThat(signer.violation(request, usages)).isEqualTo(Optional.ofNullable(violation));
    }

    @Test
    void signsOnlyForTheThreeKubernetesSigners() {
        assertThat(KnownSigner.named("kubernetes.io/kube-apiserver-client")).contains(KUBE_APISERVER_CLIENT);
        assertThat(KnownSigner.named("kubernetes.io/kube-apiserver-client-kubelet")).contains(KUBE_APISERVER_CLIENT_KUBELET);
        assertThat(KnownSigner.named("kubernetes.io/kubelet-serving")).contains(KUBELET_SERVING);
        assertThat(KnownSigner.named("kubernetes.io/legacy-unknown")).isEmpty();
        assertThat(KnownSigner.named("example.com/my-signer")).isEmpty();
        assertThat(KnownSigner.named(null)).isEmpty();
    }
}
