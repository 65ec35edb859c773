package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** The user a client certificate names, as kube-apiserver's x509 authenticator reads it. */
class ClientCertificateAuthenticatorTest {

    static X509Certificate certificate(String subject) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        KeyPair key = generator.generateKeyPair();
        Instant now = Instant.now();
        var holder = new JcaX509v3CertificateBuilder(new X500Name("CN=ca"), BigInteger.ONE, Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        return new JcaX509CertificateConverter().getCertificate(holder);
    }

    @Test
    void theCommonNameIsTheUserAndTheOrganizationsAreItsGroups() throws Exception {
        UserInfo user = ClientCertificateAuthenticator.user(certificate("CN=bob,O=dev,O=ops")).orElseThrow();

        assertThat(user.name()).isEqualTo("bob");
        assertThat(user.uid()).isEmpty();
        assertThat(user.groups()).containsExactly("dev", "ops", "system:authenticated");
    }

    @Test
    void namesWithCommasAndColonsSurviveTheSubjectsEscaping() throws Exception {
        UserInfo user = ClientCertificateAuthenticator.user(
                certificate("O=system:nodes,CN=system:node:worker\\, one")).orElseThrow();

        assertThat(user.name()).isEqualTo("system:node:worker, one");
        assertThat(user.groups()).containsExactly("system:nodes", "system:authenticated");
    }

    @Test
    void aCertificateWithoutACommonNameNamesNobody() throws Exception {
        assertThat(ClientCertificateAuthenticator.user(certificate("O=dev"))).isEmpty();
        assertThat(new ClientCertificates().verify(null)).isEqualTo(new ClientCertificates.Outcome.None());
    }
}
