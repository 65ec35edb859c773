package io.kubelite.nodeagent.metrics;

import io.kubelite.nodeagent.runtime.ContainerRuntime.UsageSample;
import java.time.Duration;

/**
 * CPU usage between two cumulative samples, in millicores, as metrics-server reports it:
 * 50 ms of CPU time over a 1 s window is 50m; 2.5 s over 5 s is 500m (half a core).
 */
public final class PodUsage {

    private PodUsage() {
    }

    public static long millicores(UsageSample earlier, UsageSample later) {
        long windowNanos = Duration.between(earlier.timestamp(), later.timestamp()).toNanos();
        long used = later.cpuNanos() - earlier.cpuNanos();
        if (windowNanos <= 0 || used < 0) {
            return 0;
        }
        return Math.round(used * 1000.0 / windowNanos);
    }

    /**
     * The sample a container's counter starts from: no CPU used when it started. A container the
     * agent has not sampled before (it just started, or the agent did) is measured over its whole
     * run until the next sample. Null when the start is unknown.
     */
    public static UsageSample atStart(java.time.Instant startedAt) {
        return startedAt == null ? null : new UsageSample(startedAt, 0, 0);
    }

    /** Memory as the metrics API writes it: 3_500_000 bytes → "3417Ki" (whole KiB, rounded down). */
    public static String memory(long bytes) {
        return (bytes / 1024) + "Ki";
    }
}
