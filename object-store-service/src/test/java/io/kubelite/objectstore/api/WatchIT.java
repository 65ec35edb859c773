package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Watch served from the change log: in order, every change once, selectors honoured. */
class WatchIT extends ApiServerTest {

    static final String CMS = "/api/v1/namespaces/default/configmaps";

    @org.springframework.beans.factory.annotation.Autowired
    io.kubelite.objectstore.storage.ObjectStore store;

    /** Reads watch events into a queue on a background thread. */
    final class Events implements AutoCloseable {
        final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        final HttpResponse<java.io.InputStream> response;
        final Thread reader;

        Events(String path) throws Exception {
            response = api.stream(path);
            reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        if (!line.isBlank()) {
                            queue.add(api.json().readTree(line));
                        }
                    }
                } catch (Exception closed) {
                    // the test closed the stream
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        JsonNode next() throws InterruptedException {
            JsonNode event = queue.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("a watch event within 10 s").isNotNull();
            return event;
        }

        @Override
        public void close() throws Exception {
            response.body().close();
        }
    }

    static String configMap(String name, String label, String value) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name
                + "\",\"labels\":{\"watch\":\"" + label + "\"}},\"data\":{\"v\":\"" + value + "\"}}";
    }

    @Test
    void streamsChangesAfterTheListResourceVersionInOrder() throws Exception {
        String rv = api.get(CMS).body().path("metadata").path("resourceVersion").asString();
        try (Events events = new Events(CMS + "?watch=true&labelSelector=watch%3Dorder&resourceVersion=" + rv)) {
            api.post(CMS, configMap("w1", "order", "1"));
            api.put(CMS + "/w1", configMap("w1", "order", "2"));
            api.post(CMS, configMap("other", "elsewhere", "x"));
            api.delete(CMS + "/w1");
            JsonNode added = events.next();
            JsonNode modified = events.next();
            JsonNode deleted = events.next();
            assertThat(added.path("type").asString()).isEqualTo("ADDED");
            assertThat(modified.path("type").asString()).isEqualTo("MODIFIED");
            assertThat(modified.path("object").path("data").path("v").asString()).isEqualTo("2");
            assertThat(deleted.path("type").asString()).isEqualTo("DELETED");
            assertThat(deleted.path("object").path("metadata").path("name").asString()).isEqualTo("w1");
            long a = added.path("object").path("metadata").path("resourceVersion").asLong();
            long m = modified.path("object").path("metadata").path("resourceVersion").asLong();
            long d = deleted.path("object").path("metadata").path("resourceVersion").asLong();
            assertThat(a).isLessThan(m);
            assertThat(m).isLessThan(d);
            assertThat(events.queue.poll(500, TimeUnit.MILLISECONDS)).as("nothing about other objects").isNull();
        }
    }

    @Test
    void sendsTheCurrentStateFirstWhenNoResourceVersionIsGiven() throws Exception {
        api.post(CMS, configMap("initial", "initial", "1"));
        try (Events events = new Events(CMS + "?watch=1&labelSelector=watch%3Dinitial")) {
            JsonNode first = events.next();
            assertThat(first.path("type").asString()).isEqualTo("ADDED");
            assertThat(first.path("object").path("metadata").path("name").asString()).isEqualTo("initial");
        }
    }

    @Test
    void reportsObjectsLeavingTheSelectorAsDeleted() throws Exception {
        api.post(CMS, configMap("leaver", "stay", "1"));
        try (Events events = new Events(CMS + "?watch=1&labelSelector=watch%3Dstay")) {
            assertThat(events.next().path("type").asString()).isEqualTo("ADDED");
            api.put(CMS + "/leaver", configMap("leaver", "gone", "1"));
            JsonNode left = events.next();
            assertThat(left.path("type").asString()).isEqualTo("DELETED");
        }
    }

    @Test
    void answersExpiredForACompactedResourceVersion() throws Exception {
        String before = api.get(CMS).body().path("metadata").path("resourceVersion").asString();
        api.post(CMS, configMap("compact-1", "compact", "1"));
        api.post(CMS, configMap("compact-2", "compact", "1"));
        // Push `before` out of the watch cache too: only then is it gone for good.
        for (int i = 0; i < 2 * WATCH_CACHE_CAPACITY; i++) {
            assertThat(api.put(CMS + "/compact-2", configMap("compact-2", "compact", Integer.toString(i))).code())
                    .isEqualTo(200);
        }
        assertThat(store.compact(java.time.Duration.ZERO, 1)).isPositive();
        try (Events events = new Events(CMS + "?watch=1&resourceVersion=" + before)) {
            JsonNode error = events.next();
            assertThat(error.path("type").asString()).isEqualTo("ERROR");
            assertThat(error.path("object").path("code").asInt()).isEqualTo(410);
        }
    }

    /**
     * A watch further behind than the watch cache reaches is served from the change log: every
     * change, in order, then the live ones from memory.
     */
    @Test
    void watchBehindTheCacheIsServedFromTheChangeLog() throws Exception {
        String before = api.get(CMS).body().path("metadata").path("resourceVersion").asString();
        int updates = 3 * WATCH_CACHE_CAPACITY;
        assertThat(api.post(CMS, configMap("behind", "behind", "0")).code()).isEqualTo(201);
        for (int i = 1; i <= updates; i++) {
            assertThat(api.put(CMS + "/behind", configMap("behind", "behind", Integer.toString(i))).code())
                    .isEqualTo(200);
        }
        try (Events events = new Events(CMS + "?watch=1&labelSelector=watch%3Dbehind&resourceVersion=" + before)) {
            JsonNode added = events.next();
            assertThat(added.path("type").asString()).isEqualTo("ADDED");
            assertThat(added.path("object").path("data").path("v").asString()).isEqualTo("0");
            long lastRv = Long.parseLong(added.path("object").path("metadata").path("resourceVersion").asString());
            for (int i = 1; i <= updates; i++) {
                JsonNode modified = events.next();
                assertThat(modified.path("type").asString()).isEqualTo("MODIFIED");
                assertThat(modified.path("object").path("data").path("v").asString()).isEqualTo(Integer.toString(i));
                long rv = Long.parseLong(modified.path("object").path("metadata").path("resourceVersion").asString());
                assertThat(rv).isGreaterThan(lastRv);
                lastRv = rv;
            }
            api.delete(CMS + "/behind");
            JsonNode deleted = events.next();
            assertThat(deleted.path("type").asString()).isEqualTo("DELETED");
            assertThat(deleted.path("object").path("metadata").path("name").asString()).isEqualTo("behind");
        }
    }

    /**
     * Many writers race on shared and private objects; the watch must carry every committed change
     * exactly once, and each object's changes in the order they were made.
     */
    @Test
    void concurrentWritersLoseAndReorderNothing() throws Exception {
        String rv = api.get(CMS).body().path("metadata").path("resourceVersion").asString();
        int writers = 8;
        int updates = 15;
        for (int w = 0; w < writers; w++) {
            assertThat(api.post(CMS, configMap("race-" + w, "race", "0")).code()).isEqualTo(201);
        }
        assertThat(api.post(CMS, configMap("race-shared", "race", "0")).code()).isEqualTo(201);
        try (Events events = new Events(CMS + "?watch=1&labelSelector=watch%3Drace&resourceVersion=" + rv)) {
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<java.util.concurrent.Future<Integer>> sharedWrites = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                sharedWrites.add(pool.submit(() -> {
                    int ok = 0;
                    for (int i = 1; i <= updates; i++) {
                        var own = api.patch(CMS + "/race-" + writer, "application/merge-patch+json",
                                "{\"data\":{\"v\":\"" + i + "\"}}");
                        assertThat(own.code()).as(own.raw()).isEqualTo(200);
                        var shared = api.patch(CMS + "/race-shared", "application/merge-patch+json",
                                "{\"data\":{\"w" + writer + "\":\"" + i + "\"}}");
                        if (shared.code() == 200) {
                            ok++;
                        }
                    }
                    return ok;
                }));
            }
            int sharedOk = 0;
            for (var f : sharedWrites) {
                sharedOk += f.get(120, TimeUnit.SECONDS);
            }
            pool.shutdown();
            int expected = (writers + 1) + writers * updates + sharedOk;
            Map<String, List<Long>> perObject = new HashMap<>();
            long last = 0;
            for (int i = 0; i < expected; i++) {
                JsonNode e = events.next();
                long v = e.path("object").path("metadata").path("resourceVersion").asLong();
                assertThat(v).as("resourceVersions strictly increase on the stream").isGreaterThan(last);
                last = v;
                perObject.computeIfAbsent(e.path("object").path("metadata").path("name").asString(),
                        k -> new ArrayList<>()).add(v);
            }
            assertThat(events.queue.poll(500, TimeUnit.MILLISECONDS)).as("no duplicate events").isNull();
            for (int w = 0; w < writers; w++) {
                assertThat(perObject.get("race-" + w)).hasSize(1 + updates);
            }
            assertThat(perObject.get("race-shared")).hasSize(1 + sharedOk);
            assertThat(sharedOk).as("patches without resourceVersion are retried, never lost").isEqualTo(writers * updates);
        }
    }

    /** A WebSocket client that keeps each text message and how the server closed. */
    static final class WebSocketEvents implements WebSocket.Listener {
        private static final JsonMapper JSON = JsonMapper.builder().build();
        final BlockingQueue<JsonNode> queue = new LinkedBlockingQueue<>();
        final CompletableFuture<Integer> closedWith = new CompletableFuture<>();
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                queue.add(JSON.readTree(partial.toString()));
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
            closedWith.complete(statusCode);
            return null;
        }

        JsonNode next() throws InterruptedException {
            JsonNode event = queue.poll(10, TimeUnit.SECONDS);
            assertThat(event).as("a watch event within 10 s").isNotNull();
            return event;
        }
    }

    private WebSocket openWebSocket(String pathAndQuery, WebSocketEvents events) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create("ws://127.0.0.1:" + port + pathAndQuery), events)
                .get(5, TimeUnit.SECONDS);
    }

    @Test
    void servesAWatchThatAsksForAWebSocketAsOneTextMessagePerEvent() throws Exception {
        String rv = api.get(CMS).body().path("metadata").path("resourceVersion").asString();
        WebSocketEvents events = new WebSocketEvents();
        // opens before any event exists: the upgrade is answered at once
        WebSocket ws = openWebSocket(CMS + "?watch=true&labelSelector=watch%3Dws&resourceVersion=" + rv, events);
        api.post(CMS, configMap("ws1", "ws", "1"));
        api.put(CMS + "/ws1", configMap("ws1", "ws", "2"));
        api.delete(CMS + "/ws1");
        JsonNode added = events.next();
        assertThat(added.path("type").asString()).isEqualTo("ADDED");
        assertThat(added.path("object").path("metadata").path("name").asString()).isEqualTo("ws1");
        JsonNode modified = events.next();
        assertThat(modified.path("type").asString()).isEqualTo("MODIFIED");
        assertThat(modified.path("object").path("data").path("v").asString()).isEqualTo("2");
        assertThat(events.next().path("type").asString()).isEqualTo("DELETED");
        assertThat(events.queue.poll(300, TimeUnit.MILLISECONDS)).as("one message per event").isNull();

        ws.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(5, TimeUnit.SECONDS);
        assertThat(events.closedWith.get(5, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
    }

    @Test
    void closesAWebSocketWatchWhenItsTimeoutPasses() throws Exception {
        WebSocketEvents events = new WebSocketEvents();
        openWebSocket(CMS + "?watch=1&labelSelector=watch%3Dws-timeout&timeoutSeconds=1", events);
        assertThat(events.closedWith.get(10, TimeUnit.SECONDS)).isEqualTo(WebSocket.NORMAL_CLOSURE);
        assertThat(events.queue).as("nothing matched the selector").isEmpty();
    }

    @Test
    void refusesABadWatchBeforeTheUpgradeWithAStatus() throws Exception {
        Map<String, String> refusals = Map.of(
                CMS + "?watch=true&fieldSelector=spec.bogus%3Dx", "field label not supported: spec.bogus",
                CMS + "/one?watch=true", "watch a single object with a list and fieldSelector=metadata.name=one");
        for (var refusal : refusals.entrySet()) {
            String bad = refusal.getKey();
            CompletableFuture<WebSocket> upgrade = HttpClient.newHttpClient().newWebSocketBuilder()
                    .buildAsync(URI.create("ws://127.0.0.1:" + port + bad), new WebSocketEvents());
            assertThatThrownBy(() -> upgrade.get(5, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(WebSocketHandshakeException.class)
                    .satisfies(e -> {
                        HttpResponse<?> refused = ((WebSocketHandshakeException) e.getCause()).getResponse();
                        assertThat(refused.statusCode()).as(bad).isEqualTo(400);
                        JsonNode status = api.json().readTree(String.valueOf(refused.body()));
                        assertThat(status.path("kind").asString()).isEqualTo("Status");
                        assertThat(status.path("reason").asString()).isEqualTo("BadRequest");
                        assertThat(status.path("message").asString()).isEqualTo(refusal.getValue());
                    });
        }
    }
}
