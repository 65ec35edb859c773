package io.kubelite.nodeagent.ingress;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.nodeagent.ingress.IngressRoutes.Target;
import io.kubelite.nodeagent.sync.ChangeBatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * kubelite's ingress controller, as ingress-nginx or Traefik would run on a node: an HTTP server on
 * the node's address that routes each request by the Ingresses of its class ({@link IngressRoutes})
 * to a ready pod of the backend Service (round robin), and records the node's address in each such
 * Ingress's {@code status.loadBalancer} (kubectl's ADDRESS column); over HTTPS on its own port it
 * presents the certificate of the Ingresses' {@code spec.tls} entry for the name the client asks
 * for ({@link IngressTls}). It serves the Ingresses whose
 * {@code ingressClassName} names an IngressClass with controller {@value #CONTROLLER} (the API
 * server creates {@code kubelite}, the cluster's default class, and gives it to Ingresses that name
 * none), and those that name no class when one of its classes is the default.
 *
 * <p>Forwarding: method, path, query, headers (the {@code Host} the client sent included; hop-by-hop
 * ones dropped) and body go to the pod; {@code X-Forwarded-For}, {@code -Host}, {@code -Proto} and
 * {@code X-Real-IP} are added; the answer comes back streamed. No rule takes the request: 404; the
 * Service is missing or has no ready pod: 503; the pod does not answer: 502.
 */
public final class IngressController implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngressController.class);
    public static final String CONTROLLER = "kubelite.io/ingress";
    static final String DEFAULT_CLASS_ANNOTATION = "ingressclass.kubernetes.io/is-default-class";
    private static final Set<String> HOP_BY_HOP = Set.of("connection", "keep-alive", "proxy-authenticate",
            "proxy-authorization", "te", "trailer", "transfer-encoding", "upgrade", "content-length", "host", "expect");

    private final Informer<Ingress> ingresses;
    private final Informer<IngressClass> classes;
    private final Informer<Service> services;
    private final Informer<Endpoints> endpoints;
    private final KubernetesClient client;
    private final String address;
    private final int port;
    private final int httpsPort;
    private final IngressTls tls = new IngressTls();
    /** TLS Secret problems already logged, so one that stays broken is reported once. */
    private final Set<String> reported = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final HttpClient http;
    private final ExecutorService workers = Executors.newFixedThreadPool(32, daemon("ingress-http"));
    private final ChangeBatcher syncer = new ChangeBatcher("ingress-sync", Duration.ofMillis(20), full -> sync());
    private final AtomicInteger next = new AtomicInteger();
    private volatile IngressRoutes routes;
    private HttpServer server;
    private HttpsServer secureServer;

    public IngressController(Informer<Ingress> ingresses, Informer<IngressClass> classes, Informer<Service> services,
            Informer<Endpoints> endpoints, KubernetesClient client, String address, int port, int httpsPort) {
        this.ingresses = ingresses;
        this.classes = classes;
        this.services = services;
        this.endpoints = endpoints;
        this.client = client;
        this.address = address;
        this.port = port;
        this.httpsPort = httpsPort;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(2))
                .followRedirects(HttpClient.Redirect.NEVER).executor(workers).build();
        this.routes = new IngressRoutes(List.of(), (ns, name) -> Optional.empty(), (ns, name) -> Optional.empty());
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, name + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Listens (a taken port is logged, not fatal: the rest of the agent runs on) and follows the informers. */
    public void start() {
        for (Informer<?> informer : List.of(ingresses, classes, services, endpoints)) {
            informer.addEventHandler(syncer.handler());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(address, port), 512);
            server.createContext("/", this::handle);
            server.setExecutor(workers);
            server.start();
            LOG.atInfo().log("Ingress controller listening on http://" + address + ":" + port);
        } catch (IOException e) {
            LOG.atWarn().log("The ingress controller cannot listen on " + address + ":" + port + " (" + e.getMessage()
                    + "): Ingresses are not served on this node. Free the port, or set KUBELITE_INGRESS_PORT "
                    + "(kubelite.ingress.port) to another one");
        }
        try {
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(new KeyManager[] {tls}, null, null);
            secureServer = HttpsServer.create(new InetSocketAddress(address, httpsPort), 512);
            secureServer.setHttpsConfigurator(new HttpsConfigurator(context));
            secureServer.createContext("/", this::handle);
            secureServer.setExecutor(workers);
            secureServer.start();
            LOG.atInfo().log("Ingress controller listening on https://" + address + ":" + httpsPort
                    + " (the certificates of the Ingresses' spec.tls Secrets)");
        } catch (IOException | java.security.GeneralSecurityException e) {
            LOG.atWarn().log("The ingress controller cannot listen on " + address + ":" + httpsPort + " (" + e.getMessage()
                    + "): Ingresses are not served over HTTPS on this node. Free the port, or set "
                    + "KUBELITE_INGRESS_HTTPS_PORT (kubelite.ingress.https-port) to another one");
        }
        // Secrets are read on every pass, not followed: a renewed certificate is served within the period
        syncer.every(Duration.ofSeconds(10), Duration.ofSeconds(10));
        syncer.soon();
    }

    /** The routes from the caches, then the address in the status of every Ingress served. */
    private void sync() {
        try {
            if (!ingresses.hasSynced() || !classes.hasSynced()) {
                return;
            }
            List<Ingress> ours = ingresses.lister().list().stream().filter(this::ours).toList();
            routes = new IngressRoutes(ours,
                    (ns, name) -> services.lister().get(new ObjectKey(ns, name)),
                    (ns, name) -> endpoints.lister().get(new ObjectKey(ns, name)));
            tls.update(certificates(ours));
            if (server != null) {
                ours.forEach(this::publishAddress);
            }
        } catch (RuntimeException e) {
            LOG.atWarn().setCause(e).log("Ingress sync failed; retrying at the next change");
        }
    }

    /** The certificate of every {@code spec.tls} entry whose Secret holds a usable one, oldest Ingress first. */
    private List<IngressTls.Entry> certificates(List<Ingress> ours) {
        List<IngressTls.Entry> entries = new java.util.ArrayList<>();
        List<Ingress> sorted = ours.stream().sorted(java.util.Comparator.comparing((Ingress i) ->
                String.valueOf(i.getMetadata().getCreationTimestamp())).thenComparing(i -> i.getMetadata().getName())).toList();
        for (Ingress ingress : sorted) {
            String ns = ingress.getMetadata().getNamespace();
            for (var entry : ingress.getSpec().getTls() == null ? List.<io.fabric8.kubernetes.api.model.networking.v1.IngressTLS>of()
                    : ingress.getSpec().getTls()) {
                if (entry.getSecretName() == null || entry.getSecretName().isEmpty()) {
                    continue;
                }
                String key = ns + "/" + entry.getSecretName();
                try {
                    Secret secret = client.secrets().inNamespace(ns).withName(entry.getSecretName()).get();
                    if (secret == null) {
                        throw new IllegalArgumentException("secret " + key + " not found");
                    }
                    Map<String, String> data = secret.getData() == null ? Map.of() : secret.getData();
                    if (!data.containsKey("tls.crt") || !data.containsKey("tls.key")) {
                        throw new IllegalArgumentException("secret " + key + " has no tls.crt and tls.key");
                    }
                    entries.add(IngressTls.entry(key + "#" + entries.size(),
                            entry.getHosts() == null ? List.of() : entry.getHosts(), decode(data.get("tls.crt")),
                            decode(data.get("tls.key"))));
                    reported.removeIf(r -> r.startsWith(key + ":"));
                } catch (IllegalArgumentException | KubernetesClientException e) {
                    if (reported.add(key + ":" + e.getMessage())) {
                        LOG.atWarn().addKeyValue("ingress", ns + "/" + ingress.getMetadata().getName())
                                .log("TLS for " + entry.getHosts() + " is not served: " + e.getMessage());
                    }
                }
            }
        }
        return entries;
    }

    private static String decode(String base64) {
        return new String(java.util.Base64.getDecoder().decode(base64), StandardCharsets.US_ASCII);
    }

    private boolean ours(Ingress ingress) {
        if (ingress.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String className = ingress.getSpec() == null ? null : ingress.getSpec().getIngressClassName();
        if (className == null && ingress.getMetadata().getAnnotations() != null) {
            className = ingress.getMetadata().getAnnotations().get("kubernetes.io/ingress.class");
        }
        List<IngressClass> mine = classes.lister().list().stream()
                .filter(c -> c.getSpec() != null && CONTROLLER.equals(c.getSpec().getController())).toList();
        if (className == null) {
            return mine.stream().anyMatch(c -> c.getMetadata().getAnnotations() != null
                    && "true".equals(c.getMetadata().getAnnotations().get(DEFAULT_CLASS_ANNOTATION)));
        }
        String wanted = className;
        return mine.stream().anyMatch(c -> c.getMetadata().getName().equals(wanted));
    }

    private void publishAddress(Ingress ingress) {
        var lb = ingress.getStatus() == null ? null : ingress.getStatus().getLoadBalancer();
        boolean current = lb != null && lb.getIngress() != null && lb.getIngress().size() == 1
                && address.equals(lb.getIngress().get(0).getIp());
        if (current) {
            return;
        }
        try {
            client.network().v1().ingresses().inNamespace(ingress.getMetadata().getNamespace())
                    .withName(ingress.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE),
                            "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"" + address + "\"}]}}}");
        } catch (KubernetesClientException e) {
            LOG.atWarn().addKeyValue("ingress", ingress.getMetadata().getNamespace() + "/" + ingress.getMetadata().getName())
                    .log("Could not record the address in the Ingress status: " + e.getMessage());
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            URI uri = exchange.getRequestURI();
            String host = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Host")).orElse("");
            Optional<Target> target = routes.route(host, uri.getPath());
            if (target.isEmpty()) {
                plain(exchange, 404, "404 Not Found: no Ingress rule for " + host + uri.getPath() + "\n");
                return;
            }
            List<String> ready = target.get().endpoints();
            if (ready.isEmpty()) {
                plain(exchange, 503, "503 Service Unavailable: service " + target.get().namespace() + "/"
                        + target.get().service() + ":" + target.get().port() + " has no ready endpoints\n");
                return;
            }
            String backend = ready.get(Math.floorMod(next.getAndIncrement(), ready.size()));
            forward(exchange, host, backend);
        }
    }

    private void forward(HttpExchange exchange, String host, String backend) throws IOException {
        URI uri = exchange.getRequestURI();
        String target = "http://" + backend + uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery());
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target)).timeout(Duration.ofSeconds(60));
        String client = exchange.getRemoteAddress().getAddress().getHostAddress();
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            if (HOP_BY_HOP.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                continue;
            }
            for (String value : header.getValue()) {
                request.header(header.getKey(), value);
            }
        }
        if (!host.isEmpty()) {
            try {
                request.header("Host", host);
            } catch (IllegalArgumentException restricted) {
                // the JDK client was set up before jdk.httpclient.allowRestrictedHeaders=host: X-Forwarded-Host carries it
            }
        }
        String forwardedFor = exchange.getRequestHeaders().getFirst("X-Forwarded-For");
        request.setHeader("X-Forwarded-For", forwardedFor == null ? client : forwardedFor + ", " + client);
        request.setHeader("X-Real-IP", client);
        request.setHeader("X-Forwarded-Host", host);
        request.setHeader("X-Forwarded-Proto", exchange instanceof com.sun.net.httpserver.HttpsExchange ? "https" : "http");
        String length = exchange.getRequestHeaders().getFirst("Content-Length");
        boolean body = (length != null && !"0".equals(length)) || exchange.getRequestHeaders().containsKey("Transfer-Encoding");
        request.method(exchange.getRequestMethod(), body
                ? HttpRequest.BodyPublishers.ofInputStream(exchange::getRequestBody) : HttpRequest.BodyPublishers.noBody());
        HttpResponse<InputStream> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            plain(exchange, 502, "502 Bad Gateway: " + backend + ": " + e.getMessage() + "\n");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            plain(exchange, 502, "502 Bad Gateway: interrupted\n");
            return;
        }
        response.headers().map().forEach((name, values) -> {
            if (!HOP_BY_HOP.contains(name.toLowerCase(Locale.ROOT)) && !name.startsWith(":")) {
                exchange.getResponseHeaders().put(name, values);
            }
        });
        long contentLength = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        boolean noBody = "HEAD".equalsIgnoreCase(exchange.getRequestMethod()) || response.statusCode() == 204
                || response.statusCode() == 304;
        exchange.sendResponseHeaders(response.statusCode(), noBody ? -1 : contentLength < 0 ? 0 : contentLength);
        try (InputStream in = response.body(); OutputStream out = exchange.getResponseBody()) {
            if (!noBody) {
                in.transferTo(out);
            }
        }
    }

    private static void plain(HttpExchange exchange, int status, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
        if (secureServer != null) {
            secureServer.stop(0);
        }
        syncer.close();
        workers.shutdownNow();
    }
}
