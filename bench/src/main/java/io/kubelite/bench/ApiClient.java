package io.kubelite.bench;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Deque;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

/**
 * ConfigMap and Namespace requests to one kubelite endpoint: the gateway (HTTPS, bearer token)
 * or the object store directly (plain HTTP, the gateway's front-proxy token when the cluster has
 * one, no user: the object store acts as itself). Only loopback addresses are accepted, so
 * a kubeconfig that points elsewhere cannot turn the benchmark into load on someone's cluster.
 */
final class ApiClient implements ConfigMapMix.ConfigMaps, AutoCloseable {

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /** A kept-alive connection idle longer than this is closed rather than reused (servers time idle ones out). */
    private static final long MAX_IDLE_NANOS = TimeUnit.SECONDS.toNanos(30);

    private record Idle(Http1Connection connection, long since) {
    }

    private final HttpClient http;
    private final SSLContext tls;
    private final URI base;
    /** The one header that authenticates every request ("Authorization", "Bearer …"), or null. */
    private final String[] credential;
    private final String namespace;
    private final String[] writeHeaders;
    /**
     * The measured writes' idle connections, shared by all threads, most recently used first; a
     * request takes the one idle longest, so traffic goes round all of them and none sits unused
     * until the idle limit closes it. (Taking the most recent one left the connections a burst had
     * opened unused through the 100/s and 250/s phases; at 500/s they were past the limit, and
     * some forty TLS handshakes at once stalled the gateway for half a second.)
     */
    private final Deque<Idle> idle = new ConcurrentLinkedDeque<>();

    private ApiClient(HttpClient http, SSLContext tls, URI base, String[] credential, String namespace) {
        if (!LOOPBACK.contains(base.getHost())) {
            throw new IllegalArgumentException("the benchmark only talks to 127.0.0.1 or localhost, not " + base);
        }
        this.http = http;
        this.tls = tls;
        this.base = base;
        this.credential = credential;
        this.namespace = namespace;
        this.writeHeaders = credential == null ? new String[] {"Accept: application/json"}
                : new String[] {"Accept: application/json", credential[0] + ": " + credential[1]};
    }

    static ApiClient gateway(Kubeconfig kubeconfig, String namespace) throws Exception {
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5));
        SSLContext tls = kubeconfig.caCertificatePem() != null ? trusting(kubeconfig.caCertificatePem())
                : SSLContext.getDefault();
        builder.sslContext(tls);
        return new ApiClient(builder.build(), tls, kubeconfig.server(),
                new String[] {"Authorization", "Bearer " + kubeconfig.token()}, namespace);
    }

    /** {@code frontProxyToken}: the gateway's (tokens/front-proxy of the state directory), or null. */
    static ApiClient direct(URI objectStore, String frontProxyToken, String namespace) {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
        return new ApiClient(http, null, objectStore,
                frontProxyToken == null ? null : new String[] {"X-Front-Proxy-Token", frontProxyToken}, namespace);
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

    // The measured writes go over Http1Connection (see there why); the rest over the JDK client.
    @Override
    public void create(String name) throws Exception {
        write(201, "POST", "/api/v1/namespaces/" + namespace + "/configmaps?fieldValidation=Strict", "application/json",
                configMapJson(name), name);
    }

    @Override
    public void update(String name, long generation) throws Exception {
        write(200, "PATCH", "/api/v1/namespaces/" + namespace + "/configmaps/" + name + "?fieldValidation=Strict",
                "application/merge-patch+json", "{\"data\":{\"generation\":\"" + generation + "\"}}", name);
    }

    private void write(int expected, String method, String path, String contentType, String body, String name)
            throws IOException {
        Http1Connection connection = connection();
        Http1Connection.Response r = connection.exchange(method, path, contentType,
                body.getBytes(StandardCharsets.UTF_8), writeHeaders);
        if (connection.isOpen()) {
            idle.addFirst(new Idle(connection, System.nanoTime()));
        }
        if (r.status() != expected) {
            throw unexpected(method, path.substring(0, path.indexOf('?')), name, r.status(), expected, r.bodyText());
        }
    }

    /** The connection idle longest, or a new one. */
    private Http1Connection connection() throws IOException {
        for (Idle i = idle.pollLast(); i != null; i = idle.pollLast()) {
            if (System.nanoTime() - i.since() < MAX_IDLE_NANOS && i.connection().isOpen()) {
                return i.connection();
            }
            i.connection().close();
        }
        return new Http1Connection(base, tls, (int) TIMEOUT.toMillis());
    }

    /** Closes the idle write connections (the JDK client's close with their owner). */
    @Override
    public void close() {
        for (Idle i = idle.pollFirst(); i != null; i = idle.pollFirst()) {
            i.connection().close();
        }
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
        if (credential != null) {
            b.header(credential[0], credential[1]);
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static void expect(int status, HttpResponse<String> r, String name) {
        if (r.statusCode() != status) {
            throw unexpected(r.request().method(), r.uri().getPath(), name, r.statusCode(), status, r.body());
        }
    }

    /** E.g. {@code POST /api/v1/namespaces/bench/configmaps (w-7) answered 409, expected 201: {"kind":"Status",…}}. */
    private static UnexpectedStatusException unexpected(String method, String path, String name, int status,
                                                        int expected, String body) {
        return new UnexpectedStatusException(method + " " + path + " (" + name + ") answered " + status + ", expected "
                + expected + ": " + (body.length() > 200 ? body.substring(0, 200) + "…" : body));
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
