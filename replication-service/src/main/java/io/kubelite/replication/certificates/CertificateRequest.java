package io.kubelite.replication.certificates;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.bouncycastle.pkcs.PKCSException;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

import java.io.IOException;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A CSR's {@code spec.request} parsed: the PKCS#10 request (its signature checked, so the requester
 * holds the key) and what the signers' rules read from it, as Go's x509.CertificateRequest has it —
 * the subject's organizations and common name (the last one, as Go keeps), and the requested
 * subjectAltNames by kind.
 */
record CertificateRequest(PKCS10CertificationRequest pkcs10, List<String> organizations, String commonName,
        List<String> dnsNames, List<String> emailAddresses, List<InetAddress> ipAddresses, List<String> uris) {

    static final String PEM_TYPE = "CERTIFICATE REQUEST";

    /**
     * @param request {@code spec.request} as the JSON carries a {@code []byte}: base64 of the PEM
     * @throws IllegalArgumentException when it is not a PEM request with a valid signature
     */
    static CertificateRequest parse(String request) {
        byte[] pemBytes;
        try {
            // as Go decodes a []byte from JSON: standard alphabet, line breaks ignored
            pemBytes = Base64.getDecoder().decode(request == null ? "" : request.replace("\r", "").replace("\n", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("spec.request is not base64: " + e.getMessage(), e);
        }
        PemObject block;
        try (PemReader reader = new PemReader(new StringReader(new String(pemBytes, StandardCharsets.US_ASCII)))) {
            block = reader.readPemObject();
        } catch (IOException e) {
            throw new IllegalArgumentException("spec.request is not PEM: " + e.getMessage(), e);
        }
        if (block == null || !PEM_TYPE.equals(block.getType())) {
            throw new IllegalArgumentException("PEM block type must be " + PEM_TYPE);
        }
        PKCS10CertificationRequest pkcs10;
        try {
            pkcs10 = new PKCS10CertificationRequest(block.getContent());
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("unable to parse certificate request: " + e.getMessage(), e);
        }
        try {
            var verifier = new JcaContentVerifierProviderBuilder().setProvider(BouncyCastle.PROVIDER)
                    .build(pkcs10.getSubjectPublicKeyInfo());
            if (!pkcs10.isSignatureValid(verifier)) {
                throw new IllegalArgumentException("unable to verify certificate request signature: the signature "
                        + "does not match the request's public key");
            }
        } catch (OperatorCreationException | PKCSException e) {
            throw new IllegalArgumentException("unable to verify certificate request signature: " + e.getMessage(), e);
        }
        return of(pkcs10);
    }

    private static CertificateRequest of(PKCS10CertificationRequest pkcs10) {
        List<String> organizations = new ArrayList<>();
        String commonName = "";
        for (RDN rdn : pkcs10.getSubject().getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (BCStyle.O.equals(attribute.getType())) {
                    organizations.add(text(attribute.getValue()));
                } else if (BCStyle.CN.equals(attribute.getType())) {
                    commonName = text(attribute.getValue());
                }
            }
        }
        List<String> dns = new ArrayList<>();
        List<String> emails = new ArrayList<>();
        List<InetAddress> ips = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        Extensions extensions = pkcs10.getRequestedExtensions();
        GeneralNames sans = extensions == null ? null : GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName);
        if (sans != null) {
            for (GeneralName name : sans.getNames()) {
                switch (name.getTagNo()) {
                    case GeneralName.dNSName -> dns.add(text(name.getName()));
                    case GeneralName.rfc822Name -> emails.add(text(name.getName()));
                    case GeneralName.uniformResourceIdentifier -> uris.add(text(name.getName()));
                    case GeneralName.iPAddress -> ips.add(ip(ASN1OctetString.getInstance(name.getName()).getOctets()));
                    default -> {
                        // other kinds (directoryName, otherName…) are not carried over, as in Go
                    }
                }
            }
        }
        return new CertificateRequest(pkcs10, List.copyOf(organizations), commonName, List.copyOf(dns),
                List.copyOf(emails), List.copyOf(ips), List.copyOf(uris));
    }

    private static String text(ASN1Encodable value) {
        return value instanceof ASN1String s ? s.getString() : value.toString();
    }

    private static InetAddress ip(byte[] octets) {
        if (octets.length != 4 && octets.length != 16) {
            throw new IllegalArgumentException("unable to parse certificate request: an IP subjectAltName of "
                    + octets.length + " bytes");
        }
        try {
            return InetAddress.getByAddress(octets);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("unable to parse certificate request: " + e.getMessage(), e);
        }
    }
}
