package io.kubelite.objectstore.rest;

import io.kubelite.machinery.http.HttpRelay;
import io.kubelite.machinery.credential.SharedToken;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * The {@code pods/proxy}, {@code services/proxy} and {@code nodes/proxy} subresources
 * ({@code /api/v1/namespaces/{ns}/services/{[scheme:]name[:port]}/proxy/{path}}, what
 * {@code kubectl proxy} users browse and {@code kubectl get --raw} reads): the HTTP request, less
 * the caller's credentials and hop-by-hop headers, goes to the agent of the target pod's node
 * ({@code /podProxy/{scheme}/{ip}/{port}/{path}}), which sends it to the pod ({@link ProxyTarget}
 * picks the pod and port as kube-apiserver does); the answer comes back as the pod gave it.
 */
@RestController
public class ProxySubresources {

    private static final String IDENTITY_PREFIX = "x-remote-";

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final NodeAgentAddress agents;
    private final KubeletClientCredential credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();

    public ProxySubresources(ResourceService resources, ResourceRegistry registry, NodeAgentAddress agents,
                             KubeletClientCredential credential) {
        this.resources = resources;
        this.registry = registry;
        this.agents = agents;
        this.credential = credential;
    }

    @RequestMapping({"/api/v1/namespaces/{namespace}/pods/{name}/proxy", "/api/v1/namespaces/{namespace}/pods/{name}/proxy/**"})
    public void pod(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
                    HttpServletResponse response) throws IOException {
        ProxyTarget.Name id = ProxyTarget.parse(name, "pod");
        JsonNode pod = resources.get(core("pods"), namespace, id.name()).body();
        forward(ProxyTarget.ofPod(id, pod), rest(request.getRequestURI()), request, response);
    }

    @RequestMapping({"/api/v1/namespaces/{namespace}/services/{name}/proxy",
            "/api/v1/namespaces/{namespace}/services/{name}/proxy/**"})
    public void service(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
                        HttpServletResponse response) throws IOException {
        ProxyTarget.Name id = ProxyTarget.parse(name, "service");
        JsonNode service = resources.get(core("services"), namespace, id.name()).body();
        JsonNode endpoints;
        try {
            endpoints = resources.get(core("endpoints"), namespace, id.name()).body();
        } catch (ApiException e) {
            if (e.code() != 404) {
                throw e;
            }
            endpoints = null;
        }
        forward(ProxyTarget.ofService(id, service, endpoints), rest(request.getRequestURI()), request, response);
    }

    /**
     * {@code nodes/proxy}: the node's own agent, as kube-apiserver proxies to a node's kubelet —
     * {@code kubectl get --raw /api/v1/nodes/node-1/proxy/stats/summary}, {@code …/proxy/metrics/resource},
     * {@code …/proxy/metrics/cadvisor} (what Prometheus' kubernetes_sd examples scrape), {@code …/proxy/pods},
     * {@code …/proxy/healthz}, {@code …/proxy/configz}. The agent serves them under
     * {@code /nodeProxy/{node}/…}, as one agent process may run several nodes.
     */
    @RequestMapping({"/api/v1/nodes/{name}/proxy", "/api/v1/nodes/{name}/proxy/**"})
    public void node(@PathVariable String name, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        ProxyTarget.Name id = ProxyTarget.parse(name, "node");
        resources.get(core("nodes"), null, id.name());
        String authority = agents.authority(id.name());
        String port = authority.substring(authority.lastIndexOf(':') + 1);
        if (!id.port().isEmpty() && !id.port().equals(port) || id.scheme().equals("https")) {
            throw ApiException.badRequest("node " + id.name() + "'s agent serves plain HTTP on port " + port
                    + "; proxy to it as nodes/" + id.name() + "/proxy (kubelite proxies to no other port of a node)");
        }
        send(URI.create("http://" + authority + "/nodeProxy/" + encode(id.name()) + rest(request.getRequestURI(), 5)
                + query(request)), request, response, "the node agent of " + id.name(), id.name());
    }

    private void forward(ProxyTarget target, String path, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        URI uri = URI.create("http://" + agents.authority(target.node(), target.pod()) + "/podProxy/"
                + (target.scheme().isEmpty() ? "http" : target.scheme()) + "/" + encode(target.ip()) + "/"
                + (target.port() == null ? "-" : target.port()) + path + query(request));
        send(uri, request, response, "the node agent of " + target.node(), target.pod());
    }

    private static String query(HttpServletRequest request) {
        return request.getQueryString() == null ? "" : "?" + request.getQueryString();
    }

    /** The request, less the caller's credentials, to {@code uri}; the answer as it comes. */
    private void send(URI uri, HttpServletRequest request, HttpServletResponse response, String agent, String target)
            throws IOException {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).method(request.getMethod(), HttpRelay.body(
                request.getContentLengthLong(), request.getHeader("Transfer-Encoding") != null, request::getInputStream));
        HttpRelay.copyHeaders(Collections.list(request.getHeaderNames()), h -> Collections.list(request.getHeaders(h)),
                ProxySubresources::notCredentials, builder);
        credential.sign(builder);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(builder.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw NodeAgentAddress.unavailable(agent + " at " + uri.getAuthority()
                    + " does not answer (" + e + "); is it running? (./kubelite status)", target);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NodeAgentAddress.unavailable("interrupted while proxying to " + target, target);
        }
        KubeletClientCredential.checkAccepted(answer, agent, target);
        HttpRelay.answer(answer, response::setStatus, response::addHeader, response::getOutputStream);
    }

    /**
     * The caller's token and identity (the gateway's X-Remote-* headers) stay with the API server,
     * and so does the gateway's front-proxy token: a pod that saw it could act as any user here.
     */
    private static boolean notCredentials(String header) {
        String h = header.toLowerCase(Locale.ROOT);
        return !h.equals("authorization") && !h.startsWith(IDENTITY_PREFIX)
                && !h.equalsIgnoreCase(SharedToken.FRONT_PROXY_HEADER);
    }

    /**
     * What follows {@code /api/v1/namespaces/{ns}/{resource}/{name}/proxy} in the request's path,
     * as sent ({@code /} for nothing): what comes after its seventh segment, whatever the
     * namespace and name are called.
     */
    static String rest(String requestUri) {
        return rest(requestUri, 7);
    }

    /** What follows the first {@code segments} segments of the path ({@code /} for nothing). */
    static String rest(String requestUri, int segments) {
        int at = -1;
        for (int segment = 0; segment <= segments; segment++) {
            at = requestUri.indexOf('/', at + 1);
            if (at < 0) {
                return "/";
            }
        }
        return requestUri.substring(at);
    }

    private io.kubelite.objectstore.resource.ResourceType core(String resource) {
        return registry.find("", "v1", resource).orElseThrow();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
