package io.kubelite.controller.reconcile;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.queue.WorkQueue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@code workers} threads that take keys from a {@link WorkQueue}, reconcile them and
 * apply the outcome to the queue. This class is the one place that owns those rules:
 * <pre>
 *   reconciler throws          → addRateLimited(key)               (ERROR)
 *   RequeueAfter(d)            → forget(key); addAfter(key, d)     (REQUEUE_AFTER)
 *   Requeue                    → addRateLimited(key)               (REQUEUE)
 *   Done                       → forget(key)                       (SUCCESS)
 * </pre>
 * The queue guarantees that a key is held by one worker at a time, so a reconciler never runs
 * concurrently for one key even with many workers.
 */
public final class Controller {

    private static final Logger LOG = LoggerFactory.getLogger(Controller.class);

    private final String name;
    private final WorkQueue queue;
    private final Reconciler reconciler;
    private final int workers;
    private final Clock clock;
    private final ControllerMetrics metrics;
    private final AtomicInteger active = new AtomicInteger();
    private final List<Thread> threads = new ArrayList<>();
    private boolean started;

    public Controller(String name, WorkQueue queue, Reconciler reconciler, int workers, Clock clock,
            ControllerMetrics metrics) {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, was " + workers);
        }
        this.name = Objects.requireNonNull(name, "name");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.workers = workers;
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    public String name() {
        return name;
    }

    /** The queue event handlers add keys to. */
    public WorkQueue queue() {
        return queue;
    }

    /** Starts the worker threads. A controller starts once; after {@link #stop} make a new one. */
    public synchronized void start() {
        if (started) {
            throw new IllegalStateException("controller " + name + " was already started");
        }
        started = true;
        for (int i = 0; i < workers; i++) {
            Thread thread = new Thread(this::runWorker, name + "-worker-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        LOG.atInfo().addKeyValue("controller", name).addKeyValue("workers", workers).log("Controller started");
    }

    /**
     * Shuts the queue down and waits up to {@code timeout} for in-flight reconciles to finish.
     * Workers still busy after the timeout are interrupted.
     *
     * @return true if every worker finished within the timeout
     */
    public synchronized boolean stop(Duration timeout) throws InterruptedException {
        queue.shutDown();
        long deadline = System.nanoTime() + timeout.toNanos();
        boolean finished = true;
        for (Thread thread : threads) {
            thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            if (thread.isAlive()) {
                finished = false;
                thread.interrupt();
            }
        }
        LOG.atInfo().addKeyValue("controller", name).addKeyValue("clean", finished).log("Controller stopped");
        return finished;
    }

    private void runWorker() {
        while (true) {
            Optional<ObjectKey> next;
            try {
                next = queue.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (next.isEmpty()) {
                return;
            }
            ObjectKey key = next.get();
            try {
                reconcileHandler(key);
            } finally {
                queue.done(key);
            }
        }
    }

    private void reconcileHandler(ObjectKey key) {
        Instant start = clock.instant();
        metrics.activeWorkers(name, active.incrementAndGet());
        Result result = null;
        Exception failure = null;
        try {
            result = reconciler.reconcile(key);
            if (result == null) {
                failure = new IllegalStateException("reconciler returned null for " + key);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (Exception e) {
            failure = e;
        } finally {
            metrics.activeWorkers(name, active.decrementAndGet());
        }
        Outcome outcome = failure != null ? onError(key, failure) : apply(key, result);
        metrics.reconciled(name, key, outcome, Duration.between(start, clock.instant()));
    }

    private Outcome onError(ObjectKey key, Exception failure) {
        queue.addRateLimited(key);
        metrics.reconcileFailed(name, key, failure);
        LOG.atError().addKeyValue("controller", name).addKeyValue("key", key)
                .addKeyValue("requeues", queue.numRequeues(key)).setCause(failure).log("Reconciler error");
        return Outcome.ERROR;
    }

    private Outcome apply(ObjectKey key, Result result) {
        if (result instanceof Result.RequeueAfter after) {
            queue.forget(key);
            queue.addAfter(key, after.delay());
            return Outcome.REQUEUE_AFTER;
        }
        if (result instanceof Result.Requeue) {
            queue.addRateLimited(key);
            return Outcome.REQUEUE;
        }
        queue.forget(key);
        return Outcome.SUCCESS;
    }
}
