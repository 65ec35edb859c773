package io.kubelite.replication.certificates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.util.io.pem.PemObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Function;
import java.util.stream.Stream;

class SigningCaTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");
    static final KeyPair RSA = TestPki.rsa();
    static final KeyPair OTHER_RSA = TestPki.rsa();
    static final KeyPair P256 = TestPki.ec("secp256r1");
    static final KeyPair P384 = TestPki.ec("secp384r1");
    static final KeyPair ED25519 = TestPki.ed25519();

    @TempDir
    Path dir;

    Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    static String caPem(KeyPair keys) {
        return TestPki.pem(TestPki.ca(keys, NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(3650))));
    }

    static String pkcs8(KeyPair keys) {
        try {
            return TestPki.pem(new JcaPKCS8Generator(keys.getPrivate(), null));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String ecParametersThenSec1(KeyPair keys) {
        try {
            byte[] p256 = new ASN1ObjectIdentifier("1.2.840.10045.3.1.7").getEncoded();
            String parameters = TestPki.pem(new PemObject("EC PARAMETERS", p256));
            return parameters + TestPki.pem(keys.getPrivate());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static String sec1OrPkcs1(KeyPair keys) {
        return TestPki.pem(keys.getPrivate());
    }

    static Arguments keyFile(String name, KeyPair keys, Function<KeyPair, String> pem, String signatureAlgorithm) {
        return Arguments.of(name, keys, pem, signatureAlgorithm);
    }

    static Stream<Arguments> keyFiles() {
        return Stream.of(
                keyFile("RSA, PKCS#8 (PRIVATE KEY)", RSA, SigningCaTest::pkcs8, "SHA256withRSA"),
                keyFile("RSA, PKCS#1 (RSA PRIVATE KEY)", RSA, SigningCaTest::sec1OrPkcs1, "SHA256withRSA"),
                keyFile("P-256, SEC1 (EC PRIVATE KEY)", P256, SigningCaTest::sec1OrPkcs1, "SHA256withECDSA"),
                keyFile("P-256, PKCS#8", P256, SigningCaTest::pkcs8, "SHA256withECDSA"),
                keyFile("P-256, EC PARAMETERS then SEC1 (openssl ecparam -genkey)", P256, SigningCaTest::ecParametersThenSec1,
                        "SHA256withECDSA"),
                keyFile("P-384, SEC1: signs with SHA-384", P384, SigningCaTest::sec1OrPkcs1, "SHA384withECDSA"),
                keyFile("Ed25519, PKCS#8", ED25519, SigningCaTest::pkcs8, "Ed25519"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keyFiles")
    void readsEveryKeyFormatAndSignsWithTheHashItsKeyCalls(String name, KeyPair keys, Function<KeyPair, String> keyPem,
            String algorithm) throws IOException {
        SigningCa ca = SigningCa.load(write("ca.crt", caPem(keys)), write("ca.key", keyPem.apply(keys)));

        assertThat(ca.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=kubelite-test-ca");
        assertThat(ca.key().getEncoded()).isEqualTo(keys.getPrivate().getEncoded());
        assertThat(ca.signatureAlgorithm()).isEqualTo(algorithm);
    }

    static String encryptedPkcs8(KeyPair keys) {
        try {
            var encryptor = new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC).setProvider(BouncyCastle.PROVIDER)
                    .setPassword("secret".toCharArray()).build();
            return TestPki.pem(new JcaPKCS8Generator(keys.getPrivate(), encryptor));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Stream<Arguments> unusable() {
        String ca = caPem(RSA);
        String key = pkcs8(RSA);
        String leaf = TestPki.pem(TestPki.certificate(RSA, "CN=leaf", NOW.minus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(30)),
                false, true));
        return Stream.of(
                Arguments.of("certificate file missing", null, key, "ca.crt: cannot be read"),
                Arguments.of("certificate file holds no certificate", "hello\n", key, "ca.crt: expected 1 certificate, found 0"),
                Arguments.of("certificate file holds a key only", key, key, "ca.crt: expected 1 certificate, found 0"),
                Arguments.of("certificate file holds two certificates", ca + caPem(OTHER_RSA), key,
                        "ca.crt: expected 1 certificate, found 2"),
                Arguments.of("certificate is not a CA", leaf, key,
                        "ca.crt: CN=leaf is not a CA certificate (basicConstraints CA is not true)"),
                Arguments.of("certificate is broken", "-----BEGIN CERTIFICATE-----\nMIIBroken\n-----END CERTIFICATE-----\n", key,
                        "ca.crt: not a readable PEM certificate"),
                Arguments.of("key file missing", ca, null, "ca.key: cannot be read"),
                Arguments.of("key file holds no key", ca, ca, "ca.key: no private key found"),
                Arguments.of("key is encrypted", ca, encryptedPkcs8(RSA), "ca.key: the private key is encrypted"),
                Arguments.of("key belongs to another certificate", ca, pkcs8(OTHER_RSA),
                        "ca.key: the private key does not belong to the certificate in "),
                Arguments.of("key of another algorithm", ca, pkcs8(P256),
                        "ca.key: the private key does not belong to the certificate in "));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusable")
    void refusesAPairItCannotSignWithNamingTheFileAndProperty(String name, String certPem, String keyPem, String message)
            throws IOException {
        Path cert = certPem == null ? dir.resolve("ca.crt") : write("ca.crt", certPem);
        Path key = keyPem == null ? dir.resolve("ca.key") : write("ca.key", keyPem);
        String property = message.startsWith("ca.crt") ? "kubelite.certificates.cluster-signing-cert-file "
                : "kubelite.certificates.cluster-signing-key-file ";

        assertThatThrownBy(() -> SigningCa.load(cert, key)).isInstanceOf(IllegalStateException.class)
                .hasMessageStartingWith(property + dir.resolve(message.substring(0, 6)) + message.substring(6));
    }

    @Test
    void aCaWhoseKeyUsageLacksCertSignIsRefused() throws IOException {
        Path cert = write("ca.crt", TestPki.pem(TestPki.certificate(RSA, "CN=restricted", NOW.minus(Duration.ofDays(1)),
                NOW.plus(Duration.ofDays(30)), true, true, KeyUsage.digitalSignature)));
        Path key = write("ca.key", pkcs8(RSA));

        assertThatThrownBy(() -> SigningCa.load(cert, key)).hasMessage("kubelite.certificates.cluster-signing-cert-file "
                + cert + ": CN=restricted may not sign certificates (its keyUsage lacks keyCertSign)");
    }

    static CertificateProperties props(String certFile, String keyFile) {
        return new CertificateProperties(certFile, keyFile, Duration.ofHours(8760), Duration.ofHours(1));
    }

    @Test
    void withNeitherFileThereIsNoSignerAndNoError() {
        assertThat(SigningCa.configured(props("", ""))).isEmpty();
        assertThat(SigningCa.configured(props(null, "  "))).isEmpty();
    }

    @Test
    void withBothFilesTheCaIsLoaded() throws IOException {
        Path cert = write("ca.crt", caPem(P256));
        Path key = write("ca.key", TestPki.pem(P256.getPrivate()));

        assertThat(SigningCa.configured(props(cert.toString(), key.toString())))
                .hasValueSatisfying(ca -> assertThat(ca.signatureAlgorithm()).isEqualTo("SHA256withECDSA"));
    }

    @Test
    void withOnlyOneFileStartUpFailsNamingTheMissingProperty() {
        assertThatThrownBy(() -> SigningCa.configured(props("/etc/ca.crt", "")))
                .hasMessage("kubelite.certificates.cluster-signing-cert-file=/etc/ca.crt is set but "
                        + "kubelite.certificates.cluster-signing-key-file is empty: set both, or neither to run without a signer");
        assertThatThrownBy(() -> SigningCa.configured(props("", "/etc/ca.key")))
                .hasMessage("kubelite.certificates.cluster-signing-key-file=/etc/ca.key is set but "
                        + "kubelite.certificates.cluster-signing-cert-file is empty: set both, or neither to run without a signer");
    }
}
