package io.kubelite.nodeagent.metrics;

import io.kubelite.nodeagent.runtime.ContainerRuntime.UsageSample;
import java.time.Instant;
import java.util.Optional;

/**
 * The machine's own usage, as a kubelet reports its node's: CPU time spent outside idle and
 * iowait since boot ({@code /proc/stat}'s first line, in USER_HZ ticks of 10 ms), and memory in use
 * ({@code MemTotal - MemAvailable} of {@code /proc/meminfo}). Both files show the whole machine,
 * inside a container too.
 */
public final class HostUsage {

    private static final long NANOS_PER_TICK = 10_000_000L;

    private HostUsage() {
    }

    /** A sample from the two files' text; empty when either lacks what it needs. */
    public static Optional<UsageSample> parse(String procStat, String procMeminfo, Instant at) {
        Long busyTicks = null;
        for (String line : procStat.split("\n")) {
            if (line.startsWith("cpu ")) {
                String[] f = line.trim().split("\\s+");
                if (f.length < 9) {
                    return Optional.empty();
                }
                // user nice system idle iowait irq softirq steal
                busyTicks = Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]) + Long.parseLong(f[6])
                        + Long.parseLong(f[7]) + Long.parseLong(f[8]);
                break;
            }
        }
        Long total = meminfo(procMeminfo, "MemTotal:");
        Long available = meminfo(procMeminfo, "MemAvailable:");
        if (busyTicks == null || total == null || available == null) {
            return Optional.empty();
        }
        return Optional.of(new UsageSample(at, busyTicks * NANOS_PER_TICK, Math.max(0, total - available) * 1024));
    }

    private static Long meminfo(String text, String key) {
        for (String line : text.split("\n")) {
            if (line.startsWith(key)) {
                String[] f = line.substring(key.length()).trim().split("\\s+");
                return Long.parseLong(f[0]);
            }
        }
        return null;
    }
}
