package io.kubelite.objectstore;

import org.junit.jupiter.api.BeforeEach;
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
    }

    protected static final int WATCH_CACHE_CAPACITY = 50;

    @LocalServerPort
    protected int port;

    protected ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
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
