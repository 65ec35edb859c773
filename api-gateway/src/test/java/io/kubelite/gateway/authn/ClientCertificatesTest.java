package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/**
 * The x509 authenticator's checks, as kube-apiserver makes them after a handshake that took the
 * certificate: chains to the client CA, valid now, meant for client authentication, names a user.
 */
class ClientCertificatesTest {

    record Issued(X509Certificate certificate, KeyPair key) {
    }

    private static final Instant NOW = Instant.now();

    static KeyPair key() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        return generator.generateKeyPair();
    }

    static Issued authority(String name) throws Exception {
        KeyPair key = key();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=" + name), BigInteger.ONE,
                Date.from(NOW.minus(1, ChronoUnit.DAYS)), Date.from(NOW.plus(365, ChronoUnit.DAYS)),
                new X500Name("CN=" + name), key.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.digitalSignature));
        return new Issued(new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))), key);
    }

    static X509Certificate client(Issued ca, String subject, Instant notBefore, Instant notAfter, KeyPurposeId usage)
            throws Exception {
        return client(ca, subject, notBefore, notAfter, usage, key());
    }

    /** A client certificate of {@code ca} for {@code key}, valid now. */
    static X509Certificate signed(Issued ca, String subject, KeyPair key) throws Exception {
        return client(ca, subject, NOW.minus(1, ChronoUnit.HOURS), NOW.plus(1, ChronoUnit.DAYS),
                KeyPurposeId.id_kp_clientAuth, key);
    }

    private static X509Certificate client(Issued ca, String subject, Instant notBefore, Instant notAfter,
            KeyPurposeId usage, KeyPair key) throws Exception {
        var builder = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.TWO, Date.from(notBefore),
                Date.from(notAfter), new X500Name(subject), key.getPublic());
        if (usage != null) {
            builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usage));
        }
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.key().getPrivate())));
    }

    /** Valid now, for {@code usage} (none: any). */
    static X509Certificate client(Issued ca, String subject, KeyPurposeId usage) throws Exception {
        return client(ca, subject, NOW.minus(1, ChronoUnit.HOURS), NOW.plus(1, ChronoUnit.DAYS), usage);
    }

    static X509Certificate client(Issued ca, String subject) throws Exception {
        return client(ca, subject, KeyPurposeId.id_kp_clientAuth);
    }

    ClientCertificates verifierTrusting(Issued ca) {
        ClientCertificates verifier = new ClientCertificates();
        verifier.setAuthorities(List.of(ca.certificate()));
        return verifier;
    }

    @Test
    void aCertificateOfTheClientCaNamesItsUser() throws Exception {
        Issued ca = authority("client-ca");

        var outcome = verifierTrusting(ca).verify(new X509Certificate[] {client(ca, "CN=jane,O=dev")}, new Date());

        assertThat(outcome).isEqualTo(new ClientCertificates.Outcome.Verified(
                new UserInfo("jane", "", List.of("dev", "system:authenticated"))));
    }

    @Test
    void aCertificateOfAnotherCaIsRefusedEvenNamingSystemMasters() throws Exception {
        Issued ca = authority("client-ca");
        Issued other = authority("client-ca");

        var outcome = verifierTrusting(ca).verify(
                new X509Certificate[] {client(other, "CN=mallory,O=system:masters")}, new Date());

        assertThat(outcome).isInstanceOf(ClientCertificates.Outcome.Refused.class);
    }

    @Test
    void aCertificateOutsideItsValidityIsRefused() throws Exception {
        Issued ca = authority("client-ca");
        ClientCertificates verifier = verifierTrusting(ca);

        for (int days : new int[] {-2, 1}) {
            X509Certificate outside = client(ca, "CN=jane", NOW.plus(days, ChronoUnit.DAYS),
                    NOW.plus(days + 1, ChronoUnit.DAYS), KeyPurposeId.id_kp_clientAuth);
            assertThat(verifier.verify(new X509Certificate[] {outside}, new Date())).as("valid from %d days", days)
                    .isInstanceOf(ClientCertificates.Outcome.Refused.class);
        }
    }

    @Test
    void aCertificateForServersOnlyIsRefusedAndOneWithoutUsagesTaken() throws Exception {
        Issued ca = authority("client-ca");
        X509Certificate serverOnly = client(ca, "CN=web", KeyPurposeId.id_kp_serverAuth);
        X509Certificate anyUsage = client(ca, "CN=jane", null);

        assertThat(verifierTrusting(ca).verify(new X509Certificate[] {serverOnly}, new Date()))
                .isEqualTo(new ClientCertificates.Outcome.Refused("certificate specifies an incompatible key usage"));
        assertThat(verifierTrusting(ca).verify(new X509Certificate[] {anyUsage}, new Date()))
                .isInstanceOf(ClientCertificates.Outcome.Verified.class);
    }

    @Test
    void aCertificateWithoutACommonNameNamesNobody() throws Exception {
        Issued ca = authority("client-ca");

        assertThat(verifierTrusting(ca).verify(new X509Certificate[] {client(ca, "O=dev")}, new Date()))
                .isInstanceOf(ClientCertificates.Outcome.Refused.class);
    }
}
