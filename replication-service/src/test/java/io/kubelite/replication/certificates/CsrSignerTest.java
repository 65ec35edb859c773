package io.kubelite.replication.certificates;

import static io.kubelite.replication.certificates.TestPki.dns;
import static io.kubelite.replication.certificates.TestPki.email;
import static io.kubelite.replication.certificates.TestPki.ip;
import static io.kubelite.replication.certificates.TestPki.uri;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelite.controller.time.ManualClock;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

class CsrSignerTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration YEAR = Duration.ofHours(8760);
    static final KeyPair RSA_CA_KEY = SigningCaTest.RSA;
    static final KeyPair EC_CA_KEY = SigningCaTest.P256;
    static final KeyPair NODE_KEY = TestPki.ec("secp256r1");
    static final List<String> SERVING = List.of("digital signature", "key encipherment", "server auth");

    final ManualClock clock = new ManualClock(NOW);

    static SigningCa ca(KeyPair keys, Instant notAfter) {
        return new SigningCa(TestPki.ca(keys, NOW.minus(Duration.ofDays(1)), notAfter), keys.getPrivate());
    }

    static SigningCa tenYearCa(KeyPair keys) {
        return ca(keys, NOW.plus(Duration.ofDays(3650)));
    }

    static X509Certificate parse(String pem) throws Exception {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    }

    static CertificateRequest nodeRequest(GeneralName... sans) {
        return CertificateRequest.parse(TestPki.specRequest(
                TestPki.pkcs10(NODE_KEY, "CN=system:node:worker-1,O=system:nodes", sans)));
    }

    @Test
    void anRsaCaIssuesTheCertificateTheRequestAskedFor() throws Exception {
        SigningCa ca = tenYearCa(RSA_CA_KEY);
        CsrSigner signer = new CsrSigner(ca, YEAR, clock);

        X509Certificate cert = parse(signer.sign(nodeRequest(dns("worker-1.example"), ip("10.0.0.7"), ip("fd00::7"),
                email("ops@example.com"), uri("spiffe://cluster/node")), List.of("client auth", "digital signature",
                "server auth", "key encipherment"), null));

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withRSA");
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=system:nodes,CN=system:node:worker-1");
        assertThat(cert.getIssuerX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        assertThat(cert.getPublicKey()).isEqualTo(NODE_KEY.getPublic());
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "worker-1.example"),
                List.of(1, "ops@example.com"), List.of(7, "10.0.0.7"), List.of(7, "fd00:0:0:0:0:0:0:7"),
                List.of(6, "spiffe://cluster/node"));
        assertThat(cert.getExtendedKeyUsage()).as("server auth before client auth, as Go orders them")
                .containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(cert.getKeyUsage()).startsWith(true, false, true, false, false, false, false, false, false);
        assertThat(cert.getBasicConstraints()).as("not a CA").isEqualTo(-1);
        assertThat(cert.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.15", "2.5.29.19");
        assertThat(cert.getNonCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.37", "2.5.29.35", "2.5.29.17");
        assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(ca.certificate()));
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(YEAR).minus(Duration.ofMinutes(5)));
        assertThat(cert.getSerialNumber().signum()).isPositive();
        assertThat(cert.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
    }

    @Test
    void anEcCaSignsWithEcdsaAndAnRsaRequestKeepsItsKey() throws Exception {
        SigningCa ca = tenYearCa(EC_CA_KEY);
        CsrSigner signer = new CsrSigner(ca, YEAR, clock);
        CertificateRequest request = CertificateRequest.parse(TestPki.specRequest(
                TestPki.pkcs10(SigningCaTest.OTHER_RSA, "CN=jane,O=dev,O=ops")));

        X509Certificate cert = parse(signer.sign(request, List.of("client auth"), 3600));

        cert.verify(ca.certificate().getPublicKey());
        assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(cert.getPublicKey()).isEqualTo(SigningCaTest.OTHER_RSA.getPublic());
        assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("O=ops,O=dev,CN=jane");
        assertThat(cert.getSubjectAlternativeNames()).isNull();
        assertThat(cert.getKeyUsage()).as("no keyUsage extension without a key usage").isNull();
        assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.2");
    }

    @Test
    void everyCertificateHasItsOwnSerial() throws Exception {
        CsrSigner signer = new CsrSigner(tenYearCa(EC_CA_KEY), YEAR, clock);
        CertificateRequest request = nodeRequest(dns("worker-1"));

        assertThat(parse(signer.sign(request, SERVING, null)).getSerialNumber())
                .isNotEqualTo(parse(signer.sign(request, SERVING, null)).getSerialNumber());
    }

    @Test
    void extensionsTheRequestAsksForBeyondItsNamesAreNotCarriedOver() throws Exception {
        ExtensionsGenerator asked = new ExtensionsGenerator();
        asked.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
        asked.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(dns("worker-1")));
        var pkcs10 = new JcaPKCS10CertificationRequestBuilder(new X500Name("CN=system:node:worker-1,O=system:nodes"),
                NODE_KEY.getPublic()).addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, asked.generate())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(NODE_KEY.getPrivate()));
        CsrSigner signer = new CsrSigner(tenYearCa(EC_CA_KEY), YEAR, clock);

        X509Certificate cert = parse(signer.sign(CertificateRequest.parse(TestPki.specRequest(pkcs10)), SERVING, null));

        assertThat(cert.getBasicConstraints()).as("the request asked to be a CA").isEqualTo(-1);
        assertThat(cert.getSubjectAlternativeNames()).containsExactly(List.of(2, "worker-1"));
    }

    @Test
    void subjectAltNamesAreCriticalWhenTheSubjectIsEmpty() throws Exception {
        CsrSigner signer = new CsrSigner(tenYearCa(EC_CA_KEY), YEAR, clock);
        CertificateRequest request = CertificateRequest.parse(TestPki.specRequest(TestPki.pkcs10(NODE_KEY, "", dns("svc.local"))));

        X509Certificate cert = parse(signer.sign(request, SERVING, null));

        assertThat(cert.getCriticalExtensionOIDs()).contains("2.5.29.17");
    }

    @Test
    void aCaWithoutASubjectKeyIdIsIdentifiedByTheHashOfItsKey() throws Exception {
        SigningCa ca = new SigningCa(TestPki.certificate(EC_CA_KEY, "CN=no-ski", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), true, false), EC_CA_KEY.getPrivate());
        CsrSigner signer = new CsrSigner(ca, YEAR, clock);

        X509Certificate cert = parse(signer.sign(nodeRequest(dns("worker-1")), SERVING, null));

        cert.verify(EC_CA_KEY.getPublic());
        assertThat(authorityKeyId(cert)).isEqualTo(
                new JcaX509ExtensionUtils().createSubjectKeyIdentifier(EC_CA_KEY.getPublic()).getKeyIdentifier());
    }

    @Test
    void theCertificateIsOnePemBlockOf64CharacterLines() {
        String pem = new CsrSigner(tenYearCa(EC_CA_KEY), YEAR, clock).sign(nodeRequest(dns("worker-1")), SERVING, null);

        assertThat(pem).startsWith("-----BEGIN CERTIFICATE-----\n").endsWith("\n-----END CERTIFICATE-----\n");
        assertThat(pem.lines().filter(l -> !l.startsWith("-----"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
    }

    @Test
    void anUnknownUsageIsAnErrorNotACertificate() {
        CsrSigner signer = new CsrSigner(tenYearCa(EC_CA_KEY), YEAR, clock);

        assertThatThrownBy(() -> signer.sign(nodeRequest(dns("worker-1")), List.of("server auth", "teleport"), null))
                .hasMessage("unrecognized usage values: [\"teleport\"]");
    }

    static Stream<Arguments> validities() {
        Instant notBefore = NOW.minus(Duration.ofMinutes(5));
        Instant tenYears = NOW.plus(Duration.ofDays(3650));
        return Stream.of(
                Arguments.of("unset: a year, ending 5 min early so it lives exactly a year", YEAR, tenYears, null,
                        notBefore, NOW.plus(YEAR).minus(Duration.ofMinutes(5))),
                Arguments.of("an hour is short: its end is not backdated", YEAR, tenYears, 3600, notBefore, NOW.plus(Duration.ofHours(1))),
                Arguments.of("eight hours is not short", YEAR, tenYears, 8 * 3600, notBefore,
                        NOW.plus(Duration.ofHours(8)).minus(Duration.ofMinutes(5))),
                Arguments.of("under ten minutes gets ten", YEAR, tenYears, 60, notBefore, NOW.plus(Duration.ofMinutes(10))),
                Arguments.of("more than the cluster signing duration gets that", YEAR, tenYears, 10 * 365 * 86400, notBefore,
                        NOW.plus(YEAR).minus(Duration.ofMinutes(5))),
                Arguments.of("a shorter cluster signing duration caps an unset request", Duration.ofHours(1), tenYears, null,
                        notBefore, NOW.plus(Duration.ofHours(1))),
                Arguments.of("never after the CA's end", YEAR, NOW.plus(Duration.ofMinutes(30)), null, notBefore,
                        NOW.plus(Duration.ofMinutes(30))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validities")
    void validityFollowsKubesPolicy(String name, Duration clusterSigningDuration, Instant caNotAfter, Integer expirationSeconds,
            Instant notBefore, Instant notAfter) throws Exception {
        CsrSigner signer = new CsrSigner(ca(EC_CA_KEY, caNotAfter), clusterSigningDuration, clock);

        assertThat(signer.validity(expirationSeconds)).isEqualTo(new CsrSigner.Validity(notBefore, notAfter));
        X509Certificate cert = parse(signer.sign(nodeRequest(dns("worker-1")), SERVING, expirationSeconds));
        assertThat(cert.getNotBefore().toInstant()).isEqualTo(notBefore);
        assertThat(cert.getNotAfter().toInstant()).isEqualTo(notAfter);
    }

    @Test
    void anExpiredCaSignsNothing() {
        CsrSigner justExpired = new CsrSigner(ca(EC_CA_KEY, NOW.minus(Duration.ofMinutes(2))), YEAR, clock);
        CsrSigner longExpired = new CsrSigner(ca(EC_CA_KEY, NOW.minus(Duration.ofMinutes(10))), YEAR, clock);

        assertThatThrownBy(() -> justExpired.sign(nodeRequest(dns("worker-1")), SERVING, null))
                .hasMessage("refusing to sign a certificate that expired in the past: NotAfter=2026-11-26T11:58:00Z");
        assertThatThrownBy(() -> longExpired.sign(nodeRequest(dns("worker-1")), SERVING, null))
                .hasMessage("the signer has expired: NotAfter=2026-11-26T11:50:00Z");
    }

    static byte[] authorityKeyId(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.authorityKeyIdentifier.getId());
        return AuthorityKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }

    static byte[] subjectKeyId(X509Certificate cert) {
        byte[] value = cert.getExtensionValue(Extension.subjectKeyIdentifier.getId());
        return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(value).getOctets()).getKeyIdentifier();
    }
}
