package io.kubelite.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code pods/exec}: every refusal the API server makes before it upgrades, as the Status kubectl
 * prints, and the agent's own refusal passed on. The agent here is a stand-in HTTP server on
 * loopback that refuses every upgrade; the relay itself runs end to end with kubectl and the
 * real agent (NodeAgentIT).
 */
class PodExecIT extends ApiServerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private HttpServer agent;
    private final List<String> agentRequests = new CopyOnWriteArrayList<>();
    /** The pods whose containers the stand-in agent runs: a plain request for them gets 426, any other 404. */
    private final java.util.Set<String> runningContainers = java.util.concurrent.ConcurrentHashMap.newKeySet();

    @BeforeEach
    void agent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        com.sun.net.httpserver.HttpHandler containerNotFound = exchange -> {
            agentRequests.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery()
                    + " protocols=" + exchange.getRequestHeaders().getFirst("Sec-WebSocket-Protocol"));
            String pod = exchange.getRequestURI().getRawPath().split("/")[3];
            if (exchange.getRequestHeaders().getFirst("Upgrade") == null && runningContainers.contains(pod)) {
                // the agent's answer to a plain request where an upgrade would have been accepted
                exchange.sendResponseHeaders(426, -1);
                exchange.close();
                return;
            }
            byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":404,"
                    + "\"reason\":\"NotFound\",\"message\":\"container not found (\\\"app\\\")\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(404, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        };
        agent.createContext("/exec/", containerNotFound);
        agent.createContext("/attach/", containerNotFound);
        agent.createContext("/portForward/", exchange -> {
            agentRequests.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery()
                    + " protocols=" + exchange.getRequestHeaders().getFirst("Sec-WebSocket-Protocol"));
            exchange.sendResponseHeaders(500, -1);
            exchange.close();
        });
        agent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.stop(0);
    }

    /** The HTTP answer to a WebSocket upgrade the server refused. */
    record Refusal(int code, JsonNode status) {
        String message() {
            return status.path("message").asString();
        }
    }

    private Refusal upgradeRefused(String pathAndQuery) {
        try {
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder()
                    .subprotocols("v5.channel.k8s.io", "v4.channel.k8s.io")
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), new WebSocket.Listener() { })
                    .join();
            ws.abort();
            throw new AssertionError("the upgrade of " + pathAndQuery + " was accepted");
        } catch (CompletionException e) {
            assertThat(e.getCause()).isInstanceOf(WebSocketHandshakeException.class);
            var response = ((WebSocketHandshakeException) e.getCause()).getResponse();
            return new Refusal(response.statusCode(), JSON.readTree(String.valueOf(response.body())));
        }
    }

    private void pod(String name, String node, String... containers) {
        StringBuilder cs = new StringBuilder();
        for (String c : containers) {
            cs.append(cs.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\",\"image\":\"busybox\"}");
        }
        String nodeName = node == null ? "" : ",\"nodeName\":\"" + node + "\"";
        ApiClient.Response r = api.post("/api/v1/namespaces/default/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[" + cs + "]" + nodeName + "}}");
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    private static String exec(String pod, String query) {
        return "/api/v1/namespaces/default/pods/" + pod + "/exec?" + query;
    }

    @Test
    void refusesWhatTheKubernetesApiServerRefusesBeforeUpgrading() {
        nodeWithAgentAt("exec-node-a", agent.getAddress().getPort());
        pod("exec-two", "exec-node-a", "frontend", "redis");
        pod("exec-unscheduled", null, "app");
        pod("exec-done", "exec-node-a", "app");
        assertThat(api.patch("/api/v1/namespaces/default/pods/exec-done/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Succeeded\"}}").code()).isEqualTo(200);

        Refusal missing = upgradeRefused(exec("no-such-pod", "command=ls&stdout=true"));
        assertThat(missing.code()).isEqualTo(404);
        assertThat(missing.message()).isEqualTo("pods \"no-such-pod\" not found");

        Refusal unnamed = upgradeRefused(exec("exec-two", "command=ls&stdout=true"));
        assertThat(unnamed.code()).isEqualTo(400);
        assertThat(unnamed.message()).isEqualTo("a container name must be specified for pod exec-two, choose one of: [frontend redis]");

        Refusal wrong = upgradeRefused(exec("exec-two", "command=ls&stdout=true&container=mysql"));
        assertThat(wrong.code()).isEqualTo(400);
        assertThat(wrong.message()).isEqualTo("container mysql is not valid for pod exec-two");

        Refusal noCommand = upgradeRefused(exec("exec-two", "container=redis&stdout=true"));
        assertThat(noCommand.code()).isEqualTo(400);
        assertThat(noCommand.message()).isEqualTo("you must specify at least 1 command");

        Refusal noStreams = upgradeRefused(exec("exec-two", "container=redis&command=ls"));
        assertThat(noStreams.code()).isEqualTo(400);
        assertThat(noStreams.message()).isEqualTo("you must specify at least 1 of stdin, stdout, stderr");

        Refusal unscheduled = upgradeRefused(exec("exec-unscheduled", "command=ls&stdout=true"));
        assertThat(unscheduled.code()).isEqualTo(400);
        assertThat(unscheduled.message()).isEqualTo("pod exec-unscheduled does not have a host assigned");

        Refusal done = upgradeRefused(exec("exec-done", "command=ls&stdout=true"));
        assertThat(done.code()).isEqualTo(400);
        assertThat(done.message()).isEqualTo("cannot exec into a container in a completed pod; current phase is Succeeded");

        assertThat(agentRequests).as("nothing refused here reaches the agent").isEmpty();
    }

    /** kubectl retries a refused WebSocket with SPDY (a POST); only WebSocket is served. */
    @Test
    void aRequestWithoutAWebSocketUpgradeIsToldWhatIsServed() {
        nodeWithAgentAt("exec-node-b", agent.getAddress().getPort());
        pod("exec-spdy", "exec-node-b", "app");
        runningContainers.add("exec-spdy");

        ApiClient.Response r = api.post(exec("exec-spdy", "command=ls&stdout=true"), "");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body().path("message").asString()).contains("WebSocket", "v5.channel.k8s.io", "v4.channel.k8s.io");
    }

    /**
     * A container that is not running (crash-looping, just exited): kubectl's WebSocket attempt is
     * refused by the agent, and its SPDY retry gets the same refusal — not a lesson in protocols
     * that would hide why.
     */
    @Test
    void theSpdyRetryOfARefusedUpgradeIsToldWhyTheAgentRefused() {
        nodeWithAgentAt("exec-node-d", agent.getAddress().getPort());
        pod("exec-crashing", "exec-node-d", "app");

        Refusal websocket = upgradeRefused(exec("exec-crashing", "command=ls&stdout=true"));
        ApiClient.Response spdy = api.post(exec("exec-crashing", "command=ls&stdout=true"), "");
        ApiClient.Response attach = api.post("/api/v1/namespaces/default/pods/exec-crashing/attach?stdout=true", "");

        assertThat(websocket.code()).isEqualTo(404);
        assertThat(spdy.code()).isEqualTo(404);
        assertThat(spdy.body().path("message").asString()).isEqualTo(websocket.message())
                .isEqualTo("container not found (\"app\")");
        assertThat(attach.code()).isEqualTo(404);
        assertThat(attach.body().path("message").asString()).isEqualTo("container not found (\"app\")");
    }

    @Test
    void theAgentGetsTheCommandAndStreamsAndItsRefusalPassesThroughWithItsCode() {
        nodeWithAgentAt("exec-node-c", agent.getAddress().getPort());
        pod("exec-refused", "exec-node-c", "app");

        Refusal r = upgradeRefused(exec("exec-refused",
                "command=sh&command=-c&command=echo%20a%20b&stdin=true&stdout=true&stderr=true&tty=false&container=app"));

        assertThat(r.code()).isEqualTo(404);
        assertThat(r.message()).isEqualTo("container not found (\"app\")");
        assertThat(agentRequests).containsExactly("/exec/default/exec-refused/app?node=exec-node-c&command=sh&command=-c"
                + "&command=echo%20a%20b&input=1&output=1&error=1 protocols=v5.channel.k8s.io, v4.channel.k8s.io");
    }

    /** pods/attach ({@code kubectl attach}, {@code kubectl run -i}): exec's checks, then the agent's attach endpoint. */
    @Test
    void attachIsCheckedAsExecIsAndReachesTheAgentsAttachEndpoint() {
        nodeWithAgentAt("attach-node", agent.getAddress().getPort());
        pod("attach-app", "attach-node", "app");
        pod("attach-unscheduled", null, "app");
        pod("attach-done", "attach-node", "app");
        assertThat(api.patch("/api/v1/namespaces/default/pods/attach-done/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Failed\"}}").code()).isEqualTo(200);
        String attach = "/api/v1/namespaces/default/pods/%s/attach?%s";

        Refusal missing = upgradeRefused(attach.formatted("no-such-pod", "stdout=true"));
        assertThat(missing.code()).isEqualTo(404);
        Refusal noStreams = upgradeRefused(attach.formatted("attach-app", "container=app"));
        assertThat(noStreams.code()).isEqualTo(400);
        assertThat(noStreams.message()).isEqualTo("you must specify at least 1 of stdin, stdout, stderr");
        Refusal wrong = upgradeRefused(attach.formatted("attach-app", "stdout=true&container=db"));
        assertThat(wrong.message()).isEqualTo("container db is not valid for pod attach-app");
        Refusal unscheduled = upgradeRefused(attach.formatted("attach-unscheduled", "stdout=true"));
        assertThat(unscheduled.message()).isEqualTo("pod attach-unscheduled does not have a host assigned");
        Refusal done = upgradeRefused(attach.formatted("attach-done", "stdout=true"));
        assertThat(done.code()).isEqualTo(400);
        assertThat(done.message()).isEqualTo("cannot attach a container in a completed pod; current phase is Failed");
        assertThat(agentRequests).as("nothing refused here reaches the agent").isEmpty();
        runningContainers.add("attach-app");
        ApiClient.Response spdy = api.post(attach.formatted("attach-app", "stdout=true"), "");
        assertThat(spdy.code()).isEqualTo(400);
        assertThat(spdy.body().path("message").asString()).startsWith("attach is served over WebSocket");
        assertThat(agentRequests).as("the agent asked, with a plain request, whether it would accept")
                .containsExactly("/attach/default/attach-app/app?node=attach-node&output=1 protocols=null");
        agentRequests.clear();

        Refusal relayed = upgradeRefused(attach.formatted("attach-app", "stdin=true&stdout=true&stderr=true&container=app"));
        assertThat(relayed.code()).isEqualTo(404);
        assertThat(relayed.message()).isEqualTo("container not found (\"app\")");
        assertThat(agentRequests).containsExactly("/attach/default/attach-app/app?node=attach-node&input=1&output=1&error=1"
                + " protocols=v5.channel.k8s.io, v4.channel.k8s.io");
    }

    /** pods/portforward: checked as kube-apiserver checks it, then offered to the pod's agent. */
    @Test
    void portForwardIsCheckedBeforeUpgradingAndReachesThePodsAgentWithItsAddress() {
        nodeWithAgentAt("pf-node", agent.getAddress().getPort());
        pod("pf-pending", "pf-node", "app");
        pod("pf-running", "pf-node", "app");
        assertThat(api.patch("/api/v1/namespaces/default/pods/pf-running/status", "application/merge-patch+json",
                "{\"status\":{\"phase\":\"Running\",\"podIP\":\"172.17.0.9\"}}").code()).isEqualTo(200);

        ApiClient.Response pending = api.post("/api/v1/namespaces/default/pods/pf-pending/portforward", "");
        assertThat(pending.code()).isEqualTo(400);
        assertThat(pending.body().path("message").asString())
                .isEqualTo("unable to forward port because pod is not running. Current status=Pending");
        ApiClient.Response missing = api.post("/api/v1/namespaces/default/pods/nope/portforward", "");
        assertThat(missing.code()).isEqualTo(404);
        ApiClient.Response spdy = api.post("/api/v1/namespaces/default/pods/pf-running/portforward", "");
        assertThat(spdy.code()).as("kubectl's SPDY fallback is told what is served").isEqualTo(400);
        assertThat(spdy.body().path("message").asString()).contains("WebSocket", "SPDY/3.1+portforward.k8s.io");
        assertThat(agentRequests).isEmpty();

        // kubectl's upgrade, written by hand: the JDK's client cannot offer a subprotocol with a '/'
        String answer;
        try (java.net.Socket socket = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.getOutputStream().write(("GET /api/v1/namespaces/default/pods/pf-running/portforward HTTP/1.1\r\n"
                    + "Host: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                    + "Sec-WebSocket-Protocol: SPDY/3.1+portforward.k8s.io\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            answer = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        assertThat(answer).as("the fake agent refused, and its refusal came back").startsWith("HTTP/1.1 500");
        assertThat(agentRequests).containsExactly(
                "/portForward/default/pf-running?ip=172.17.0.9&node=pf-node protocols=portforward.k8s.io");
    }

    @Test
    void anAgentThatDoesNotAnswerIsServiceUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        nodeWithAgentAt("exec-node-down", closedPort);
        pod("exec-agent-down", "exec-node-down", "app");

        Refusal r = upgradeRefused(exec("exec-agent-down", "command=ls&stdout=true"));

        assertThat(r.code()).isEqualTo(503);
        assertThat(r.message()).contains("node agent of exec-node-down", "does not answer");
    }
}
