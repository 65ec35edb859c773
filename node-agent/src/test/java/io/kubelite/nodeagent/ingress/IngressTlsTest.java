package io.kubelite.nodeagent.ingress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.math.BigInteger;
import java.net.InetAddress;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

/** Certificates made here; handshakes over real TLS sockets on 127.0.0.1. */
class IngressTlsTest {

    record Pem(String cert, String pkcs8Key, String traditionalKey) {
    }

    static Pem selfSigned(String cn, String algorithm) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize("EC".equals(algorithm) ? 256 : 2048);
        KeyPair pair = generator.generateKeyPair();
        X500Name name = new X500Name("CN=" + cn);
        Instant now = Instant.now();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.valueOf(now.toEpochMilli()),
                Date.from(now.minus(Duration.ofDays(1))), Date.from(now.plus(Duration.ofDays(1))), name, pair.getPublic());
        X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(
                new JcaContentSignerBuilder("EC".equals(algorithm) ? "SHA256withECDSA" : "SHA256withRSA").build(pair.getPrivate())));
        return new Pem(pem(cert), pem(new JcaPKCS8Generator(pair.getPrivate(), null)), traditional(pair));
    }

    /** The key as OpenSSL's traditional PEM: PKCS#1 for RSA, SEC1 with its curve for EC ({@code openssl ecparam -genkey}). */
    static String traditional(KeyPair pair) throws Exception {
        if (!"EC".equals(pair.getPrivate().getAlgorithm())) {
            return pem(pair.getPrivate());
        }
        var info = org.bouncycastle.asn1.pkcs.PrivateKeyInfo.getInstance(pair.getPrivate().getEncoded());
        var sec1 = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(info.parsePrivateKey());
        var withCurve = new org.bouncycastle.asn1.sec.ECPrivateKey(256, sec1.getKey(), sec1.getPublicKey(),
                info.getPrivateKeyAlgorithm().getParameters());
        return pem(new org.bouncycastle.util.io.pem.PemObject("EC PRIVATE KEY", withCurve.getEncoded()));
    }

    static String pem(Object o) throws Exception {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(o);
        }
        return out.toString();
    }

    /** The subject of the certificate a server with {@code tls} presents to a client asking for {@code sni}. */
    static String presented(IngressTls tls, String sni) throws Exception {
        SSLContext server = SSLContext.getInstance("TLS");
        server.init(new KeyManager[] {tls}, null, null);
        SSLContext client = SSLContext.getInstance("TLS");
        client.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) {
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLServerSocket listener = (SSLServerSocket) server.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress())) {
            Thread accept = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.startHandshake();
                    s.getInputStream().read();
                } catch (Exception ignored) {
                    // the client has what it needs once the handshake is done
                }
            });
            accept.setDaemon(true);
            accept.start();
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket("127.0.0.1", listener.getLocalPort())) {
                if (sni != null) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setServerNames(List.of(new SNIHostName(sni)));
                    socket.setSSLParameters(parameters);
                }
                socket.startHandshake();
                return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSubjectX500Principal().getName();
            }
        }
    }

    @Test
    void theCertificateIsChosenByTheNameTheClientAsksForAndTheFirstServesTheRest() throws Exception {
        Pem shop = selfSigned("shop.local", "RSA");
        Pem wild = selfSigned("wildcard.example.com", "RSA");
        IngressTls tls = new IngressTls();
        tls.update(List.of(IngressTls.entry("a", List.of("shop.local"), shop.cert(), shop.pkcs8Key()),
                IngressTls.entry("b", List.of("*.example.com"), wild.cert(), wild.traditionalKey())));
        assertThat(presented(tls, "shop.local")).isEqualTo("CN=shop.local");
        assertThat(presented(tls, "www.example.com")).isEqualTo("CN=wildcard.example.com");
        assertThat(presented(tls, "a.b.example.com")).as("a wildcard covers one label").isEqualTo("CN=shop.local");
        assertThat(presented(tls, null)).as("no SNI").isEqualTo("CN=shop.local");
    }

    @Test
    void keysInEveryPemFormatAreReadAndBadSecretsSayWhy() throws Exception {
        Pem ec = selfSigned("ec.local", "EC");
        IngressTls tls = new IngressTls();
        tls.update(List.of(IngressTls.entry("ec", List.of("ec.local"), ec.cert(), ec.traditionalKey())));
        assertThat(presented(tls, "ec.local")).isEqualTo("CN=ec.local");
        assertThat(IngressTls.entry("x", List.of(), ec.cert(), ec.pkcs8Key()).key().getAlgorithm()).isIn("EC", "ECDSA");

        assertThatThrownBy(() -> IngressTls.entry("x", List.of(), "not a certificate", ec.pkcs8Key()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tls.crt");
        assertThatThrownBy(() -> IngressTls.entry("x", List.of(), ec.cert(), ec.cert()))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("tls.key holds no unencrypted private key");
    }
}
