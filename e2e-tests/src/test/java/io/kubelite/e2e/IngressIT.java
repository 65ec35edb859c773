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
