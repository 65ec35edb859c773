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

    /** Memory as the metrics API writes it: 3_500_000 bytes → "3417Ki" (whole KiB, rounded down). */
    public static String memory(long bytes) {
        return (bytes / 1024) + "Ki";
    }
}
