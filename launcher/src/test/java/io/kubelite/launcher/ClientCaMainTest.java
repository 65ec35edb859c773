package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client CA {@code ./kubelite up} and compose's credentials step make once. */
class ClientCaMainTest {

    @TempDir
    Path dir;

    static PrivateKey key(Path file) throws Exception {
        String pem = Files.readString(file);
        assertThat(pem).startsWith("-----BEGIN PRIVATE KEY-----\n");
        String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
    }

    @Test
    void writesACaCertificateAndTheKeyThatSignsForIt() throws Exception {
        Path certificateFile = dir.resolve("tls/client-ca.crt");
        Path keyFile = dir.resolve("tls/client-ca.key");
        Instant now = Instant.parse("2026-11-27T18:00:00Z");

        assertThat(ClientCaMain.ensureCa(certificateFile, keyFile, now)).isTrue();

        X509Certificate ca = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(
                new ByteArrayInputStream(Files.readString(certificateFile).getBytes(StandardCharsets.US_ASCII)));
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=kubelite-client-ca");
        assertThat(ca.getBasicConstraints()).as("a CA").isGreaterThanOrEqualTo(0);
        assertThat(ca.getKeyUsage()[5]).as("keyCertSign").isTrue();
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(now);
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(now.plus(ClientCaMain.VALIDITY));
        ca.verify(ca.getPublicKey());

        Signature signature = Signature.getInstance("SHA256withECDSA");
        signature.initSign(key(keyFile));
        signature.update(new byte[] {1, 2, 3});
        byte[] signed = signature.sign();
        signature.initVerify(ca.getPublicKey());
        signature.update(new byte[] {1, 2, 3});
        assertThat(signature.verify(signed)).as("the key is the certificate's").isTrue();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(keyFile))).isEqualTo("rw-------");
    }

    @Test
    void keepsACaThatExistsAndReplacesAHalfOne() throws Exception {
        Path certificateFile = dir.resolve("client-ca.crt");
        Path keyFile = dir.resolve("client-ca.key");
        ClientCaMain.ensureCa(certificateFile, keyFile, Instant.now());
        String certificate = Files.readString(certificateFile);

        assertThat(ClientCaMain.ensureCa(certificateFile, keyFile, Instant.now())).isFalse();
        assertThat(Files.readString(certificateFile)).isEqualTo(certificate);

        Files.delete(keyFile);
        assertThat(ClientCaMain.ensureCa(certificateFile, keyFile, Instant.now())).as("a certificate without its key").isTrue();
        assertThat(Files.readString(certificateFile)).isNotEqualTo(certificate);
        assertThat(Files.list(dir)).extracting(p -> p.getFileName().toString())
                .containsExactlyInAnyOrder("client-ca.crt", "client-ca.key");
    }
}
