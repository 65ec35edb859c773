package io.kubelite.bench;

import java.util.List;

/**
 * What one load phase measured. {@code targetPerSecond} is the open-loop rate, or 0 for a closed
 * loop; {@code elapsedNanos} runs from the phase's start to the end of its last request, so a
 * server that falls behind shows an achieved rate below the target.
 */
record PhaseResult(String name, double targetPerSecond, int concurrency, long ok, long errors,
                   long elapsedNanos, LatencySummary latency, List<String> errorSamples) {

    double achievedPerSecond() {
        return elapsedNanos == 0 ? 0 : ok * 1e9 / elapsedNanos;
    }

    boolean openLoop() {
        return targetPerSecond > 0;
    }
}
