package io.kubelite.replication.certificates;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The kubernetes.io signers kube-controller-manager signs for, each with the rules a request must
 * meet (kube's {@code ValidateKubeletClientCSR}, {@code ValidateKubeletServingCSR} and the
 * kube-apiserver-client usages check). A violation is kube's own message, which lands in the CSR's
 * {@code Failed} condition; the checks run in kube's order, so the first one that fails is the
 * one reported.
 */
enum KnownSigner {

    /** Client certificates for anyone the API trusts by its CA: any subject, client-auth usages. */
    KUBE_APISERVER_CLIENT("kubernetes.io/kube-apiserver-client") {
        @Override
        Optional<String> violation(CertificateRequest request, List<String> usages) {
            boolean clientAuth = false;
            for (String usage : usages) {
                if (usage.equals(CLIENT_AUTH)) {
                    clientAuth = true;
                } else if (!usage.equals(DIGITAL_SIGNATURE) && !usage.equals(KEY_ENCIPHERMENT)) {
                    return Optional.of("invalid usage for client certificate: " + usage);
                }
            }
            return clientAuth ? Optional.empty() : Optional.of("missing required usage for client certificate: " + CLIENT_AUTH);
        }
    },

    /** A kubelet's client certificate: CN {@code system:node:<name>}, O {@code system:nodes}, no SANs. */
    KUBE_APISERVER_CLIENT_KUBELET("kubernetes.io/kube-apiserver-client-kubelet") {
        @Override
        Optional<String> violation(CertificateRequest request, List<String> usages) {
            if (!request.organizations().equals(List.of(NODES_GROUP))) {
                return Optional.of(NOT_SYSTEM_NODES);
            }
            if (!request.dnsNames().isEmpty()) {
                return Optional.of("DNS subjectAltNames are not allowed");
            }
            if (!request.emailAddresses().isEmpty()) {
                return Optional.of(EMAIL_NOT_ALLOWED);
            }
            if (!request.ipAddresses().isEmpty()) {
                return Optional.of("IP subjectAltNames are not allowed");
            }
            if (!request.uris().isEmpty()) {
                return Optional.of(URI_NOT_ALLOWED);
            }
            if (!request.commonName().startsWith(NODE_PREFIX)) {
                return Optional.of(NOT_SYSTEM_NODE);
            }
            Set<String> asked = Set.copyOf(usages);
            if (!asked.equals(Set.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, CLIENT_AUTH))
                    && !asked.equals(Set.of(DIGITAL_SIGNATURE, CLIENT_AUTH))) {
                return Optional.of("usages did not match [client auth digital signature key encipherment]");
            }
            return Optional.empty();
        }
    },

    /** A kubelet's serving certificate: O {@code system:nodes}, DNS or IP SANs, server-auth usages. */
    KUBELET_SERVING("kubernetes.io/kubelet-serving") {
        @Override
        Optional<String> violation(CertificateRequest request, List<String> usages) {
            if (!request.organizations().equals(List.of(NODES_GROUP))) {
                return Optional.of(NOT_SYSTEM_NODES);
            }
            if (request.dnsNames().isEmpty() && request.ipAddresses().isEmpty()) {
                return Optional.of("DNS or IP subjectAltName is required");
            }
            if (!request.emailAddresses().isEmpty()) {
                return Optional.of(EMAIL_NOT_ALLOWED);
            }
            if (!request.uris().isEmpty()) {
                return Optional.of(URI_NOT_ALLOWED);
            }
            Set<String> asked = Set.copyOf(usages);
            if (!asked.equals(Set.of(DIGITAL_SIGNATURE, KEY_ENCIPHERMENT, SERVER_AUTH))
                    && !asked.equals(Set.of(DIGITAL_SIGNATURE, SERVER_AUTH))) {
                return Optional.of("usages did not match [digital signature key encipherment server auth]");
            }
            if (!request.commonName().startsWith(NODE_PREFIX)) {
                return Optional.of(NOT_SYSTEM_NODE);
            }
            return Optional.empty();
        }
    };

    static final String DIGITAL_SIGNATURE = "digital signature";
    static final String KEY_ENCIPHERMENT = "key encipherment";
    static final String CLIENT_AUTH = "client auth";
    static final String SERVER_AUTH = "server auth";
    static final String NODES_GROUP = "system:nodes";
    static final String NODE_PREFIX = "system:node:";
    private static final String NOT_SYSTEM_NODES = "subject organization is not system:nodes";
    private static final String NOT_SYSTEM_NODE = "subject common name does not begin with system:node:";
    private static final String EMAIL_NOT_ALLOWED = "Email subjectAltNames are not allowed";
    private static final String URI_NOT_ALLOWED = "URI subjectAltNames are not allowed";

    private final String signerName;

    KnownSigner(String signerName) {
        this.signerName = signerName;
    }

    String signerName() {
        return signerName;
    }

    /** The signer of this {@code spec.signerName}; empty for any other (another signer's CSR). */
    static Optional<KnownSigner> named(String signerName) {
        return Arrays.stream(values()).filter(s -> s.signerName.equals(signerName)).findFirst();
    }

    /** Why this signer will not sign the request, in kube's words; empty when it will. */
    abstract Optional<String> violation(CertificateRequest request, List<String> usages);
}
