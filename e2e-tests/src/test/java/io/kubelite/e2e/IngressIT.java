package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ingresses routed by node-1's ingress controller on 127.0.0.1 (the port the cluster was started
 * with): by host and path to the ready pods of the backend Services, the class defaulted to
 * {@code kubelite}, the address in the Ingress status, 404 and 503 when nothing can answer.
 */
class IngressIT {

    static final String NS = "ingress-e2e";
    static SuiteNamespace suite;
    static int port;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        port = Integer.parseInt(suite.cluster().env.get("KUBELITE_INGRESS_PORT"));
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    /** A pod serving {@code <name>} at / and {@code <name> api} at /api/, and its Service on port 80. */
    static String app(String name, String node) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {app: %1$s}}
                spec:
                  nodeName: %2$s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: IMAGE
                    command: ["sh", "-c", "mkdir -p /www/api && echo %1$s > /www/index.html && echo '%1$s api' > /www/api/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080, name: http}]
                    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s}
                spec:
                  selector: {app: %1$s}
                  ports: [{name: web, port: 80, targetPort: http}]
                """.formatted(name, node);
    }

    record Answer(int status, String body) {
    }

    /** One HTTP/1.1 request to the ingress controller with the given Host header. */
    static Answer get(String host, String path) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            int status = Integer.parseInt(response.substring(9, 12));
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new Answer(status, body.trim());
        }
    }

    static String dechunk(String body) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < body.length()) {
            int eol = body.indexOf("\r\n", i);
            int size = Integer.parseInt(body.substring(i, eol).trim(), 16);
            if (size == 0) {
                break;
            }
            out.append(body, eol + 2, eol + 2 + size);
            i = eol + 2 + size + 2;
        }
        return out.toString();
    }

    /** A self-signed certificate for {@code cn}, and its key, as PEM files in {@code dir}. */
    static java.nio.file.Path[] certificate(java.nio.file.Path dir, String cn) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair pair = generator.generateKeyPair();
        var name = new org.bouncycastle.asn1.x500.X500Name("CN=" + cn);
        java.time.Instant now = java.time.Instant.now();
        var builder = new org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder(name, java.math.BigInteger.ONE,
                java.util.Date.from(now.minusSeconds(3600)), java.util.Date.from(now.plusSeconds(86400)), name,
                pair.getPublic());
        var holder = builder.build(new org.bouncycastle.operator.jcajce.JcaContentSignerBuilder("SHA256withRSA")
                .build(pair.getPrivate()));
        java.nio.file.Path crt = dir.resolve(cn + ".crt");
        java.nio.file.Path key = dir.resolve(cn + ".key");
        java.util.Base64.Encoder b64 = java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        java.nio.file.Files.writeString(crt, "-----BEGIN CERTIFICATE-----\n" + b64.encodeToString(holder.getEncoded())
                + "\n-----END CERTIFICATE-----\n");
        java.nio.file.Files.writeString(key, "-----BEGIN PRIVATE KEY-----\n" + b64.encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n");
        return new java.nio.file.Path[] {crt, key};
    }

    /** One HTTPS request to the ingress controller asking for {@code sni}: the certificate's subject and the body. */
    static String[] getTls(String sni, String path) throws Exception {
        javax.net.ssl.SSLContext context = AnyCertificate.context();
        int httpsPort = Integer.parseInt(suite.cluster().env.get("KUBELITE_INGRESS_HTTPS_PORT"));
        try (javax.net.ssl.SSLSocket s = (javax.net.ssl.SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", httpsPort)) {
            javax.net.ssl.SSLParameters parameters = s.getSSLParameters();
            parameters.setServerNames(List.of(new javax.net.ssl.SNIHostName(sni)));
            s.setSSLParameters(parameters);
            s.setSoTimeout(10_000);
            s.startHandshake();
            String subject = ((java.security.cert.X509Certificate) s.getSession().getPeerCertificates()[0])
                    .getSubjectX500Principal().getName();
            s.getOutputStream().write(("GET " + path + " HTTP/1.1\r\nHost: " + sni + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            String response = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String body = response.substring(response.indexOf("\r\n\r\n") + 4);
            if (response.toLowerCase().contains("transfer-encoding: chunked")) {
                body = dechunk(body);
            }
            return new String[] {subject, response.substring(9, 12) + " " + body.trim()};
        }
    }

    @Test
    void tlsIsTerminatedWithTheCertificateOfTheRequestedHost() throws Exception {
        suite.apply(app("secure", "node-2"));
        suite.ok("wait", "-n", NS, "--for=condition=Ready", "pod/secure", "--timeout=90s");
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("ingress-tls");
        java.nio.file.Path[] secure = certificate(dir, "secure.local");
        java.nio.file.Path[] other = certificate(dir, "other.local");
        suite.ok("create", "secret", "tls", "secure-tls", "-n", NS, "--cert=" + secure[0], "--key=" + secure[1]);
        suite.ok("create", "secret", "tls", "other-tls", "-n", NS, "--cert=" + other[0], "--key=" + other[1]);
        suite.apply("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: secure}
                spec:
                  tls:
                  - {hosts: [other.local], secretName: other-tls}
                  - {hosts: [secure.local], secretName: secure-tls}
                  rules:
                  - host: secure.local
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: secure, port: {number: 80}}}}
                """);
        // until the controller has the Secrets, a handshake finds no certificate and is reset
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(getTls("secure.local", "/")).containsExactly("CN=secure.local", "200 secure"));
        assertThat(getTls("other.local", "/")).as("its certificate; no rule for the host")
                .containsExactly("CN=other.local", "404 404 Not Found: no Ingress rule for other.local/");
    }

    @Test
    void requestsGoByHostAndPathToTheReadyPodsOfTheBackendServices() throws Exception {
        suite.apply(app("shop", "node-1"));
        suite.apply(app("api", "node-2"));
        suite.ok("wait", "-n", NS, "--for=condition=Ready", "pod/shop", "pod/api", "--timeout=90s");
        suite.apply("""
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop}
                spec:
                  rules:
                  - host: shop.local
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: shop, port: {number: 80}}}}
                      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: web}}}}
                      - {path: /down, pathType: Exact, backend: {service: {name: nobody, port: {number: 80}}}}
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(get("shop.local", "/")).isEqualTo(new Answer(200, "shop")));
        assertThat(get("shop.local:" + port, "/api/")).isEqualTo(new Answer(200, "api api"));
        assertThat(get("shop.local", "/api/index.html")).isEqualTo(new Answer(200, "api api"));
        assertThat(get("SHOP.local", "/index.html")).as("hosts compare without case").isEqualTo(new Answer(200, "shop"));
        Answer other = get("other.local", "/");
        assertThat(other.status()).isEqualTo(404);
        assertThat(other.body()).contains("no Ingress rule for other.local/");
        Answer down = get("shop.local", "/down");
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.body()).contains("service ingress-e2e/nobody:80 has no ready endpoints");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(suite.ok("get", "ingress", "shop", "-n", NS)
                .stdout()).containsPattern("shop\\s+kubelite\\s+shop.local\\s+127.0.0.1\\s+80\\s+"));
    }
}
