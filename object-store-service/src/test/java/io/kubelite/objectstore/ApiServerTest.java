package io.kubelite.objectstore;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The whole API server on a random port against the test JVM's real PostgreSQL, with a client for it. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class ApiServerTest {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        // A small watch cache, so the tests' watches run on both paths: from memory and, once they
        // are WATCH_CACHE_CAPACITY changes of a resource behind, from the change log.
        registry.add("kubelite.store.watch-cache-capacity", () -> WATCH_CACHE_CAPACITY);
        // no metrics API runs beside these tests: port 1 of loopback, where nothing listens
        registry.add("kubelite.component-status.metrics-api", () -> "http://127.0.0.1:1/actuator/health");
    }

    protected static final int WATCH_CACHE_CAPACITY = 50;

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** An answer to a request made as a user. */
    protected record Reply(int code, JsonNode body) {
        public String message() {
            return body.path("message").asString("");
        }
    }

    /** A request as {@code user} in {@code groups}, with the identity headers the gateway sets. */
    protected Reply as(String user, List<String> groups, String method, String path, String body) {
        return as(user, groups, List.of(), method, path, body);
    }

    /** The same, plus headers given as name, value, name, value … */
    protected Reply as(String user, List<String> groups, List<String> headers, String method, String path, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Remote-User", user)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        groups.forEach(g -> b.header("X-Remote-Group", g));
        for (int i = 0; i < headers.size(); i += 2) {
            b.header(headers.get(i), headers.get(i + 1));
        }
        try {
            HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body().isEmpty() ? JSON.createObjectNode() : JSON.readTree(r.body()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Registers a Node whose agent listens on 127.0.0.1:{@code agentPort} (InternalIP and kubeletEndpoint), as an agent would. */
    protected void nodeWithAgentAt(String name, int agentPort) {
        api.post("/api/v1/nodes", "{\"apiVersion\":\"v1\",\"kind\":\"Node\",\"metadata\":{\"name\":\"" + name + "\"}}");
        ApiClient.Response r = api.patch("/api/v1/nodes/" + name + "/status", "application/merge-patch+json",
                "{\"status\":{\"addresses\":[{\"type\":\"InternalIP\",\"address\":\"127.0.0.1\"}],"
                        + "\"daemonEndpoints\":{\"kubeletEndpoint\":{\"Port\":" + agentPort + "}}}}");
        if (r.code() != 200) {
            throw new AssertionError("node status patch answered " + r.code() + ": " + r.raw());
        }
    }
}
