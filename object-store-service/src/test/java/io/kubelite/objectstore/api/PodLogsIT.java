package io.kubelite.objectstore.api;

import com.sun.net.httpserver.HttpServer;
import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code pods/log}: the API server's checks and its proxying to the pod's node agent. The agent
 * here is a stand-in HTTP server on loopback speaking the agent's {@code /containerLogs} API;
 * the real agent is exercised end to end with kubectl.
 */
class PodLogsIT extends ApiServerTest {

    private HttpServer agent;
    private final List<String> agentRequests = new CopyOnWriteArrayList<>();
    private final CountDownLatch secondLine = new CountDownLatch(1);

    @BeforeEach
    void agent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/containerLogs/", exchange -> {
            agentRequests.add(exchange.getRequestURI().toString());
            if (exchange.getRequestURI().getPath().endsWith("/waiting")) {
                byte[] body = ("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"code\":400,\"reason\":\"BadRequest\","
                        + "\"message\":\"container \\\"waiting\\\" in pod \\\"web\\\" is waiting to start: ContainerCreating\"}")
                        .getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(400, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("line 1\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            if (exchange.getRequestURI().getQuery() != null && exchange.getRequestURI().getQuery().contains("follow=true")) {
                try {
                    secondLine.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                out.write("line 2\n".getBytes(StandardCharsets.UTF_8));
            }
            exchange.close();
        });
        agent.start();
    }

    @AfterEach
    void stopAgent() {
        agent.stop(0);
    }

    private void pod(String ns, String name, String node, String... containers) {
        StringBuilder cs = new StringBuilder();
        for (String c : containers) {
            cs.append(cs.length() == 0 ? "" : ",").append("{\"name\":\"").append(c).append("\",\"image\":\"busybox\"}");
        }
        String nodeName = node == null ? "" : ",\"nodeName\":\"" + node + "\"";
        ApiClient.Response r = api.post("/api/v1/namespaces/" + ns + "/pods", "{\"apiVersion\":\"v1\",\"kind\":\"Pod\","
                + "\"metadata\":{\"name\":\"" + name + "\"},\"spec\":{\"containers\":[" + cs + "]" + nodeName + "}}");
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    @Test
    void logsComeFromThePodsNodeAgentWithTheOptionsPassedOn() {
        nodeWithAgentAt("logs-node-a", agent.getAddress().getPort());
        pod("default", "logs-one", "logs-node-a", "app");

        ApiClient.Response r = api.get("/api/v1/namespaces/default/pods/logs-one/log?tailLines=5&timestamps=true");

        assertThat(r.code()).isEqualTo(200);
        assertThat(r.raw()).isEqualTo("line 1\n");
        assertThat(agentRequests).containsExactly("/containerLogs/default/logs-one/app?tailLines=5&timestamps=true");
    }

    @Test
    void followStreamsEachChunkAsTheAgentSendsIt() throws Exception {
        nodeWithAgentAt("logs-node-b", agent.getAddress().getPort());
        pod("default", "logs-follow", "logs-node-b", "app");

        HttpResponse<java.io.InputStream> r = api.stream("/api/v1/namespaces/default/pods/logs-follow/log?follow=true");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            assertThat(reader.readLine()).isEqualTo("line 1");
            secondLine.countDown();
            assertThat(reader.readLine()).isEqualTo("line 2");
            assertThat(reader.readLine()).isNull();
        }
    }

    @Test
    void aPodWithSeveralContainersNeedsOneNamedAndOnlyItsOwn() {
        nodeWithAgentAt("logs-node-c", agent.getAddress().getPort());
        pod("default", "redis-php", "logs-node-c", "frontend", "redis");

        ApiClient.Response unnamed = api.get("/api/v1/namespaces/default/pods/redis-php/log");
        assertThat(unnamed.code()).isEqualTo(400);
        assertThat(unnamed.body().path("message").asString())
                .isEqualTo("a container name must be specified for pod redis-php, choose one of: [frontend redis]");

        ApiClient.Response wrong = api.get("/api/v1/namespaces/default/pods/redis-php/log?container=mysql");
        assertThat(wrong.code()).isEqualTo(400);
        assertThat(wrong.body().path("message").asString()).isEqualTo("container mysql is not valid for pod redis-php");

        assertThat(api.get("/api/v1/namespaces/default/pods/redis-php/log?container=redis").code()).isEqualTo(200);
    }

    @Test
    void errorsNameWhatIsMissing() throws IOException {
        pod("default", "logs-unscheduled", null, "app");
        ApiClient.Response unscheduled = api.get("/api/v1/namespaces/default/pods/logs-unscheduled/log");
        assertThat(unscheduled.code()).isEqualTo(400);
        assertThat(unscheduled.body().path("message").asString()).isEqualTo("pod logs-unscheduled does not have a host assigned");

        assertThat(api.get("/api/v1/namespaces/default/pods/no-such-pod/log").code()).isEqualTo(404);

        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        nodeWithAgentAt("logs-node-down", closedPort);
        pod("default", "logs-agent-down", "logs-node-down", "app");
        ApiClient.Response down = api.get("/api/v1/namespaces/default/pods/logs-agent-down/log");
        assertThat(down.code()).isEqualTo(503);
        assertThat(down.body().path("message").asString()).contains("node agent of logs-node-down", "does not answer");
    }

    @Test
    void theAgentsOwnRefusalPassesThroughWithItsCode() {
        nodeWithAgentAt("logs-node-d", agent.getAddress().getPort());
        pod("default", "web", "logs-node-d", "waiting");

        ApiClient.Response r = api.get("/api/v1/namespaces/default/pods/web/log");

        assertThat(r.code()).isEqualTo(400);
        assertThat(r.body().path("message").asString()).isEqualTo("container \"waiting\" in pod \"web\" is waiting to start: ContainerCreating");
    }
}
