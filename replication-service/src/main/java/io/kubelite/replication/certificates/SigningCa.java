package io.kubelite.replication.certificates;

import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMEncryptedKeyPair;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The CA issued certificates are signed with: one CA certificate and its private key, read from
 * the PEM files kube-controller-manager's {@code --cluster-signing-cert-file} and
 * {@code --cluster-signing-key-file} name. Every problem names the file and the property: the
 * service does not start with a CA it cannot sign with.
 */
public final class SigningCa {

    private static final Logger LOG = LoggerFactory.getLogger(SigningCa.class);
    /** The certificate's basicConstraints and keyUsage bit that let it sign certificates. */
    private static final int KEY_CERT_SIGN = 5;

    private final X509Certificate certificate;
    private final PrivateKey key;
    private final String signatureAlgorithm;

    SigningCa(X509Certificate certificate, PrivateKey key) {
        this.certificate = certificate;
        this.key = key;
        this.signatureAlgorithm = signatureAlgorithmFor(key);
    }

    /**
     * The CA the properties name, or empty when neither file is set (logged once at INFO: CSRs can
     * be approved but are not signed).
     *
     * @throws IllegalStateException when only one file is set, or a file cannot serve as the CA
     */
    public static Optional<SigningCa> configured(CertificateProperties props) {
        String certFile = props.clusterSigningCertFile();
        String keyFile = props.clusterSigningKeyFile();
        if (certFile.isEmpty() && keyFile.isEmpty()) {
            LOG.atInfo().log("No cluster signing CA configured: CertificateSigningRequests can be approved but will not "
                    + "be signed. To sign them, set " + CertificateProperties.CERT_FILE + " and "
                    + CertificateProperties.KEY_FILE + " (env " + CertificateProperties.CERT_FILE_ENV + " and "
                    + CertificateProperties.KEY_FILE_ENV + ") to the PEM CA certificate and its private key");
            return Optional.empty();
        }
        if (certFile.isEmpty() || keyFile.isEmpty()) {
            String missing = certFile.isEmpty() ? CertificateProperties.CERT_FILE : CertificateProperties.KEY_FILE;
            String set = certFile.isEmpty() ? CertificateProperties.KEY_FILE + "=" + keyFile
                    : CertificateProperties.CERT_FILE + "=" + certFile;
            throw new IllegalStateException(set + " is set but " + missing + " is empty: set both, or neither to run "
                    + "without a signer");
        }
        SigningCa ca = load(Path.of(certFile), Path.of(keyFile));
        LOG.atInfo().addKeyValue("certFile", certFile).addKeyValue("keyFile", keyFile)
                .log("Cluster signing CA " + ca.certificate.getSubjectX500Principal().getName() + " (valid until "
                        + ca.certificate.getNotAfter().toInstant() + ") loaded from " + certFile
                        + ": approved CSRs for the kubernetes.io signers will be signed");
        return Optional.of(ca);
    }

    /** Reads and checks the pair: one CA certificate, and the private key of its public key. */
    public static SigningCa load(Path certFile, Path keyFile) {
        X509Certificate certificate = readCaCertificate(certFile);
        PrivateKey key = readPrivateKey(keyFile);
        SigningCa ca;
        try {
            ca = new SigningCa(certificate, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException(CertificateProperties.KEY_FILE + " " + keyFile + ": " + e.getMessage(), e);
        }
        if (!ca.keyMatchesCertificate()) {
            throw new IllegalStateException(CertificateProperties.KEY_FILE + " " + keyFile
                    + ": the private key does not belong to the certificate in " + certFile);
        }
        return ca;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    PrivateKey key() {
        return key;
    }

    /** As Go's x509 picks it: SHA-256 with RSA, ECDSA with the hash that fits the curve, Ed25519. */
    String signatureAlgorithm() {
        return signatureAlgorithm;
    }

    static X509Certificate readCaCertificate(Path file) {
        String where = CertificateProperties.CERT_FILE + " " + file;
        List<X509Certificate> certificates = new ArrayList<>();
        try (PemReader pem = new PemReader(new StringReader(read(file, where)))) {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (PemObject block = pem.readPemObject(); block != null; block = pem.readPemObject()) {
                if ("CERTIFICATE".equals(block.getType())) {
                    certificates.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(block.getContent())));
                }
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException(where + ": not a readable PEM certificate: " + e.getMessage(), e);
        }
        if (certificates.size() != 1) {
            throw new IllegalStateException(where + ": expected 1 certificate, found " + certificates.size());
        }
        X509Certificate certificate = certificates.get(0);
        if (certificate.getBasicConstraints() < 0) {
            throw new IllegalStateException(where + ": " + certificate.getSubjectX500Principal().getName()
                    + " is not a CA certificate (basicConstraints CA is not true)");
        }
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && (keyUsage.length <= KEY_CERT_SIGN || !keyUsage[KEY_CERT_SIGN])) {
            throw new IllegalStateException(where + ": " + certificate.getSubjectX500Principal().getName()
                    + " may not sign certificates (its keyUsage lacks keyCertSign)");
        }
        return certificate;
    }

    /** The first private key in the file: PKCS#8 ("PRIVATE KEY"), PKCS#1 ("RSA PRIVATE KEY") or SEC1 ("EC PRIVATE KEY"). */
    static PrivateKey readPrivateKey(Path file) {
        String where = CertificateProperties.KEY_FILE + " " + file;
        JcaPEMKeyConverter converter = new JcaPEMKeyConverter().setProvider(BouncyCastle.PROVIDER);
        try (PEMParser parser = new PEMParser(new StringReader(read(file, where)))) {
            for (Object object = parser.readObject(); object != null; object = parser.readObject()) {
                if (object instanceof PEMKeyPair pair) {
                    return converter.getPrivateKey(pair.getPrivateKeyInfo());
                }
                if (object instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (object instanceof PEMEncryptedKeyPair || object instanceof PKCS8EncryptedPrivateKeyInfo) {
                    throw new IllegalStateException(where + ": the private key is encrypted; give it unencrypted");
                }
                // anything else ("EC PARAMETERS" before a SEC1 key, a certificate) is not the key
            }
        } catch (PEMException e) {
            throw new IllegalStateException(where + ": not a readable PEM private key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new IllegalStateException(where + ": not a readable PEM file: " + e.getMessage(), e);
        }
        throw new IllegalStateException(where + ": no private key found (expected a PEM block PRIVATE KEY, "
                + "RSA PRIVATE KEY or EC PRIVATE KEY)");
    }

    private static String read(Path file, String where) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new IllegalStateException(where + ": cannot be read: " + e, e);
        }
    }

    private static String signatureAlgorithmFor(PrivateKey key) {
        return switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC", "ECDSA" -> {
                int bits = ((ECPrivateKey) key).getParams().getCurve().getField().getFieldSize();
                yield bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
            }
            case "Ed25519", "EdDSA" -> "Ed25519";
            default -> throw new IllegalArgumentException("unsupported private key algorithm " + key.getAlgorithm()
                    + " (RSA, ECDSA or Ed25519)");
        };
    }

    /** Signs a random message with the key and checks it with the certificate's public key. */
    private boolean keyMatchesCertificate() {
        byte[] message = new byte[32];
        new SecureRandom().nextBytes(message);
        try {
            Signature signer = Signature.getInstance(signatureAlgorithm, BouncyCastle.PROVIDER);
            signer.initSign(key);
            signer.update(message);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(signatureAlgorithm, BouncyCastle.PROVIDER);
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(message);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
