package io.kubelite.replication.certificates;

import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;

/**
 * Issues the certificate of an approved request that its signer's rules accept, as
 * kube-controller-manager's local signer does: a random positive 128-bit serial; the request's
 * subject and subjectAltNames (DNS, email, IP, URI); keyUsage and extendedKeyUsage from
 * {@code spec.usages}; basicConstraints CA=false (critical); the CA's key identifier as
 * authorityKeyIdentifier; no other extension the request asked for. Signed with the CA's key.
 */
public final class CsrSigner {

    /** How far NotBefore lies in the past, for clocks behind the signer's. */
    static final Duration BACKDATE = Duration.ofMinutes(5);
    /** Lifetimes below this are not shortened by the backdate (5 minutes is about 1% of 8 hours). */
    static final Duration SHORT = Duration.ofHours(8);
    /** The shortest lifetime {@code spec.expirationSeconds} gets: twice the backdate. */
    static final Duration SHORTEST = Duration.ofMinutes(10);

    private static final Base64.Encoder PEM_BASE64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));

    private final SigningCa ca;
    private final Duration clusterSigningDuration;
    private final Clock clock;
    private final X500Name issuer;
    private final byte[] caKeyId;
    private final SecureRandom random = new SecureRandom();

    /** The NotBefore and NotAfter of a certificate about to be issued. */
    record Validity(Instant notBefore, Instant notAfter) {
    }

    /** @param clusterSigningDuration the longest lifetime ({@code --cluster-signing-duration}) */
    public CsrSigner(SigningCa ca, Duration clusterSigningDuration, Clock clock) {
        this.ca = ca;
        this.clusterSigningDuration = clusterSigningDuration;
        this.clock = clock;
        this.issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        this.caKeyId = keyIdentifier(ca);
    }

    /**
     * The lifetime asked for, within bounds: {@code spec.expirationSeconds} when set, but at most
     * the cluster signing duration and at least {@link #SHORTEST}. Example with the default 8760h:
     * unset → 8760h; 86400 → 24h; 60 → 10m; 10 years → 8760h.
     */
    Duration ttl(Integer expirationSeconds) {
        if (expirationSeconds == null) {
            return clusterSigningDuration;
        }
        Duration requested = Duration.ofSeconds(expirationSeconds);
        if (requested.compareTo(clusterSigningDuration) > 0) {
            return clusterSigningDuration;
        }
        return requested.compareTo(SHORTEST) < 0 ? SHORTEST : requested;
    }

    /**
     * NotBefore is now − 5 min. NotAfter is now + ttl for a short lifetime (under 8 h), else
     * now + ttl − 5 min, so that the certificate lives exactly ttl; never after the CA's NotAfter.
     * Example at 12:00 with the default 8760h: unset → 11:55 to 11:55 a year on;
     * {@code expirationSeconds: 3600} → 11:55 to 13:00; a CA ending at 12:30 → 11:55 to 12:30.
     *
     * @throws IllegalStateException when the CA has expired
     */
    Validity validity(Integer expirationSeconds) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        Duration ttl = ttl(expirationSeconds);
        Instant notBefore = now.minus(BACKDATE);
        Instant notAfter = ttl.compareTo(SHORT) < 0 ? now.plus(ttl) : now.plus(ttl).minus(BACKDATE);
        Instant caNotAfter = ca.certificate().getNotAfter().toInstant();
        if (!notAfter.isBefore(caNotAfter)) {
            notAfter = caNotAfter;
        }
        if (!notBefore.isBefore(caNotAfter)) {
            throw new IllegalStateException("the signer has expired: NotAfter=" + caNotAfter);
        }
        if (!now.isBefore(caNotAfter)) {
            throw new IllegalStateException("refusing to sign a certificate that expired in the past: NotAfter=" + caNotAfter);
        }
        return new Validity(notBefore, notAfter);
    }

    /**
     * The certificate for this request, PEM.
     *
     * @throws IllegalArgumentException for a usage kube does not know
     * @throws IllegalStateException    when the CA has expired or cannot sign
     */
    public String sign(CertificateRequest request, List<String> usages, Integer expirationSeconds) {
        KeyUsages keyUsages = KeyUsages.of(usages);
        Validity validity = validity(expirationSeconds);
        X500Name subject = request.pkcs10().getSubject();
        X509v3CertificateBuilder builder = new X509v3CertificateBuilder(issuer, serialNumber(),
                Date.from(validity.notBefore()), Date.from(validity.notAfter()), subject,
                request.pkcs10().getSubjectPublicKeyInfo());
        try {
            if (keyUsages.keyUsage() != 0) {
                builder.addExtension(Extension.keyUsage, true, new KeyUsage(keyUsages.keyUsage()));
            }
            if (!keyUsages.extended().isEmpty()) {
                builder.addExtension(Extension.extendedKeyUsage, false,
                        new ExtendedKeyUsage(keyUsages.extended().toArray(KeyPurposeId[]::new)));
            }
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
            builder.addExtension(Extension.authorityKeyIdentifier, false, new AuthorityKeyIdentifier(caKeyId));
            List<GeneralName> sans = subjectAltNames(request);
            if (!sans.isEmpty()) {
                // RFC 5280 4.2.1.6: critical when the subject is empty, as Go marks it
                builder.addExtension(Extension.subjectAlternativeName, subject.getRDNs().length == 0,
                        new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            var caSigner = new JcaContentSignerBuilder(ca.signatureAlgorithm()).setProvider(BouncyCastle.PROVIDER).build(ca.key());
            byte[] der = builder.build(caSigner).getEncoded();
            return "-----BEGIN CERTIFICATE-----\n" + PEM_BASE64.encodeToString(der) + "\n-----END CERTIFICATE-----\n";
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("failed to sign certificate: " + e.getMessage(), e);
        }
    }

    /** In Go's order: DNS names, email addresses, IP addresses, URIs. */
    private static List<GeneralName> subjectAltNames(CertificateRequest request) {
        List<GeneralName> names = new ArrayList<>();
        request.dnsNames().forEach(n -> names.add(new GeneralName(GeneralName.dNSName, n)));
        request.emailAddresses().forEach(n -> names.add(new GeneralName(GeneralName.rfc822Name, n)));
        for (InetAddress ip : request.ipAddresses()) {
            names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(ip.getAddress())));
        }
        request.uris().forEach(n -> names.add(new GeneralName(GeneralName.uniformResourceIdentifier, n)));
        return names;
    }

    private BigInteger serialNumber() {
        BigInteger serial;
        do {
            serial = new BigInteger(128, random);
        } while (serial.signum() == 0);
        return serial;
    }

    /** The CA's subjectKeyIdentifier, or (a CA without one) the SHA-1 of its public key, RFC 5280's method 1. */
    private static byte[] keyIdentifier(SigningCa ca) {
        byte[] extension = ca.certificate().getExtensionValue(Extension.subjectKeyIdentifier.getId());
        if (extension != null) {
            return SubjectKeyIdentifier.getInstance(ASN1OctetString.getInstance(extension).getOctets()).getKeyIdentifier();
        }
        try {
            return new JcaX509ExtensionUtils().createSubjectKeyIdentifier(ca.certificate().getPublicKey()).getKeyIdentifier();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-1 is not available for the CA's key identifier", e);
        }
    }
}
