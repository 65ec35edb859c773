package io.kubelite.gateway.authn;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * kube-apiserver's x509 authenticator: a client certificate that {@link ClientCertificates} verified
 * against the cluster's client CA names the user by its subject's common name (CN) and the
 * groups by its organizations (O), plus {@code system:authenticated}. Such certificates are what
 * the signer of approved CertificateSigningRequests issues for
 * {@code kubernetes.io/kube-apiserver-client}.
 */
final class ClientCertificateAuthenticator {

    private ClientCertificateAuthenticator() {
    }

    static Optional<UserInfo> user(X509Certificate certificate) {
        LdapName subject;
        try {
            subject = new LdapName(certificate.getSubjectX500Principal().getName());
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
        String commonName = "";
        List<String> groups = new ArrayList<>();
        // getRdns() is in the certificate's (ASN.1) order; as in Go's pkix.Name, the last CN counts
        for (Rdn rdn : subject.getRdns()) {
            if (rdn.getType().equalsIgnoreCase("CN")) {
                commonName = rdn.getValue().toString();
            } else if (rdn.getType().equalsIgnoreCase("O")) {
                groups.add(rdn.getValue().toString());
            }
        }
        if (commonName.isEmpty()) {
            return Optional.empty();
        }
        groups.add(UserInfo.AUTHENTICATED_GROUP);
        return Optional.of(new UserInfo(commonName, "", groups));
    }
}
