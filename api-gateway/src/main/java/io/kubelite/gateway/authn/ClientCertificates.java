package io.kubelite.gateway.authn;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Date;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import javax.net.ssl.ManagerFactoryParameters;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.ssl.NoSuchSslBundleException;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.ssl.SslManagerBundle;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

import io.netty.handler.ssl.util.SimpleTrustManagerFactory;

/**
 * Client certificates checked the way kube-apiserver checks them: the TLS handshake asks for one
 * ({@code server.ssl.client-auth=want}) and takes whatever the client sends, and the x509
 * authenticator then verifies it against the client CA ({@code server.ssl.trust-certificate}) —
 * so that a certificate from another CA, an expired one or one not meant for client
 * authentication gets the API's 401 Status ("You must be logged in to the server"), not a
 * handshake failure that kubectl reports as a broken connection.
 *
 * <p>Spring Boot would give the handshake a trust manager that refuses such certificates; this
 * customizer serves the same key, options and protocol through a bundle whose trust manager
 * accepts any chain at the handshake (naming the client CA as the issuer it asks for), and keeps
 * the CA's certificates for {@link #verify}.
 */
@Component
public class ClientCertificates implements WebServerFactoryCustomizer<NettyReactiveWebServerFactory> {

    private static final Logger log = LoggerFactory.getLogger(ClientCertificates.class);
    static final String BUNDLE = "kubelite-gateway-client-certificates";
    /** Extended key usage {@code clientAuth} (RFC 5280 §4.2.1.12) and {@code anyExtendedKeyUsage}. */
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final String ANY_USAGE = "2.5.29.37.0";

    /** The client CA's certificates; null while the handshake verifies on its own (this customizer not applied). */
    private volatile Set<TrustAnchor> authorities;

    /** What a connection's client certificate says about its user. */
    public sealed interface Outcome {
        /** The connection brought no certificate. */
        record None() implements Outcome {
        }

        /** The certificate chains to the client CA and names this user. */
        record Verified(UserInfo user) implements Outcome {
        }

        /** A certificate that must be refused, and why (logged, never shown to the client). */
        record Refused(String reason) implements Outcome {
        }
    }

    @Override
    public void customize(NettyReactiveWebServerFactory factory) {
        Ssl ssl = factory.getSsl();
        if (!Ssl.isEnabled(ssl) || ssl.getClientAuth() == null || ssl.getClientAuth() == Ssl.ClientAuth.NONE
                || !StringUtils.hasText(ssl.getTrustCertificate()) || StringUtils.hasText(ssl.getBundle())) {
            return;
        }
        SslBundle configured = WebServerSslBundle.get(ssl);
        setAuthorities(certificates(configured.getStores().getTrustStore()));
        X509Certificate[] issuers = authorities.stream().map(TrustAnchor::getTrustedCert).toArray(X509Certificate[]::new);
        SslManagerBundle managers = SslManagerBundle.of(configured.getManagers().getKeyManagerFactory(),
                new AnyClientTrustManagerFactory(issuers));
        SslBundle bundle = SslBundle.of(configured.getStores(), configured.getKey(), configured.getOptions(),
                configured.getProtocol(), managers);
        ssl.setBundle(BUNDLE);
        factory.setSsl(ssl);
        factory.setSslBundles(new OneBundle(bundle));
        log.info("Client certificates are asked for at the handshake and verified against {} client CA certificate(s)",
                issuers.length);
    }

    void setAuthorities(List<X509Certificate> certificates) {
        Set<TrustAnchor> anchors = new HashSet<>();
        certificates.forEach(c -> anchors.add(new TrustAnchor(c, null)));
        authorities = Set.copyOf(anchors);
    }

    /** The outcome for the connection's certificate chain, checked at this moment. */
    public Outcome verify(SslInfo ssl) {
        if (ssl == null || ssl.getPeerCertificates() == null || ssl.getPeerCertificates().length == 0) {
            return new Outcome.None();
        }
        return verify(ssl.getPeerCertificates(), new Date());
    }

    Outcome verify(X509Certificate[] chain, Date at) {
        X509Certificate leaf = chain[0];
        if (authorities == null) {
            // a server.ssl.bundle of the operator's own: its trust manager verified the chain already
            return ClientCertificateAuthenticator.user(leaf).<Outcome>map(Outcome.Verified::new)
                    .orElseGet(() -> new Outcome.Refused("the certificate's subject has no common name"));
        }
        try {
            PKIXParameters parameters = new PKIXParameters(authorities);
            parameters.setRevocationEnabled(false);
            parameters.setDate(at);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(Arrays.asList(chain)), parameters);
            List<String> usages = leaf.getExtendedKeyUsage();
            if (usages != null && !usages.contains(CLIENT_AUTH) && !usages.contains(ANY_USAGE)) {
                return new Outcome.Refused("certificate specifies an incompatible key usage");
            }
        } catch (GeneralSecurityException e) {
            return new Outcome.Refused(e.getMessage());
        }
        return ClientCertificateAuthenticator.user(leaf).<Outcome>map(Outcome.Verified::new)
                .orElseGet(() -> new Outcome.Refused("the certificate's subject has no common name"));
    }

    private static List<X509Certificate> certificates(KeyStore store) {
        List<X509Certificate> certificates = new ArrayList<>();
        if (store == null) {
            return certificates;
        }
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) instanceof X509Certificate certificate) {
                    certificates.add(certificate);
                }
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the client CA from server.ssl.trust-certificate", e);
        }
        return certificates;
    }

    /** The one bundle this customizer serves. */
    private record OneBundle(SslBundle bundle) implements SslBundles {
        @Override
        public SslBundle getBundle(String name) {
            if (!BUNDLE.equals(name)) {
                throw new NoSuchSslBundleException(name, "only " + BUNDLE + " is served here");
            }
            return bundle;
        }

        @Override
        public void addBundleUpdateHandler(String name, Consumer<SslBundle> handler) {
        }

        @Override
        public void addBundleRegisterHandler(BiConsumer<String, SslBundle> handler) {
        }

        @Override
        public List<String> getBundleNames() {
            return List.of(BUNDLE);
        }
    }

    /** A trust manager for the server's side only: every client chain passes the handshake. */
    private static final class AnyClientTrustManagerFactory extends SimpleTrustManagerFactory {

        private final TrustManager manager;

        AnyClientTrustManagerFactory(X509Certificate[] issuers) {
            this.manager = new X509ExtendedTrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
                }

                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
                        throws CertificateException {
                    checkServerTrusted(chain, authType);
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
                        throws CertificateException {
                    checkServerTrusted(chain, authType);
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType)
                        throws CertificateException {
                    throw new CertificateException("the gateway trusts no server with this manager");
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return issuers.clone();
                }
            };
        }

        @Override
        protected void engineInit(KeyStore keyStore) {
        }

        @Override
        protected void engineInit(ManagerFactoryParameters parameters) {
        }

        @Override
        protected TrustManager[] engineGetTrustManagers() {
            return new TrustManager[] {manager};
        }
    }
}
