package io.kubelite.controller.queue;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.time.Scheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Queue;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.ToIntFunction;

/**
 * The queue between event handlers and workers, with the rules of client-go's rate-limiting
 * work queue:
 * <ul>
 *   <li>a key is queued at most once: adding a key that is already waiting for a worker is a
 *       no-op ({@code dirty} holds every key that needs processing);</li>
 *   <li>a key is held by at most one worker: a key added while a worker holds it is remembered
 *       and queued again when that worker calls {@link #done(ObjectKey)}, so it is processed
 *       once more, after the current pass;</li>
 *   <li>{@link #addAfter} keeps, per key, only the earliest pending delayed add;</li>
 *   <li>{@link #addRateLimited} delays by the {@link RateLimiter}'s per-key backoff, which
 *       {@link #forget} resets.</li>
 * </ul>
 * Example: {@code add(a); add(a); get() → a; add(a); get()} blocks, because {@code a} is held;
 * after {@code done(a)} the blocked {@code get()} returns {@code a} again, exactly once.
 *
 * <p>Keys are handed out in the order they became ready, unless the queue was made with a
 * {@code priority}: then the ready key of highest priority goes first, and keys of equal priority
 * in the order they became ready (kube-scheduler's active queue, sorted by pod priority). The
 * priority of a key is read when it is queued.
 *
 * <p>After {@link #shutDown()} adds are ignored and {@link #get()} returns empty at once, even
 * if keys were still queued; the keys a worker holds can still be marked done.
 */
public final class WorkQueue {

    private final String name;
    private final Scheduler scheduler;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final QueueMetrics metrics;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition keyReady = lock.newCondition();
    private final Queue<Ready> queue;
    private final ToIntFunction<ObjectKey> priority;
    private long sequence;
    /** Keys that need processing, mapped to when they were added; a superset of {@code queue}. */
    private final Map<ObjectKey, Instant> dirty = new HashMap<>();
    /** Keys a worker holds, mapped to when it took them. */
    private final Map<ObjectKey, Instant> processing = new HashMap<>();
    /** Keys with a delayed add pending, mapped to when they become ready. */
    private final Map<ObjectKey, Instant> waiting = new HashMap<>();
    private boolean shuttingDown;

    public WorkQueue(String name, Scheduler scheduler, RateLimiter rateLimiter, QueueMetrics metrics) {
        this(name, scheduler, rateLimiter, metrics, null);
    }

    /** @param priority the priority of a key, higher first; null for first-in first-out */
    public WorkQueue(String name, Scheduler scheduler, RateLimiter rateLimiter, QueueMetrics metrics,
            ToIntFunction<ObjectKey> priority) {
        this.priority = priority;
        this.queue = priority == null ? new ArrayDeque<>() : new PriorityQueue<>(Ready.ORDER);
        this.name = Objects.requireNonNull(name, "name");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.clock = scheduler.clock();
        this.rateLimiter = Objects.requireNonNull(rateLimiter, "rateLimiter");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        metrics.created(name);
    }

    /** A queue with the default backoff (5 ms doubling to 1000 s) and no metrics. */
    public WorkQueue(String name, Scheduler scheduler) {
        this(name, scheduler, ExponentialBackoff.withDefaults(), QueueMetrics.NONE);
    }

    public String name() {
        return name;
    }

    /** Marks {@code key} as needing processing; merged with a pending add of the same key. */
    public void add(ObjectKey key) {
        Objects.requireNonNull(key, "key");
        lock.lock();
        try {
            if (shuttingDown || dirty.containsKey(key)) {
                return;
            }
            metrics.added(name, key);
            dirty.put(key, clock.instant());
            if (processing.containsKey(key)) {
                return;
            }
            enqueue(key);
        } finally {
            lock.unlock();
        }
    }

    /** Under the lock. */
    private void enqueue(ObjectKey key) {
        queue.add(new Ready(key, priority == null ? 0 : priority.applyAsInt(key), sequence++));
        metrics.depth(name, queue.size());
        keyReady.signal();
    }

    /**
     * Adds {@code key} once {@code delay} has passed; a zero or negative delay adds it now.
     * If the key already has an earlier delayed add pending, this one is dropped.
     */
    public void addAfter(ObjectKey key, Duration delay) {
        Objects.requireNonNull(key, "key");
        if (delay.isNegative() || delay.isZero()) {
            add(key);
            return;
        }
        Instant readyAt;
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            readyAt = clock.instant().plus(delay);
            Instant pending = waiting.get(key);
            if (pending != null && !pending.isAfter(readyAt)) {
                return;
            }
            waiting.put(key, readyAt);
        } finally {
            lock.unlock();
        }
        scheduler.schedule(delay, () -> addIfStillWaiting(key, readyAt));
    }

    private void addIfStillWaiting(ObjectKey key, Instant readyAt) {
        lock.lock();
        try {
            if (!readyAt.equals(waiting.get(key))) {
                return; // superseded by an earlier delayed add, which already ran
            }
            waiting.remove(key);
        } finally {
            lock.unlock();
        }
        add(key);
    }

    /** Adds {@code key} after the rate limiter's backoff for it, counting one more failure. */
    public void addRateLimited(ObjectKey key) {
        lock.lock();
        try {
            if (shuttingDown) {
                return;
            }
            metrics.retried(name, key);
        } finally {
            lock.unlock();
        }
        addAfter(key, rateLimiter.when(key));
    }

    /** Resets the backoff of {@code key}; call after it was processed successfully. */
    public void forget(ObjectKey key) {
        rateLimiter.forget(key);
    }

    /** Failures recorded for {@code key} since it was last forgotten. */
    public int numRequeues(ObjectKey key) {
        return rateLimiter.numRequeues(key);
    }

    /**
     * Blocks until a key is ready and hands it to the caller, who must call {@link #done} when
     * finished with it. Returns empty once the queue is shut down.
     */
    public Optional<ObjectKey> get() throws InterruptedException {
        lock.lock();
        try {
            while (queue.isEmpty() && !shuttingDown) {
                keyReady.await();
            }
            if (shuttingDown) {
                return Optional.empty();
            }
            ObjectKey key = queue.remove().key();
            metrics.depth(name, queue.size());
            Instant now = clock.instant();
            metrics.queueLatency(name, key, Duration.between(dirty.remove(key), now));
            processing.put(key, now);
            return Optional.of(key);
        } finally {
            lock.unlock();
        }
    }

    /** Releases {@code key}; if it was added while held, it is queued again now. */
    public void done(ObjectKey key) {
        lock.lock();
        try {
            Instant started = processing.remove(key);
            if (started == null) {
                return;
            }
            metrics.workDuration(name, key, Duration.between(started, clock.instant()));
            if (dirty.containsKey(key) && !shuttingDown) {
                enqueue(key);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Keys waiting for a worker; excludes keys being processed and delayed adds. */
    public int len() {
        lock.lock();
        try {
            return queue.size();
        } finally {
            lock.unlock();
        }
    }

    /** Stops accepting keys and wakes every blocked {@link #get()}, which returns empty. */
    public void shutDown() {
        lock.lock();
        try {
            shuttingDown = true;
            waiting.clear();
            keyReady.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public boolean isShuttingDown() {
        lock.lock();
        try {
            return shuttingDown;
        } finally {
            lock.unlock();
        }
    }

    /** A queued key with its priority and arrival number (first in, first out among equals). */
    private record Ready(ObjectKey key, int priority, long sequence) {

        static final Comparator<Ready> ORDER = Comparator.comparingInt((Ready r) -> -r.priority)
                .thenComparingLong(Ready::sequence);
    }
}
