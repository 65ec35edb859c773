package io.kubelite.launcher;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Writes the cluster's client CA — a self-signed P-256 CA certificate and its PKCS#8 key, both
 * PEM — unless both files exist (a CA is made once; the certificates it signed stay valid).
 * replication-service signs approved CertificateSigningRequests with it and the gateway accepts
 * the client certificates it signed. The key is readable by its owner only.
 *
 * <pre>
 * java -cp 'launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*' \
 *     io.kubelite.launcher.ClientCaMain .kubelite/tls/client-ca.crt .kubelite/tls/client-ca.key
 * </pre>
 */
public final class ClientCaMain {

    static final String SUBJECT = "CN=kubelite-client-ca";
    static final Duration VALIDITY = Duration.ofDays(3650);

    private ClientCaMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: ClientCaMain CERTIFICATE_FILE KEY_FILE");
            System.exit(2);
            return;
        }
        Path certificate = Path.of(args[0]);
        Path key = Path.of(args[1]);
        System.out.println(ensureCa(certificate, key, Instant.now()) ? "wrote " + certificate + " and " + key
                : certificate + " and " + key + " exist");
    }

    /** Writes a new CA to the two files unless both exist; true when it wrote one. */
    static boolean ensureCa(Path certificateFile, Path keyFile, Instant now) throws IOException, GeneralSecurityException {
        if (Files.exists(certificateFile) && Files.exists(keyFile)) {
            return false;
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair key = generator.generateKeyPair();
        X509Certificate certificate = selfSigned(key, now);
        write(keyFile, pem("PRIVATE KEY", key.getPrivate().getEncoded()), "rw-------");
        write(certificateFile, pem("CERTIFICATE", certificate.getEncoded()), "rw-r--r--");
        return true;
    }

    private static X509Certificate selfSigned(KeyPair key, Instant now) throws GeneralSecurityException {
        X500Name subject = new X500Name(SUBJECT);
        JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
        try {
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(subject,
                    new BigInteger(127, new SecureRandom()).add(BigInteger.ONE), Date.from(now),
                    Date.from(now.plus(VALIDITY)), subject, key.getPublic())
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(key.getPublic()));
            return new JcaX509CertificateConverter().getCertificate(
                    builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate())));
        } catch (OperatorCreationException | IOException e) {
            throw new GeneralSecurityException("cannot make the client CA certificate: " + e.getMessage(), e);
        }
    }

    /** Writes through a temporary file in the same directory, so a reader never sees half a file. */
    private static void write(Path file, String content, String permissions) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Path partial = Files.createTempFile(parent, "." + file.getFileName(), ".partial");
        try {
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString(permissions));
            Files.writeString(partial, content, StandardCharsets.US_ASCII);
            Files.move(partial, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    static String pem(String type, byte[] der) {
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
    }
}
