package io.kubelite.bench;

import java.time.Duration;

/**
 * When each request of a fixed-rate phase is due: request i at {@code start + i / rate}, whether
 * or not the earlier ones have answered. Latency is measured from this due time, so a request
 * that waited behind slow ones is charged for the wait (no coordinated omission).
 *
 * <p>Example: 500/s for 20 s is 10 000 requests, request 1 due 2 ms after the start, request
 * 9 999 due at 19.998 s. If the server stalls for 100 ms at t = 5 s, the 50 requests due during
 * the stall report 100 ms down to 2 ms, not the ~1 ms a closed loop would have seen.
 */
record OpenLoopSchedule(long startNanos, double ratePerSecond, int count) {

    OpenLoopSchedule {
        if (!(ratePerSecond > 0)) {
            throw new IllegalArgumentException("rate must be positive, was " + ratePerSecond);
        }
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative, was " + count);
        }
    }

    static OpenLoopSchedule of(long startNanos, double ratePerSecond, Duration duration) {
        long count = (long) Math.floor(ratePerSecond * duration.toNanos() / 1e9);
        return new OpenLoopSchedule(startNanos, ratePerSecond, Math.toIntExact(count));
    }

    long dueNanos(int i) {
        if (i < 0 || i >= count) {
            throw new IndexOutOfBoundsException("request " + i + " of " + count);
        }
        return startNanos + Math.round(i * 1e9 / ratePerSecond);
    }
}
