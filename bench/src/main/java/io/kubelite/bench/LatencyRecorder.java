package io.kubelite.bench;

import java.util.Arrays;

/**
 * Every latency of one phase, kept exactly (a 20 s phase at 500/s is 10 000 longs), so the
 * percentiles are the nearest-rank ones and not a histogram's bucket bounds.
 *
 * <p>Nearest rank: p99 of n samples is the ceil(0.99 n)-th smallest. With n = 10 000 that is the
 * 9 900th value, so 100 slower samples may lie above it; with n = 50 it is the 50th, the maximum.
 */
final class LatencyRecorder {

    private long[] nanos = new long[1024];
    private int count;

    synchronized void record(long latencyNanos) {
        if (latencyNanos < 0) {
            throw new IllegalArgumentException("latency must not be negative, was " + latencyNanos + " ns");
        }
        if (count == nanos.length) {
            nanos = Arrays.copyOf(nanos, count * 2);
        }
        nanos[count++] = latencyNanos;
    }

    synchronized LatencySummary summary() {
        long[] sorted = Arrays.copyOf(nanos, count);
        Arrays.sort(sorted);
        return new LatencySummary(count, percentile(sorted, 50), percentile(sorted, 99),
                count == 0 ? 0 : sorted[count - 1]);
    }

    /** Nearest-rank percentile of ascending {@code sorted}; 0 when there are no samples. */
    static long percentile(long[] sorted, double p) {
        if (p <= 0 || p > 100) {
            throw new IllegalArgumentException("percentile must be in (0, 100], was " + p);
        }
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(rank, 1) - 1];
    }
}
