package io.kubelite.objectstore.webhook;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.ByteArrayInputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Collection;
import java.util.List;

/**
 * How the API server trusts a webhook, as kube-apiserver does: the certificates of
 * {@code clientConfig.caBundle} (PEM, base64 in JSON) when given, else the system's; and the
 * server's certificate must name the host called — for a {@code url} the URL's host (a
 * {@code 127.0.0.1} URL needs an IP SAN 127.0.0.1), for a {@code service} the Service's DNS name
 * {@code <name>.<namespace>.svc}, though the call goes to its ClusterIP.
 */
final class WebhookTls {

    private WebhookTls() {
    }

    /** @param serviceHost the name a service's certificate must carry; null for a {@code url} webhook (the URL's host is checked) */
    static SSLContext context(String caBundleBase64, String serviceHost) throws GeneralSecurityException {
        X509ExtendedTrustManager trust = trustManager(caBundleBase64);
        TrustManager used = serviceHost == null ? trust : new ServiceNameTrust(trust, serviceHost);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, new TrustManager[] {used}, null);
        return context;
    }

    private static X509ExtendedTrustManager trustManager(String caBundleBase64) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (caBundleBase64 == null || caBundleBase64.isEmpty()) {
            factory.init((KeyStore) null);
        } else {
            byte[] pem;
            try {
                pem = Base64.getDecoder().decode(caBundleBase64);
            } catch (IllegalArgumentException e) {
                pem = caBundleBase64.getBytes(StandardCharsets.UTF_8);
            }
            Collection<? extends java.security.cert.Certificate> certificates = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            try {
                store.load(null, null);
            } catch (java.io.IOException e) {
                throw new GeneralSecurityException(e);
            }
            int i = 0;
            for (java.security.cert.Certificate c : certificates) {
                store.setCertificateEntry("ca-" + i++, c);
            }
            factory.init(store);
        }
        for (TrustManager m : factory.getTrustManagers()) {
            if (m instanceof X509ExtendedTrustManager x) {
                return x;
            }
        }
        throw new GeneralSecurityException("no X.509 trust manager");
    }

    /** Checks the chain against the CA bundle and the leaf's DNS names against the Service's name. */
    private static final class ServiceNameTrust extends X509ExtendedTrustManager {
        private final X509TrustManager chain;
        private final String host;

        ServiceNameTrust(X509TrustManager chain, String host) {
            this.chain = chain;
            this.host = host;
        }

        private void check(X509Certificate[] certificates, String authType) throws CertificateException {
            chain.checkServerTrusted(certificates, authType);
            if (!names(certificates[0]).contains(host)) {
                throw new CertificateException("x509: certificate is valid for " + names(certificates[0]) + ", not " + host);
            }
        }

        private static List<String> names(X509Certificate certificate) throws CertificateParsingException {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives == null) {
                return List.of();
            }
            return alternatives.stream().filter(a -> Integer.valueOf(2).equals(a.get(0))).map(a -> (String) a.get(1)).toList();
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
            check(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
            check(certificates, authType);
        }

        @Override
        public void checkServerTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            check(certificates, authType);
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, SSLEngine engine) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType, Socket socket) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public void checkClientTrusted(X509Certificate[] certificates, String authType) throws CertificateException {
            throw new CertificateException("not a server");
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return chain.getAcceptedIssuers();
        }
    }
}
