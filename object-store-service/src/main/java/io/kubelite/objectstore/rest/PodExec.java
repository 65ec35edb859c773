package io.kubelite.objectstore.rest;

import io.kubelite.machinery.remotecommand.StreamProtocol;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final NodeAgentAddress agents;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();

    public PodExec(ResourceService resources, ResourceRegistry registry, NodeAgentAddress agents) {
        this.resources = resources;
        this.registry = registry;
        this.agents = agents;
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
        String phase = pod.path("status").path("phase").asString("");
        if (phase.equals("Succeeded") || phase.equals("Failed")) {
            throw ApiException.badRequest("cannot exec into a container in a completed pod; current phase is " + phase);
        }
        String nodeName = pod.path("spec").path("nodeName").asString("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        List<String> offered = offeredProtocols(request);
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade")) || offered.isEmpty()) {
            throw ApiException.badRequest("exec is served over WebSocket with the subprotocol "
                    + String.join(" or ", StreamProtocol.PROTOCOLS) + " (kubectl 1.30 and later); this request asked for "
                    + (request.getHeader("Upgrade") == null ? "no upgrade" : request.getHeader("Upgrade")
                    + " " + offered));
        }
        URI agentUri = agentUri(nodeName, namespace, name, target, command, stdin, stdout, stderr, tty);
        ExecRelay relay = new ExecRelay();
        WebSocket agent = connect(agentUri, offered, relay, nodeName, name);
        ServletServerHttpResponse upgraded = new ServletServerHttpResponse(response);
        try {
            boolean accepted = handshake(agent.getSubprotocol()).doHandshake(new ServletServerHttpRequest(request),
                    upgraded, relay, new HashMap<>());
            if (!accepted) {
                agent.abort();
            }
        } catch (RuntimeException e) {
            agent.abort();
            throw e;
        } finally {
            upgraded.close();
        }
    }

    /** Connects to the agent offering the client's protocols; the agent's refusal comes back as its Status. */
    private WebSocket connect(URI agentUri, List<String> offered, ExecRelay relay, String nodeName, String pod)
            throws InterruptedException {
        WebSocket.Builder builder = http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT);
        builder.subprotocols(offered.get(0), offered.subList(1, offered.size()).toArray(String[]::new));
        try {
            return builder.buildAsync(agentUri, relay).get(CONNECT_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof WebSocketHandshakeException refused) {
                throw agentRefusal(refused.getResponse(), nodeName, pod);
            }
            throw NodeAgentAddress.unavailable("the node agent of " + nodeName + " at " + agentUri.getAuthority()
                    + " does not answer (" + cause + "); is it running? (./kubelite status)", pod);
        } catch (TimeoutException e) {
            throw NodeAgentAddress.unavailable("the node agent of " + nodeName + " at " + agentUri.getAuthority()
                    + " did not accept the exec connection within " + CONNECT_TIMEOUT.toSeconds() + " s", pod);
        }
    }

    /**
     * The agent's own answer to a refused upgrade, passed on with its code: 404
     * {@code container not found ("c")}, 400 when the container is not running.
     */
    private static ApiException agentRefusal(HttpResponse<?> response, String nodeName, String pod) {
        Object body = response.body();
        String text = body instanceof byte[] bytes ? new String(bytes, StandardCharsets.UTF_8)
                : body == null ? "" : body.toString();
        String message;
        try {
            message = JSON.readTree(text).path("message").asString("");
        } catch (RuntimeException notJson) {
            message = "";
        }
        if (message.isEmpty()) {
            message = "the node agent of " + nodeName + " refused the exec connection with HTTP " + response.statusCode();
        }
        int code = response.statusCode();
        String reason = code == 404 ? "NotFound" : code == 400 ? "BadRequest" : "InternalError";
        return new ApiException(code >= 400 && code < 600 ? code : 502, reason, message, "", "pods", pod, List.of());
    }

    /** Accepts the client with exactly the subprotocol the agent chose. */
    private static DefaultHandshakeHandler handshake(String agentProtocol) {
        return new DefaultHandshakeHandler() {
            @Override
            protected String selectProtocol(List<String> requested, WebSocketHandler handler) {
                return requested.contains(agentProtocol) ? agentProtocol : null;
            }
        };
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
