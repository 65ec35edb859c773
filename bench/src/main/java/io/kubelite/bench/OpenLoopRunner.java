package io.kubelite.bench;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends requests on an {@link OpenLoopSchedule}, at most {@code maxInFlight} at a time. When all
 * slots are taken the next request waits for one; its latency still counts from its due time,
 * so the wait shows in the percentiles instead of silently lowering the offered rate.
 */
final class OpenLoopRunner {

    /** The first request is due this long after the call, so thread start-up is not charged to it. */
    private static final long LEAD_NANOS = 10_000_000;

    private final int maxInFlight;

    OpenLoopRunner(int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
        }
        this.maxInFlight = maxInFlight;
    }

    PhaseResult run(String name, double ratePerSecond, Duration duration, Write write) throws InterruptedException {
        LatencyRecorder latencies = new LatencyRecorder();
        ErrorTally errors = new ErrorTally();
        AtomicLong ok = new AtomicLong();
        OpenLoopSchedule schedule = OpenLoopSchedule.of(System.nanoTime() + LEAD_NANOS, ratePerSecond, duration);
        long start = schedule.startNanos();
        AtomicLong lastDone = new AtomicLong(start);
        Semaphore slots = new Semaphore(maxInFlight);
        ExecutorService pool = Executors.newFixedThreadPool(maxInFlight, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
        try {
            for (int i = 0; i < schedule.count(); i++) {
                long due = schedule.dueNanos(i);
                sleepUntil(due);
                slots.acquire();
                pool.execute(() -> {
                    try {
                        write.perform();
                        latencies.record(System.nanoTime() - due);
                        ok.incrementAndGet();
                    } catch (Exception e) {
                        errors.add(e);
                    } finally {
                        lastDone.accumulateAndGet(System.nanoTime(), Math::max);
                        slots.release();
                    }
                });
            }
        } finally {
            pool.shutdown();
            pool.awaitTermination(2, TimeUnit.MINUTES);
        }
        return new PhaseResult(name, ratePerSecond, maxInFlight, ok.get(), errors.count(), lastDone.get() - start,
                latencies.summary(), errors.samples());
    }

    private static void sleepUntil(long nanoTime) {
        long wait;
        while ((wait = nanoTime - System.nanoTime()) > 0) {
            LockSupport.parkNanos(wait);
        }
    }
}
