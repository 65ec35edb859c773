package io.kubelite.controller.time;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** A {@link Scheduler} on the system clock, backed by one daemon timer thread. */
public final class ExecutorScheduler implements Scheduler, AutoCloseable {

    private final Clock clock;
    private final ScheduledExecutorService executor;

    public ExecutorScheduler(String threadName) {
        this.clock = Clock.systemUTC();
        this.executor = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public void schedule(Duration delay, Runnable task) {
        try {
            executor.schedule(task, Math.max(0, delay.toNanos()), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException closed) {
            // closed: pending and future tasks are dropped by design
        }
    }

    /** Drops pending tasks, ignores later ones, and stops the timer thread. */
    @Override
    public void close() {
        executor.shutdownNow();
    }
}
