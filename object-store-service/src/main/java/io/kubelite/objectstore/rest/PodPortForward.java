package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/namespaces/{ns}/pods/{name}/portforward} ({@code kubectl port-forward}): kubectl
 * 1.31 and later tunnel the port-forward protocol (SPDY/3.1 streams: an error and a data stream
 * per forwarded connection) inside a WebSocket with the subprotocol {@value #PROTOCOL}. The
 * request is checked as the Kubernetes API server checks it (the pod exists, is bound to a node
 * and running), then relayed to the agent of the pod's node
 * ({@code ws://<InternalIP>:<port>/portForward/{ns}/{pod}?ip=<pod IP>}), which connects to the pod.
 * kubectl retries a refused WebSocket with plain SPDY, answered with a 400 that says so.
 */
@RestController
public class PodPortForward {

    static final String PROTOCOL = "SPDY/3.1+portforward.k8s.io";
    /** The same bytes to the agent, under a name the JDK's WebSocket client can offer (no '/'). */
    static final String AGENT_PROTOCOL = "portforward.k8s.io";

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final NodeAgentAddress agents;
    private final AgentStreams streams;

    public PodPortForward(ResourceService resources, ResourceRegistry registry, NodeAgentAddress agents,
                          AgentStreams streams) {
        this.resources = resources;
        this.registry = registry;
        this.agents = agents;
        this.streams = streams;
    }

    @RequestMapping(value = "/api/v1/namespaces/{namespace}/pods/{name}/portforward",
            method = {RequestMethod.GET, RequestMethod.POST})
    public void portForward(@PathVariable String namespace, @PathVariable String name, HttpServletRequest request,
                            HttpServletResponse response) throws Exception {
        JsonNode pod = resources.get(registry.find("", "v1", "pods").orElseThrow(), namespace, name).body();
        String phase = pod.path("status").path("phase").asString("");
        if (!phase.equals("Running")) {
            throw ApiException.badRequest("unable to forward port because pod is not running. Current status="
                    + (phase.isEmpty() ? "Pending" : phase));
        }
        String nodeName = pod.path("spec").path("nodeName").asString("");
        String podIp = pod.path("status").path("podIP").asString("");
        if (nodeName.isEmpty() || podIp.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " has no node or no IP yet");
        }
        boolean offered = false;
        var headers = request.getHeaders("Sec-WebSocket-Protocol");
        while (headers.hasMoreElements()) {
            for (String p : headers.nextElement().split(",")) {
                offered |= p.trim().equals(PROTOCOL);
            }
        }
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade")) || !offered) {
            throw ApiException.badRequest("port-forward is served over WebSocket with the subprotocol " + PROTOCOL
                    + " (kubectl 1.31 and later), not over " + (request.getHeader("Upgrade") == null ? "a plain request"
                    : request.getHeader("Upgrade")));
        }
        URI agentUri = URI.create("ws://" + agents.authority(nodeName, name) + "/portForward/" + encode(namespace) + "/"
                + encode(name) + "?ip=" + encode(podIp) + "&node=" + encode(nodeName));
        streams.relay(agentUri, List.of(AGENT_PROTOCOL), PROTOCOL, nodeName, name, request, response);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
