package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.List;

import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedKeyManager;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServer;

import reactor.core.publisher.Mono;

/**
 * The gateway's TLS as the Helm chart configures it (PEM certificate and key, a client CA as PEM,
 * {@code client-auth: want}), on a real Netty server: the handshake takes a client certificate of
 * another CA (before, it failed the handshake), and the authenticator then tells the certificates
 * apart — the client CA's verified, another CA's refused, none when the client sends none.
 */
class ClientCertificatesTlsIT {

    private WebServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void theHandshakeTakesAnyCertificateAndTheAuthenticatorTellsThemApart(@TempDir Path dir) throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        KeyPair serverKey = rsa.generateKeyPair();
        X509Certificate serverCertificate = serverCertificate(serverKey);
        ClientCertificatesTest.Issued clientCa = ClientCertificatesTest.authority("client-ca");
        ClientCertificatesTest.Issued otherCa = ClientCertificatesTest.authority("other-ca");
        Path certificate = pem(dir.resolve("tls.crt"), serverCertificate);
        Path key = pem(dir.resolve("tls.key"), new JcaPKCS8Generator(serverKey.getPrivate(), null));
        Path trusted = pem(dir.resolve("client-ca.crt"), clientCa.certificate());

        Ssl ssl = new Ssl();
        ssl.setEnabled(true);
        ssl.setCertificate(certificate.toString());
        ssl.setCertificatePrivateKey(key.toString());
        ssl.setClientAuth(Ssl.ClientAuth.WANT);
        ssl.setTrustCertificate(trusted.toString());
        NettyReactiveWebServerFactory factory = new NettyReactiveWebServerFactory(0);
        factory.setSsl(ssl);
        ClientCertificates certificates = new ClientCertificates();
        certificates.customize(factory);
        server = factory.getWebServer((request, response) -> response.writeWith(Mono.just(response.bufferFactory()
                .wrap(certificates.verify(request.getSslInfo()).toString().getBytes(StandardCharsets.UTF_8)))));
        server.start();

        KeyPair janeKey = ClientCertificatesTest.key();
        String jane = get(serverCertificate, janeKey, ClientCertificatesTest.signed(clientCa, "CN=jane,O=dev", janeKey));
        KeyPair malloryKey = ClientCertificatesTest.key();
        String mallory = get(serverCertificate, malloryKey,
                ClientCertificatesTest.signed(otherCa, "CN=mallory,O=system:masters", malloryKey));
        String nobody = get(serverCertificate, null, null);

        assertThat(jane).isEqualTo(new ClientCertificates.Outcome.Verified(
                new UserInfo("jane", "", List.of("dev", "system:authenticated"))).toString());
        assertThat(mallory).startsWith("Refused[");
        assertThat(nobody).isEqualTo(new ClientCertificates.Outcome.None().toString());
    }

    private String get(X509Certificate serverCertificate, KeyPair key, X509Certificate client) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("gateway", serverCertificate);
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        if (client != null) {
            keys.setKeyEntry("client", key.getPrivate(), new char[0], new X509Certificate[] {client});
        }
        keyManagers.init(keys, new char[0]);
        X509ExtendedKeyManager keyManager = (X509ExtendedKeyManager) keyManagers.getKeyManagers()[0];
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(new KeyManager[] {client == null ? keyManager : new AlwaysSends(keyManager)},
                trustManagers.getTrustManagers(), null);
        HttpClient http = HttpClient.newBuilder().sslContext(context).version(HttpClient.Version.HTTP_1_1).build();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("https://localhost:" + server.getPort() + "/"))
                .timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    /**
     * A client that sends its certificate whatever issuers the server names, as curl or a forger
     * would (kubectl and the JDK's own key manager send only one of the issuers the server asks for).
     */
    private static final class AlwaysSends extends X509ExtendedKeyManager {
        private final X509ExtendedKeyManager keys;

        AlwaysSends(X509ExtendedKeyManager keys) {
            this.keys = keys;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return "client";
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return "client";
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {"client"};
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return keys.getServerAliases(keyType, issuers);
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return keys.chooseServerAlias(keyType, issuers, socket);
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return keys.getCertificateChain(alias);
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return keys.getPrivateKey(alias);
        }
    }

    private static X509Certificate serverCertificate(KeyPair key) throws Exception {
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(new X500Name("CN=localhost"), BigInteger.TEN,
                Date.from(now.minus(1, ChronoUnit.HOURS)), Date.from(now.plus(1, ChronoUnit.DAYS)),
                new X500Name("CN=localhost"), key.getPublic())
                .addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(GeneralName.dNSName, "localhost")));
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withRSA").build(key.getPrivate())));
    }

    private static Path pem(Path file, Object object) throws Exception {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return Files.writeString(file, text.toString());
    }
}
