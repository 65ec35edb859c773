package io.kubelite.replication.certificates;

import static io.kubelite.replication.certificates.TestPki.dns;
import static io.kubelite.replication.certificates.TestPki.email;
import static io.kubelite.replication.certificates.TestPki.ip;
import static io.kubelite.replication.certificates.TestPki.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.pkcs.CertificationRequest;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.security.KeyPair;
import java.time.Instant;
import java.util.stream.Stream;

class CertificateRequestTest {

    static final KeyPair KEY = TestPki.ec("secp256r1");
    static final KeyPair OTHER = TestPki.ec("secp256r1");

    @Test
    void readsTheSubjectAndEveryKindOfSubjectAltName() throws Exception {
        CertificateRequest request = CertificateRequest.parse(TestPki.specRequest(TestPki.pkcs10(KEY,
                "CN=first,CN=system:node:worker-1,O=system:nodes,OU=ignored",
                dns("worker-1.example"), email("ops@example.com"), ip("10.0.0.7"), ip("fd00::7"), uri("spiffe://cluster/node"),
                new GeneralName(GeneralName.directoryName, "CN=not carried"))));

        assertThat(request.organizations()).containsExactly("system:nodes");
        assertThat(request.commonName()).as("the last CN, as Go keeps it").isEqualTo("system:node:worker-1");
        assertThat(request.dnsNames()).containsExactly("worker-1.example");
        assertThat(request.emailAddresses()).containsExactly("ops@example.com");
        assertThat(request.ipAddresses()).containsExactly(InetAddress.getByName("10.0.0.7"), InetAddress.getByName("fd00::7"));
        assertThat(request.uris()).containsExactly("spiffe://cluster/node");
    }

    @Test
    void aRequestWithoutExtensionsHasNoSubjectAltNames() {
        CertificateRequest request = CertificateRequest.parse(TestPki.specRequest(TestPki.pkcs10(KEY, "CN=jane")));

        assertThat(request.organizations()).isEmpty();
        assertThat(request.commonName()).isEqualTo("jane");
        assertThat(request.dnsNames()).isEmpty();
        assertThat(request.ipAddresses()).isEmpty();
    }

    static String forgedSignature() {
        PKCS10CertificationRequest mine = TestPki.pkcs10(KEY, "CN=system:node:worker-1,O=system:nodes");
        PKCS10CertificationRequest theirs = TestPki.pkcs10(OTHER, "CN=system:node:worker-1,O=system:nodes");
        return TestPki.specRequest(new PKCS10CertificationRequest(new CertificationRequest(
                mine.toASN1Structure().getCertificationRequestInfo(), mine.getSignatureAlgorithm(),
                theirs.toASN1Structure().getSignature())));
    }

    static Stream<Arguments> unusable() {
        String certificate = TestPki.pem(TestPki.ca(KEY, Instant.parse("2026-01-01T00:00:00Z"),
                Instant.parse("2036-01-01T00:00:00Z")));
        String der = TestPki.pem(new PemObject("CERTIFICATE REQUEST", new byte[] {0x30, 0x03, 0x02, 0x01, 0x01}));
        return Stream.of(
                Arguments.of("no request", null, "PEM block type must be CERTIFICATE REQUEST"),
                Arguments.of("not base64", "%%%", "spec.request is not base64"),
                Arguments.of("base64 of text that is not PEM", TestPki.base64("hello"), "PEM block type must be CERTIFICATE REQUEST"),
                Arguments.of("a certificate, not a request", TestPki.base64(certificate), "PEM block type must be CERTIFICATE REQUEST"),
                Arguments.of("the old NEW CERTIFICATE REQUEST header", TestPki.base64(TestPki.pem(TestPki.pkcs10(KEY, "CN=x"))
                        .replace("CERTIFICATE REQUEST", "NEW CERTIFICATE REQUEST")), "PEM block type must be CERTIFICATE REQUEST"),
                Arguments.of("a request block that is not PKCS#10", TestPki.base64(der), "unable to parse certificate request"),
                Arguments.of("signed with another key than the one it asks for", forgedSignature(),
                        "unable to verify certificate request signature"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void refusesWhatIsNotASignedPemRequest(String name, String specRequest, String message) {
        assertThatThrownBy(() -> CertificateRequest.parse(specRequest)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(message);
    }

    @Test
    void readsAnRsaRequestToo() {
        CertificateRequest request = CertificateRequest.parse(TestPki.specRequest(TestPki.pkcs10(SigningCaTest.RSA, "CN=rsa")));

        assertThat(request.commonName()).isEqualTo("rsa");
        assertThat(request.pkcs10().getSubjectPublicKeyInfo().getAlgorithm().getAlgorithm().getId())
                .as("rsaEncryption").isEqualTo("1.2.840.113549.1.1.1");
    }
}
