package io.kubelite.objectstore.watch;

import io.kubelite.objectstore.conversion.VersionConverter;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.Change;
import io.kubelite.objectstore.storage.ChangeSignal;
import io.kubelite.objectstore.storage.ObjectStore;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Opens watch streams over the change log; on shutdown every open stream ends within a second. */
@Service
public class WatchService implements org.springframework.context.SmartLifecycle {

    private final ObjectStore store;
    private final ChangeSignal signal;
    private final WatchCache cache;
    private final VersionConverter converter;
    private final JsonMapper json;
    private final Clock clock;
    private volatile boolean running;

    public WatchService(ObjectStore store, ChangeSignal signal, WatchCache cache, VersionConverter converter, JsonMapper json, Clock clock) {
        this.store = store;
        this.signal = signal;
        this.cache = cache;
        this.converter = converter;
        this.json = json;
        this.clock = clock;
    }

    /**
     * @param resourceVersion where to start: empty or "0" sends the current state first
     * @param currentState    the matching objects now and the resourceVersion they are consistent with
     */
    public StreamingResponseBody open(ResourceType type, String namespace, String resourceVersion, Long timeoutSeconds,
                                      boolean bookmarks, Predicate<ObjectNode> matches,
                                      Function<ObjectNode, ObjectNode> render,
                                      Supplier<WatchSource.Snapshot> currentState) {
        boolean initial = resourceVersion == null || resourceVersion.isEmpty() || resourceVersion.equals("0");
        long start = 0;
        if (!initial) {
            try {
                start = Long.parseLong(resourceVersion);
            } catch (NumberFormatException e) {
                throw ApiException.badRequest("invalid resourceVersion \"" + resourceVersion + "\": must be a number");
            }
        }
        Duration timeout = timeoutSeconds == null || timeoutSeconds <= 0 ? null : Duration.ofSeconds(timeoutSeconds);
        WatchRequest request = new WatchRequest(namespace, initial, start, timeout, bookmarks, matches, render,
                rv -> bookmark(type, rv));
        String resource = type.storageResource();
        WatchSource source = new WatchSource() {
            @Override
            public Snapshot snapshot() {
                return currentState.get();
            }

            @Override
            public List<Change> changesAfter(long rv, int limit) {
                List<Change> cached = cache.changesAfter(resource, rv, limit);
                if (cached != null) {
                    return cached;
                }
                List<Change> logged = store.changesAfter(resource, rv, limit);
                // Compaction deletes from the oldest end: if it had passed rv by the time the read
                // was done, the read may have missed changes that were deleted under it.
                if (rv < store.compactedThrough()) {
                    throw new Expired();
                }
                return logged;
            }

            @Override
            public ObjectNode convert(ObjectNode stored) {
                // Changes from the watch cache are shared by every watch: convert a copy.
                return converter.fromStorage(type, stored.deepCopy());
            }

            @Override
            public long latestResourceVersion() {
                long cached = cache.position();
                return cached >= 0 ? cached : store.latestResourceVersion();
            }

            @Override
            public boolean closed() {
                return !running;
            }

            @Override
            public long signalled() {
                return cache.position() >= 0 ? cache.position() : signal.latest();
            }

            @Override
            public void awaitNewerThan(long seen, long timeoutMillis) throws InterruptedException {
                if (cache.position() >= 0) {
                    cache.awaitNewerThan(seen, timeoutMillis);
                } else {
                    signal.awaitNewerThan(seen, timeoutMillis);
                }
            }
        };
        return new WatchStream(source, request, json, clock);
    }

    @Override
    public void start() {
        running = true;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private ObjectNode bookmark(ResourceType type, long rv) {
        ObjectNode object = json.createObjectNode();
        object.put("kind", type.kind());
        object.put("apiVersion", type.apiVersion());
        object.putObject("metadata").put("resourceVersion", Long.toString(rv));
        return object;
    }
}
