package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * The streaming subresources' way to a node agent ({@code pods/exec}, {@code pods/portforward}):
 * connect to the agent's WebSocket offering the client's subprotocols, then accept the client's
 * WebSocket with the subprotocol the agent chose and relay messages both ways ({@link ExecRelay}).
 * The agent's refusal before its upgrade reaches the client as the agent's Status, with its code.
 */
@Component
public class AgentStreams {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final int UPGRADE_REQUIRED = 426;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final KubeletClientCredential credential;

    AgentStreams(KubeletClientCredential credential) {
        this.credential = credential;
    }

    /** Connects to {@code agentUri} and relays the client's upgraded request to it, with the agent's subprotocol. */
    void relay(URI agentUri, List<String> offered, String nodeName, String pod, HttpServletRequest request,
               HttpServletResponse response) throws InterruptedException, java.io.IOException {
        relay(agentUri, offered, null, nodeName, pod, request, response);
    }

    /**
     * The same, answering the client with {@code clientProtocol} whatever the agent chose (the
     * JDK's WebSocket client cannot offer a subprotocol with a '/', as port-forward's has).
     */
    void relay(URI agentUri, List<String> offered, String clientProtocol, String nodeName, String pod,
               HttpServletRequest request, HttpServletResponse response) throws InterruptedException, java.io.IOException {
        ExecRelay relay = new ExecRelay();
        WebSocket agent = connect(agentUri, offered, relay, nodeName, pod);
        ServletServerHttpResponse upgraded = new ServletServerHttpResponse(response);
        try {
            String protocol = clientProtocol != null ? clientProtocol : agent.getSubprotocol();
            boolean accepted = handshake(protocol).doHandshake(new ServletServerHttpRequest(request),
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

    /**
     * The agent's refusal of an upgrade to {@code agentUri}, or empty when it would accept it (or
     * cannot be asked). Asked with a plain GET, which the agent answers after its checks and before
     * it starts anything: 426 where an upgrade would have been accepted.
     */
    Optional<ApiException> refusal(URI agentUri, String nodeName, String pod) {
        URI plain = URI.create(agentUri.toString().replaceFirst("^ws://", "http://"));
        HttpResponse<String> answer;
        try {
            answer = http.send(credential.sign(HttpRequest.newBuilder(plain).version(HttpClient.Version.HTTP_1_1).timeout(CONNECT_TIMEOUT).GET()).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        return answer.statusCode() == UPGRADE_REQUIRED || answer.statusCode() < 400 ? Optional.empty()
                : Optional.of(agentRefusal(answer, nodeName, pod));
    }

    /** Connects to the agent offering the client's protocols; the agent's refusal comes back as its Status. */
    private WebSocket connect(URI agentUri, List<String> offered, ExecRelay relay, String nodeName, String pod)
            throws InterruptedException {
        WebSocket.Builder builder = credential.sign(http.newWebSocketBuilder().connectTimeout(CONNECT_TIMEOUT));
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
                    + " did not accept the connection within " + CONNECT_TIMEOUT.toSeconds() + " s", pod);
        }
    }

    /**
     * The agent's own answer to a refused upgrade, passed on with its code: 404
     * {@code container not found ("c")} (no attempt of it runs), 400 when the runtime refuses.
     */
    private static ApiException agentRefusal(HttpResponse<?> response, String nodeName, String pod) {
        if (response.statusCode() == 401) {
            KubeletClientCredential.checkAccepted(401, response.headers(), "the node agent of " + nodeName, pod);
        }
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
            message = "the node agent of " + nodeName + " refused the connection with HTTP " + response.statusCode();
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

}
