package io.kubelite.replication.certificates;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Settings of the CertificateSigningRequest signer and cleaner; defaults are kube-controller-manager's.
 * The signer runs only when both files are set; with neither set, CSRs can be approved but are not
 * signed. The cleaner runs either way.
 *
 * @param clusterSigningCertFile the CA certificate (PEM) issued certificates are signed with
 *                               ({@code --cluster-signing-cert-file}); env
 *                               {@code KUBELITE_CERTIFICATES_CLUSTERSIGNINGCERTFILE}
 * @param clusterSigningKeyFile  that CA's private key (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC;
 *                               {@code --cluster-signing-key-file}); env
 *                               {@code KUBELITE_CERTIFICATES_CLUSTERSIGNINGKEYFILE}
 * @param clusterSigningDuration the longest validity of an issued certificate
 *                               ({@code --cluster-signing-duration}, 8760h = one year); a CSR's
 *                               {@code spec.expirationSeconds} may ask for less
 * @param cleanerPeriod          how often the CSR cleaner looks for requests to delete
 *                               (kube-controller-manager: hourly)
 */
@ConfigurationProperties("kubelite.certificates")
public record CertificateProperties(
        @DefaultValue("") String clusterSigningCertFile,
        @DefaultValue("") String clusterSigningKeyFile,
        @DefaultValue("8760h") Duration clusterSigningDuration,
        @DefaultValue("1h") Duration cleanerPeriod) {

    static final String CERT_FILE = "kubelite.certificates.cluster-signing-cert-file";
    static final String KEY_FILE = "kubelite.certificates.cluster-signing-key-file";
    static final String CERT_FILE_ENV = "KUBELITE_CERTIFICATES_CLUSTERSIGNINGCERTFILE";
    static final String KEY_FILE_ENV = "KUBELITE_CERTIFICATES_CLUSTERSIGNINGKEYFILE";

    public CertificateProperties {
        clusterSigningCertFile = clusterSigningCertFile == null ? "" : clusterSigningCertFile.trim();
        clusterSigningKeyFile = clusterSigningKeyFile == null ? "" : clusterSigningKeyFile.trim();
        if (clusterSigningDuration == null || clusterSigningDuration.isNegative() || clusterSigningDuration.isZero()) {
            throw new IllegalArgumentException("kubelite.certificates.cluster-signing-duration must be positive, was "
                    + clusterSigningDuration);
        }
        if (cleanerPeriod == null || cleanerPeriod.isNegative() || cleanerPeriod.isZero()) {
            throw new IllegalArgumentException("kubelite.certificates.cleaner-period must be positive, was " + cleanerPeriod);
        }
    }
}
