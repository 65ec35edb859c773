package io.kubelite.objectstore.watch;

import io.kubelite.objectstore.StoreProperties;
import io.kubelite.objectstore.storage.Change;
import io.kubelite.objectstore.storage.ChangeSignal;
import io.kubelite.objectstore.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The newest part of the change log in memory, per resource, like kube-apiserver's watch cache.
 * One thread reads the log after every commit signal and every open watch is served from here:
 * N watches cost one query per batch of commits, where each watch reading the log itself cost N
 * queries per commit. A watch that is further behind than the window reads the log itself. After a
 * read that found every change there was, the next one waits until {@code watch-cache-linger} has
 * passed since it, so commits faster than that are read (and wake the watches) several at a time.
 *
 * <p>Invariant: for every resource, its window holds every change with a resourceVersion in
 * {@code (window.start, position]}, in order. The log is read in resourceVersion order and
 * resourceVersions become visible in that order (see {@link ObjectStore}), so reading
 * {@code resource_version > position} never skips a change.
 *
 * <p>The cached objects are shared by every watch: readers must copy before changing them.
 */
@Component
public class WatchCache implements SmartLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(WatchCache.class);
    private static final int READ_BATCH = 1000;
    private static final long IDLE_WAIT_MILLIS = 1000;

    /** The changes of one resource with resourceVersions in (start, position of the cache]. */
    private static final class Window {
        private final ArrayList<Change> changes = new ArrayList<>();
        private long start;

        Window(long start) {
            this.start = start;
        }

        synchronized void append(Change change, int capacity) {
            changes.add(change);
            if (changes.size() >= 2 * capacity) {
                List<Change> evicted = changes.subList(0, changes.size() - capacity);
                start = evicted.get(evicted.size() - 1).resourceVersion();
                evicted.clear();
            }
        }

        /** The changes after {@code rv}, or null when changes after it may have been evicted. */
        synchronized List<Change> after(long rv, int limit) {
            if (rv < start) {
                return null;
            }
            int low = 0;
            int high = changes.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (changes.get(mid).resourceVersion() <= rv) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return List.copyOf(changes.subList(low, Math.min(changes.size(), low + limit)));
        }
    }

    private final ObjectStore store;
    private final ChangeSignal commits;
    private final int capacity;
    private final long lingerNanos;
    private volatile CountDownLatch stopping = new CountDownLatch(1);
    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    /** Every change up to its value is in its window (once {@link #started}). */
    private final ChangeSignal position = new ChangeSignal();
    private volatile boolean started;
    /** Where the windows of resources that had no change since the start begin. */
    private volatile long origin;
    private volatile boolean running;
    private Thread reader;

    public WatchCache(ObjectStore store, ChangeSignal commits, StoreProperties properties) {
        this.store = store;
        this.commits = commits;
        this.capacity = Math.max(1, properties.watchCacheCapacity());
        this.lingerNanos = properties.watchCacheLinger().toNanos();
    }

    /**
     * Up to {@code limit} changes of {@code resource} after {@code resourceVersion}, oldest first;
     * null when the cache does not reach back that far (or has not started), so the caller reads
     * the log.
     */
    public List<Change> changesAfter(String resource, long resourceVersion, int limit) {
        if (!started) {
            return null;
        }
        Window window = windows.get(resource);
        if (window == null) {
            return resourceVersion >= origin ? List.of() : null;
        }
        return window.after(resourceVersion, limit);
    }

    /** Every change up to this resourceVersion is in the cache (-1 before it started). */
    public long position() {
        return started ? position.latest() : -1;
    }

    /** Waits until the cache holds changes newer than {@code seen}, or the timeout passes. */
    public void awaitNewerThan(long seen, long timeoutMillis) throws InterruptedException {
        position.awaitNewerThan(seen, timeoutMillis);
    }

    @Override
    public void start() {
        stopping = new CountDownLatch(1);
        running = true;
        reader = new Thread(this::run, "watch-cache");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public void stop() {
        running = false;
        stopping.countDown();
        if (reader != null) {
            reader.interrupt();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void run() {
        // When a read last found everything there was; the next read waits until the linger has passed since.
        long caughtUpAt = System.nanoTime() - lingerNanos;
        while (running) {
            try {
                long lingered = caughtUpAt + lingerNanos - System.nanoTime();
                if (lingered > 0 && stopping.await(lingered, TimeUnit.NANOSECONDS)) {
                    return;
                }
                if (!started) {
                    origin = store.latestResourceVersion();
                    position.advance(origin);
                    started = true;
                }
                long signalled = commits.latest();
                List<Change> read = store.changesAfter(position.latest(), READ_BATCH);
                for (Change change : read) {
                    windows.computeIfAbsent(change.resource(), r -> new Window(origin)).append(change, capacity);
                }
                if (!read.isEmpty()) {
                    position.advance(read.get(read.size() - 1).resourceVersion());
                }
                if (read.size() < READ_BATCH) {
                    if (!read.isEmpty()) {
                        caughtUpAt = System.nanoTime();
                    }
                    commits.awaitNewerThan(Math.max(signalled, position.latest()), IDLE_WAIT_MILLIS);
                }
            } catch (InterruptedException e) {
                return;
            } catch (RuntimeException e) {
                if (!running) {
                    return;
                }
                LOG.atWarn().addKeyValue("position", position.latest())
                        .log("Reading the change log for watches failed ({}); retrying in 1 s", e.toString());
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }
}
