package io.kubelite.objectstore.rest;

import io.kubelite.machinery.remotecommand.StreamProtocol;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * {@code /api/v1/namespaces/{ns}/pods/{name}/exec} ({@code kubectl exec}): checks the request as
 * the Kubernetes API server does, connects to the agent of the pod's node
 * ({@code ws://<InternalIP>:<kubeletEndpoint port>/exec/{ns}/{pod}/{container}}), then accepts the
 * client's WebSocket with the subprotocol the agent chose and relays messages both ways
 * ({@link ExecRelay}). Every refusal comes before the upgrade as a Status, so kubectl prints it
 * ("Error from server (NotFound): pods "x" not found"); kubectl retries a refused WebSocket with
 * SPDY, which is refused with the same Status — or, for a request that would have been accepted,
 * with a 400 saying WebSocket is the protocol served.
 */
@RestController
public class PodExec {


    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final NodeAgentAddress agents;
    private final AgentStreams streams;

    public PodExec(ResourceService resources, ResourceRegistry registry, NodeAgentAddress agents, AgentStreams streams) {
        this.resources = resources;
        this.registry = registry;
        this.agents = agents;
        this.streams = streams;
    }

    @RequestMapping(value = "/api/v1/namespaces/{namespace}/pods/{name}/exec",
            method = {RequestMethod.GET, RequestMethod.POST})
    public void exec(@PathVariable String namespace, @PathVariable String name,
                     @RequestParam(name = "command", required = false) List<String> command,
                     @RequestParam(required = false) String container,
                     @RequestParam(defaultValue = "false") boolean stdin,
                     @RequestParam(defaultValue = "false") boolean stdout,
                     @RequestParam(defaultValue = "false") boolean stderr,
                     @RequestParam(defaultValue = "false") boolean tty,
                     HttpServletRequest request, HttpServletResponse response) throws Exception {
        JsonNode pod = resources.get(registry.find("", "v1", "pods").orElseThrow(), namespace, name).body();
        String target = PodLogs.container(pod, name, container);
        if (command == null || command.isEmpty()) {
            throw ApiException.badRequest("you must specify at least 1 command");
        }
        if (!stdin && !stdout && !stderr) {
            throw ApiException.badRequest("you must specify at least 1 of stdin, stdout, stderr");
        }
        String nodeName = checkStreamable(pod, name, "exec into");
        URI agentUri = agentUri(nodeName, namespace, name, target, command, stdin, stdout, stderr, tty);
        requireWebSocket(request, "exec", agentUri, nodeName, name);
        streams.relay(agentUri, offeredProtocols(request), nodeName, name, request, response);
    }

    /**
     * {@code pods/{name}/attach} ({@code kubectl attach}, {@code kubectl run -i}): the same checks
     * and relay as exec, to the agent's attach endpoint, which joins the container's own process.
     */
    @RequestMapping(value = "/api/v1/namespaces/{namespace}/pods/{name}/attach",
            method = {RequestMethod.GET, RequestMethod.POST})
    public void attach(@PathVariable String namespace, @PathVariable String name,
                       @RequestParam(required = false) String container,
                       @RequestParam(defaultValue = "false") boolean stdin,
                       @RequestParam(defaultValue = "false") boolean stdout,
                       @RequestParam(defaultValue = "false") boolean stderr,
                       @RequestParam(defaultValue = "false") boolean tty,
                       HttpServletRequest request, HttpServletResponse response) throws Exception {
        JsonNode pod = resources.get(registry.find("", "v1", "pods").orElseThrow(), namespace, name).body();
        String target = PodLogs.container(pod, name, container);
        if (!stdin && !stdout && !stderr) {
            throw ApiException.badRequest("you must specify at least 1 of stdin, stdout, stderr");
        }
        String nodeName = checkStreamable(pod, name, "attach");
        StringBuilder uri = new StringBuilder("ws://").append(agents.authority(nodeName, name))
                .append("/attach/").append(encode(namespace)).append('/').append(encode(name)).append('/')
                .append(encode(target)).append("?node=").append(encode(nodeName))
                .append(stdin ? "&input=1" : "").append(stdout ? "&output=1" : "").append(stderr ? "&error=1" : "")
                .append(tty ? "&tty=1" : "");
        URI agentUri = URI.create(uri.toString());
        requireWebSocket(request, "attach", agentUri, nodeName, name);
        streams.relay(agentUri, offeredProtocols(request), nodeName, name, request, response);
    }

    /**
     * What exec and attach both need from the pod: still running and bound to a node. Returns the
     * node's name.
     */
    private static String checkStreamable(JsonNode pod, String name, String action) {
        String phase = pod.path("status").path("phase").asString("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw ApiException.badRequest("cannot " + action + " a container in a completed pod; current phase is " + phase);
        }
        String nodeName = pod.path("spec").path("nodeName").asString("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        return nodeName;
    }

    /**
     * A WebSocket request with a subprotocol this server speaks. Any other — kubectl's SPDY retry
     * after its WebSocket attempt was refused — gets the agent's own refusal when the agent would
     * refuse (a container that is not running: kubectl then says why, as it does with a kubelet),
     * and only otherwise the protocol this server speaks.
     */
    private void requireWebSocket(HttpServletRequest request, String verb, URI agentUri, String nodeName, String pod) {
        if ("websocket".equalsIgnoreCase(request.getHeader("Upgrade")) && !offeredProtocols(request).isEmpty()) {
            return;
        }
        streams.refusal(agentUri, nodeName, pod).ifPresent(refusal -> {
            throw refusal;
        });
        throw ApiException.badRequest(verb + " is served over WebSocket with the subprotocol "
                + String.join(" or ", StreamProtocol.PROTOCOLS) + " (kubectl 1.30 and later); this request asked for "
                + (request.getHeader("Upgrade") == null ? "no upgrade" : request.getHeader("Upgrade")
                + " " + offeredProtocols(request)));
    }

    /** The client's subprotocols this server speaks, in the client's order of preference. */
    private static List<String> offeredProtocols(HttpServletRequest request) {
        List<String> offered = new ArrayList<>();
        var headers = request.getHeaders("Sec-WebSocket-Protocol");
        while (headers.hasMoreElements()) {
            for (String p : headers.nextElement().split(",")) {
                String protocol = p.trim();
                if (StreamProtocol.PROTOCOLS.contains(protocol) && !offered.contains(protocol)) {
                    offered.add(protocol);
                }
            }
        }
        return offered;
    }

    private URI agentUri(String nodeName, String namespace, String pod, String container, List<String> command,
                         boolean stdin, boolean stdout, boolean stderr, boolean tty) {
        StringBuilder uri = new StringBuilder("ws://").append(agents.authority(nodeName, pod))
                .append("/exec/").append(encode(namespace)).append('/').append(encode(pod)).append('/')
                .append(encode(container)).append("?node=").append(encode(nodeName));
        for (String part : command) {
            uri.append("&command=").append(encode(part));
        }
        uri.append(stdin ? "&input=1" : "").append(stdout ? "&output=1" : "").append(stderr ? "&error=1" : "")
                .append(tty ? "&tty=1" : "");
        return URI.create(uri.toString());
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
