package io.kubelite.autoscaler.metrics;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.machinery.credential.SharedToken;
import io.kubelite.machinery.status.FailureStatus;
import io.kubelite.machinery.status.ForbiddenMessage;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Authorizes the metrics API ({@code kubectl top}) as an aggregated API server such as
 * metrics-server does: the gateway passes the user on ({@code X-Remote-*}) and this service asks
 * the API server with a SubjectAccessReview whether that user may get or list
 * {@code pods.metrics.k8s.io} / {@code nodes.metrics.k8s.io} there, caching each answer for
 * {@value #CACHE_SECONDS} s. A denied request gets kube-apiserver's 403 Status. Members of
 * {@code system:masters}, and requests without a user (made to this service's own port), are not
 * asked about. With {@code kubelite.front-proxy.token-file} set, only requests that bear the
 * gateway's token ({@link SharedToken#FRONT_PROXY_HEADER}) are believed at all; others get 401, as
 * an aggregated API server refuses a caller without its front proxy's client certificate.
 */
@Component
public class DelegatedAuthorization extends OncePerRequestFilter {

    static final int CACHE_SECONDS = 10;
    private static final String PREFIX = "/apis/metrics.k8s.io/v1beta1/";
    private static final int MAX_CACHED = 4096;

    /** What one request asks to do. */
    record Attributes(String user, List<String> groups, String verb, String resource, String namespace, String name) {
    }

    private record Decision(boolean allowed, Instant until) {
    }

    private final KubernetesClient client;
    private final JsonMapper json;
    private final Clock clock;
    private final Optional<SharedToken> frontProxy;
    private final Map<Attributes, Decision> cache = new ConcurrentHashMap<>();

    @Autowired
    public DelegatedAuthorization(KubernetesClient client, JsonMapper json,
                                  @Value("${kubelite.front-proxy.token-file:}") String frontProxyTokenFile) {
        this(client, json, Clock.systemUTC(), SharedToken.readIfSet(frontProxyTokenFile));
    }

    DelegatedAuthorization(KubernetesClient client, JsonMapper json, Clock clock, Optional<SharedToken> frontProxy) {
        this.client = client;
        this.json = json;
        this.clock = clock;
        this.frontProxy = frontProxy;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith(PREFIX);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (frontProxy.isPresent() && !frontProxy.get().matches(request.getHeader(SharedToken.FRONT_PROXY_HEADER))) {
            response.setStatus(401);
            response.setContentType("application/json");
            response.getOutputStream().write(json.writeValueAsBytes(FailureStatus.of("Unauthorized", "Unauthorized", 401)));
            return;
        }
        String user = request.getHeader("X-Remote-User");
        List<String> groups = Collections.list(request.getHeaders("X-Remote-Group"));
        if (user == null || user.isEmpty() || groups.contains("system:masters")) {
            chain.doFilter(request, response);
            return;
        }
        Attributes attributes = attributes(user, groups, request.getRequestURI(), request.getParameter("watch"));
        if (attributes == null || allowed(attributes)) {
            chain.doFilter(request, response);
            return;
        }
        response.setStatus(403);
        response.setContentType("application/json");
        response.getOutputStream().write(json.writeValueAsBytes(forbidden(attributes)));
    }

    /** The attributes of a metrics request: {@code .../namespaces/ns/pods/name} and the like; null for other paths. */
    static Attributes attributes(String user, List<String> groups, String uri, String watch) {
        String[] parts = uri.substring(PREFIX.length()).split("/");
        String namespace = "";
        int at = 0;
        if (parts.length >= 3 && parts[0].equals("namespaces")) {
            namespace = parts[1];
            at = 2;
        }
        if (parts.length <= at || !(parts[at].equals("pods") || parts[at].equals("nodes"))) {
            return null;
        }
        String name = parts.length > at + 1 ? parts[at + 1] : "";
        String verb = "true".equals(watch) ? "watch" : name.isEmpty() ? "list" : "get";
        return new Attributes(user, List.copyOf(groups), verb, parts[at], namespace, name);
    }

    private boolean allowed(Attributes a) {
        Instant now = clock.instant();
        Decision cached = cache.get(a);
        if (cached != null && cached.until().isAfter(now)) {
            return cached.allowed();
        }
        boolean allowed = ask(a);
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
        cache.put(a, new Decision(allowed, now.plus(Duration.ofSeconds(CACHE_SECONDS))));
        return allowed;
    }

    /** A SubjectAccessReview for the user; an API server that cannot answer means no. */
    private boolean ask(Attributes a) {
        Map<String, Object> resourceAttributes = new LinkedHashMap<>();
        resourceAttributes.put("group", "metrics.k8s.io");
        resourceAttributes.put("version", "v1beta1");
        resourceAttributes.put("resource", a.resource());
        resourceAttributes.put("verb", a.verb());
        resourceAttributes.put("namespace", a.namespace());
        resourceAttributes.put("name", a.name());
        Map<String, Object> review = Map.of("apiVersion", "authorization.k8s.io/v1", "kind", "SubjectAccessReview",
                "spec", Map.of("user", a.user(), "groups", a.groups(), "resourceAttributes", resourceAttributes));
        try {
            String answer = client.raw(client.getMasterUrl() + "apis/authorization.k8s.io/v1/subjectaccessreviews",
                    "POST", review);
            JsonNode status = answer == null ? json.createObjectNode() : json.readTree(answer).path("status");
            return status.path("allowed").asBoolean(false);
        } catch (RuntimeException e) {
            logger.warn("could not ask the API server whether " + a.user() + " may " + a.verb() + " " + a.resource()
                    + ".metrics.k8s.io: " + e.getMessage());
            return false;
        }
    }

    private Map<String, Object> forbidden(Attributes a) {
        Map<String, Object> status = FailureStatus.of(ForbiddenMessage.resource(a.user(), a.verb(), "metrics.k8s.io",
                a.resource(), "", a.namespace(), a.name()), "Forbidden", 403);
        Map<String, Object> details = new LinkedHashMap<>();
        if (!a.name().isEmpty()) {
            details.put("name", a.name());
        }
        details.put("group", "metrics.k8s.io");
        details.put("kind", a.resource());
        status.put("details", details);
        return status;
    }
}
