package io.kubelite.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Set;

/**
 * ConfigMap and Namespace requests to one kubelite endpoint: the gateway (HTTPS, bearer token)
 * or the object store directly (plain HTTP, no token). Only loopback addresses are accepted, so
 * a kubeconfig that points elsewhere cannot turn the benchmark into load on someone's cluster.
 */
final class ApiClient implements ConfigMapMix.ConfigMaps {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final URI base;
    private final String token;
    private final String namespace;

    private ApiClient(HttpClient http, URI base, String token, String namespace) {
        if (!LOOPBACK.contains(base.getHost())) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1 or localhost, not " + base);
        }
        this.http = http;
        this.base = base;
        this.token = token;
        this.namespace = namespace;
    }

    static ApiClient gateway(Kubeconfig kubeconfig, String namespace) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        if (kubeconfig.caCertificatePem() != null) {
            builder.sslContext(trusting(kubeconfig.caCertificatePem()));
        }
        return new ApiClient(builder.build(), kubeconfig.server(), kubeconfig.token(), namespace);
    }

    static ApiClient direct(URI objectStore, String namespace) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new ApiClient(http, objectStore, null, namespace);
    }

    URI base() {
        return base;
    }

    /** The ConfigMap every create sends (about 220 bytes); the raw PostgreSQL peer stores the same JSON. */
    static String configMapJson(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\","
                + "\"labels\":{\"app\":\"kubelite-bench\"}},\"data\":{\"generation\":\"0\","
                + "\"payload\":\"" + "x".repeat(128) + "\"}}";
    }

    @Override
    public void create(String name) throws Exception {
        String body = configMapJson(name);
        expect(201, send(request("/api/v1/namespaces/" + namespace + "/configmaps?fieldValidation=Strict")
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))), name);
    }

    @Override
    public void update(String name, long generation) throws Exception {
        String patch = "{\"data\":{\"generation\":\"" + generation + "\"}}";
        expect(200, send(request("/api/v1/namespaces/" + namespace + "/configmaps/" + name + "?fieldValidation=Strict")
                .header("Content-Type", "application/merge-patch+json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(patch))), name);
    }

    /** Creates the namespace, first waiting out a Terminating one left by an earlier run. */
    void createNamespace() throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        String body = "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + namespace + "\"}}";
        while (true) {
            HttpResponse<String> r = send(request("/api/v1/namespaces")
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
            if (r.statusCode() == 201) {
                return;
            }
            if (r.statusCode() != 409) {
                expect(201, r, namespace);
            }
            HttpResponse<String> existing = send(request("/api/v1/namespaces/" + namespace).GET());
            if (existing.statusCode() == 200 && !existing.body().contains("\"Terminating\"")) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("namespace " + namespace + " is still terminating after 60 s");
            }
            Thread.sleep(500);
        }
    }

    /**
     * Deletes the namespace; returns the answer's status code (200 or 202 when accepted). The
     * object store deletes a namespace's contents in the same request, so this waits up to 5 minutes.
     */
    int deleteNamespace() throws Exception {
        return send(request("/api/v1/namespaces/" + namespace).timeout(Duration.ofMinutes(5)).DELETE()).statusCode();
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT)
                .header("Accept", "application/json");
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> r, String name) {
        if (r.statusCode() != status) {
            String body = r.body().length() > 200 ? r.body().substring(0, 200) + "…" : r.body();
            throw new UnexpectedStatusException(r.request().method() + " " + r.uri().getPath() + " (" + name
                    + ") answered " + r.statusCode() + ", expected " + status + ": " + body);
        }
    }

    private static SSLContext trusting(byte[] caPem) throws Exception {
        KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
        trust.load(null, null);
        int i = 0;
        for (var cert : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(caPem))) {
            trust.setCertificateEntry("ca-" + i++, cert);
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(null, tmf.getTrustManagers(), null);
        return ssl;
    }

    static final class UnexpectedStatusException extends RuntimeException {
        UnexpectedStatusException(String message) {
            super(message);
        }
    }
}
