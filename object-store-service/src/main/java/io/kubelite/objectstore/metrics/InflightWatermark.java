package io.kubelite.objectstore.metrics;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Requests of one kind in flight, reported as kube-apiserver reports
 * {@code apiserver_current_inflight_requests}: the highest number seen in the last second, so
 * that a scrape every 15 s still sees the bursts between scrapes.
 */
final class InflightWatermark {

    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final AtomicInteger current = new AtomicInteger();
    private final AtomicInteger high = new AtomicInteger();
    private final LongSupplier nanoTime;
    private volatile long windowStart;

    InflightWatermark() {
        this(System::nanoTime);
    }

    InflightWatermark(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    void enter() {
        int now = current.incrementAndGet();
        high.accumulateAndGet(now, Math::max);
    }

    void leave() {
        current.decrementAndGet();
    }

    /** The highest count since the window began; a window older than a second starts again from now. */
    int highInLastSecond() {
        int seen = high.get();
        long now = nanoTime.getAsLong();
        if (now - windowStart >= WINDOW_NANOS) {
            windowStart = now;
            high.set(current.get());
        }
        return seen;
    }
}
