package io.kubelite.scheduler.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations in nanoseconds, reported in milliseconds. */
record Percentiles(double p50Millis, double p99Millis, double maxMillis) {

    static Percentiles of(long[] nanos) {
        if (nanos.length == 0) {
            return new Percentiles(Double.NaN, Double.NaN, Double.NaN);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Percentiles(rank(sorted, 0.50), rank(sorted, 0.99), sorted[sorted.length - 1] / 1e6);
    }

    /** Example: 200 samples, p99 → the 198th smallest (ceil(0.99 × 200) = 198). */
    private static double rank(long[] sorted, double p) {
        int index = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))] / 1e6;
    }
}
