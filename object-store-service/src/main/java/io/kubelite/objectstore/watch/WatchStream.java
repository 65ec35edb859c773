package io.kubelite.objectstore.watch;

import io.kubelite.objectstore.storage.Change;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One watch connection: an optional initial state (synthetic ADDED events), then every change
 * of the resource after the starting resourceVersion, in order, one JSON object per line,
 * flushed per event. Objects that start or stop matching the selectors arrive as ADDED or
 * DELETED, as Kubernetes' watch cache sends them. The stream stays open until the client leaves
 * or {@code timeoutSeconds} passes.
 */
final class WatchStream implements StreamingResponseBody {

    private static final int BATCH = 500;
    private static final Duration BOOKMARK_INTERVAL = Duration.ofSeconds(10);
    private static final long WAIT_MILLIS = 1000;

    private final WatchSource source;
    private final WatchRequest request;
    private final JsonMapper json;
    private final Clock clock;
    private final WatchSource.Snapshot opened;

    /**
     * Takes the current state now, while the request is being served and before any response
     * header goes out, as kube-apiserver sets a watch up before it answers: a client that sees
     * the answer (fabric8's {@code watch()} returns on the WebSocket's 101) and then writes must
     * see that write as an event. Taken when the stream began instead, a create and an update made
     * meanwhile folded into one ADDED of the updated object.
     */
    WatchStream(WatchSource source, WatchRequest request, JsonMapper json, Clock clock) {
        this.source = source;
        this.request = request;
        this.json = json;
        this.clock = clock;
        this.opened = source.snapshot();
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        // Commit the response headers now: clients wait for them before they read any event.
        out.flush();
        Instant deadline = request.timeout() == null ? null : clock.instant().plus(request.timeout());
        Set<String> visible = new HashSet<>();
        long cursor;
        Function<ObjectNode, ObjectNode> render = request.render();
        Predicate<ObjectNode> matches = request.matches();
        if (request.sendInitialState()) {
            for (ObjectNode object : opened.objects()) {
                visible.add(key(object));
                write(out, "ADDED", render.apply(object));
            }
            cursor = opened.resourceVersion();
        } else {
            cursor = request.startResourceVersion();
            for (ObjectNode object : opened.objects()) {
                visible.add(key(object));
            }
        }
        Instant lastBookmark = clock.instant();
        while (true) {
            long seen = source.signalled();
            long progress = source.latestResourceVersion();
            List<Change> changes;
            try {
                changes = source.changesAfter(cursor, BATCH);
            } catch (WatchSource.Expired e) {
                writeExpired(out, cursor, progress);
                return;
            }
            for (Change change : changes) {
                cursor = change.resourceVersion();
                ObjectNode object = source.convert(change.object());
                if (!request.inNamespace(change.namespace())) {
                    continue;
                }
                String key = change.namespace() + "/" + change.name();
                boolean match = matches.test(object);
                switch (change.type()) {
                    case "DELETED" -> {
                        if (visible.remove(key) || match) {
                            write(out, "DELETED", render.apply(object));
                        }
                    }
                    case "ADDED" -> {
                        if (match) {
                            visible.add(key);
                            write(out, "ADDED", render.apply(object));
                        }
                    }
                    default -> {
                        if (match) {
                            write(out, visible.add(key) ? "ADDED" : "MODIFIED", render.apply(object));
                        } else if (visible.remove(key)) {
                            write(out, "DELETED", render.apply(object));
                        }
                    }
                }
            }
            if (changes.size() == BATCH) {
                continue;
            }
            cursor = Math.max(cursor, progress);
            Instant now = clock.instant();
            if (source.closed() || deadline != null && !now.isBefore(deadline)) {
                return;
            }
            if (request.bookmarks() && Duration.between(lastBookmark, now).compareTo(BOOKMARK_INTERVAL) >= 0) {
                write(out, "BOOKMARK", request.bookmark().apply(cursor));
                lastBookmark = now;
            }
            try {
                source.awaitNewerThan(seen, WAIT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private static String key(JsonNode object) {
        JsonNode meta = object.path("metadata");
        return meta.path("namespace").asString("") + "/" + meta.path("name").asString("");
    }

    private void write(OutputStream out, String type, JsonNode object) throws IOException {
        ObjectNode event = json.createObjectNode();
        event.put("type", type);
        event.set("object", object);
        out.write(json.writeValueAsBytes(event));
        out.write('\n');
        out.flush();
    }

    private void writeExpired(OutputStream out, long requested, long current) throws IOException {
        ObjectNode status = json.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", "too old resource version: " + requested + " (" + current + ")");
        status.put("reason", "Expired");
        status.put("code", 410);
        ObjectNode event = json.createObjectNode();
        event.put("type", "ERROR");
        event.set("object", status);
        out.write(json.writeValueAsString(event).getBytes(StandardCharsets.UTF_8));
        out.write('\n');
        out.flush();
    }
}
