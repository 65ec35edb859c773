package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.controller.ObjectKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Keeps an indexed cache of one kind in step with the API, list-then-stream, on its own thread:
 *
 * <ol>
 *   <li>marks the end of the kind's change stream (Kafka topic offsets);</li>
 *   <li>LISTs through the API and replaces the cache with the result (handlers see the
 *       difference as adds, updates and deletes);</li>
 *   <li>consumes the stream from the mark. An event whose resourceVersion is not newer than
 *       both the list's and the cached object's is one the cache already holds and is
 *       dropped, so replayed (at-least-once) events are harmless. Example: the list is at
 *       rv 120 and holds pod a at rv 118; stream events a@117 (MODIFIED) and b@119 (DELETED)
 *       are dropped, a@121 is applied as an update. A deleted key is remembered with the
 *       deletion's resourceVersion, so a replayed older ADDED cannot bring it back.</li>
 * </ol>
 *
 * When the stream reports a gap (events past retention) or anything fails, the informer starts
 * over from step 1 after a back-off. Every {@code resyncPeriod} handlers get
 * {@code onUpdate(o, o)} for every cached object so level-triggered controllers re-check.
 *
 * <p>An optional filter (with the matching field selector on the list) narrows the cache, e.g.
 * a node agent's pods: an object that stops matching is handled as deleted.
 */
public final class Informer<T extends HasMetadata> {

    private static final Logger LOG = LoggerFactory.getLogger(Informer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration MAX_RETRY_DELAY = Duration.ofSeconds(30);
    /** Deleted keys remembered with their deletion's resourceVersion, so a replay cannot revive them. */
    private static final int MAX_TOMBSTONES = 100_000;

    private final String name;
    private final ListSource<T> listSource;
    private final ChangeStream<T> stream;
    private final Predicate<? super T> filter;
    private final Duration resyncPeriod;
    private final Clock clock;
    private final Cache<T> cache = new Cache<>();
    private final List<EventHandler<? super T>> handlers = new CopyOnWriteArrayList<>();
    private final CountDownLatch synced = new CountDownLatch(1);
    private final AtomicLong lagMillis = new AtomicLong();
    private final AtomicLong eventsApplied = new AtomicLong();
    private final AtomicLong relists = new AtomicLong();
    private final Map<ObjectKey, Long> tombstones = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ObjectKey, Long> eldest) {
            return size() > MAX_TOMBSTONES;
        }
    };
    private volatile boolean running;
    private volatile long floorResourceVersion;
    private Thread thread;

    public Informer(String name, ListSource<T> listSource, ChangeStream<T> stream, Predicate<? super T> filter,
            Duration resyncPeriod, Clock clock) {
        this.name = Objects.requireNonNull(name, "name");
        this.listSource = Objects.requireNonNull(listSource, "listSource");
        this.stream = Objects.requireNonNull(stream, "stream");
        this.filter = filter == null ? o -> true : filter;
        this.resyncPeriod = resyncPeriod;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public String name() {
        return name;
    }

    public Lister<T> lister() {
        return cache;
    }

    /** Adds a named index; call before {@link #start}. See {@link Indexes}. */
    public Informer<T> addIndex(String indexName, Function<? super T, Collection<String>> indexer) {
        cache.addIndex(indexName, indexer);
        return this;
    }

    /**
     * Registers a handler. A handler added after the informer synced first gets an
     * {@code onAdd} for each cached object (on the caller's thread).
     */
    public void addEventHandler(EventHandler<? super T> handler) {
        handlers.add(handler);
        if (hasSynced()) {
            cache.list().forEach(handler::onAdd);
        }
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = new Thread(this::run, "informer-" + name);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        stream.wakeup();
        if (thread != null) {
            try {
                thread.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        stream.close();
    }

    public boolean hasSynced() {
        return synced.getCount() == 0;
    }

    /** Waits until the first LIST is in the cache. */
    public boolean waitForSync(Duration timeout) throws InterruptedException {
        return synced.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Milliseconds between the last applied event reaching the stream and the cache. */
    public long lagMillis() {
        return lagMillis.get();
    }

    public long eventsApplied() {
        return eventsApplied.get();
    }

    /** How many times the informer listed (1 after a clean start). */
    public long lists() {
        return relists.get();
    }

    public int size() {
        return cache.size();
    }

    private void run() {
        Duration retry = Duration.ofMillis(100);
        while (running) {
            try {
                listAndStream();
                return;
            } catch (ChangeStream.GapException e) {
                LOG.atWarn().addKeyValue("informer", name).log("Change stream has a gap ({}); relisting", e.getMessage());
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.atWarn().addKeyValue("informer", name).addKeyValue("retryIn", retry)
                        .log("List or stream failed ({}); retrying", e.toString());
                sleep(retry);
                retry = retry.multipliedBy(2).compareTo(MAX_RETRY_DELAY) > 0 ? MAX_RETRY_DELAY : retry.multipliedBy(2);
            }
        }
    }

    private void listAndStream() throws ChangeStream.GapException {
        ChangeStream.Position mark = stream.mark();
        ListSource.Snapshot<T> snapshot = listSource.list();
        relists.incrementAndGet();
        replace(snapshot);
        stream.seek(mark);
        synced.countDown();
        LOG.atInfo().addKeyValue("informer", name).addKeyValue("objects", snapshot.items().size())
                .addKeyValue("resourceVersion", snapshot.resourceVersion()).log("Informer listed");
        Instant nextResync = resyncPeriod == null ? Instant.MAX : clock.instant().plus(resyncPeriod);
        while (running) {
            List<ChangeEvent<T>> events = stream.poll(POLL_TIMEOUT);
            for (ChangeEvent<T> event : events) {
                apply(event);
            }
            if (clock.instant().isAfter(nextResync)) {
                resync();
                nextResync = clock.instant().plus(resyncPeriod);
            }
        }
    }

    private void replace(ListSource.Snapshot<T> snapshot) {
        floorResourceVersion = snapshot.resourceVersion();
        tombstones.clear();
        Map<ObjectKey, T> listed = new HashMap<>();
        for (T item : snapshot.items()) {
            if (filter.test(item)) {
                listed.put(Cache.keyOf(item), item);
            }
        }
        Set<ObjectKey> gone = cache.keys();
        gone.removeAll(listed.keySet());
        for (ObjectKey key : gone) {
            T old = cache.remove(key);
            if (old != null) {
                notifyDelete(old);
            }
        }
        for (T item : listed.values()) {
            T old = cache.put(item);
            if (old == null) {
                notifyAdd(item);
            } else if (ResourceVersions.of(old) != ResourceVersions.of(item)) {
                notifyUpdate(old, item);
            }
        }
    }

    void apply(ChangeEvent<T> event) {
        long rv = event.resourceVersion();
        if (rv <= floorResourceVersion) {
            return;
        }
        ObjectKey key = Cache.keyOf(event.object());
        T cached = cache.get(key).orElse(null);
        if (cached != null && rv <= ResourceVersions.of(cached)) {
            return;
        }
        Long deletedAt = tombstones.get(key);
        if (deletedAt != null && rv <= deletedAt) {
            return;
        }
        eventsApplied.incrementAndGet();
        lagMillis.set(Math.max(0, Duration.between(event.publishedAt(), clock.instant()).toMillis()));
        if (event.type() == ChangeEvent.Type.DELETED || !filter.test(event.object())) {
            tombstones.put(key, rv);
            if (cached != null) {
                cache.remove(key);
                notifyDelete(event.type() == ChangeEvent.Type.DELETED ? event.object() : cached);
            }
            return;
        }
        tombstones.remove(key);
        cache.put(event.object());
        if (cached == null) {
            notifyAdd(event.object());
        } else {
            notifyUpdate(cached, event.object());
        }
    }

    private void resync() {
        for (T object : cache.list()) {
            notifyUpdate(object, object);
        }
    }

    private void notifyAdd(T object) {
        for (EventHandler<? super T> handler : handlers) {
            guard(() -> handler.onAdd(object), object);
        }
    }

    private void notifyUpdate(T old, T object) {
        for (EventHandler<? super T> handler : handlers) {
            guard(() -> handler.onUpdate(old, object), object);
        }
    }

    private void notifyDelete(T object) {
        for (EventHandler<? super T> handler : handlers) {
            guard(() -> handler.onDelete(object), object);
        }
    }

    private void guard(Runnable call, T object) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.atError().addKeyValue("informer", name).addKeyValue("object", Cache.keyOf(object)).setCause(e)
                    .log("Event handler failed");
        }
    }

    private void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
