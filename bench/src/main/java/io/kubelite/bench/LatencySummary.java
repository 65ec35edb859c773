package io.kubelite.bench;

/** Latencies of one phase in nanoseconds; {@code count} is how many requests they describe. */
record LatencySummary(int count, long p50Nanos, long p99Nanos, long maxNanos) {

    double p50Millis() {
        return p50Nanos / 1e6;
    }

    double p99Millis() {
        return p99Nanos / 1e6;
    }

    double maxMillis() {
        return maxNanos / 1e6;
    }
}
