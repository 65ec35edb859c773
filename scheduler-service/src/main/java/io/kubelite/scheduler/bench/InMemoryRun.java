package io.kubelite.scheduler.bench;

import io.kubelite.scheduler.cache.SchedulerCache;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.Placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The scheduling decisions alone: the same cache, filters and scores the service runs, fed with the
 * benchmark's nodes and pods, no API. Measures what the scheduler can decide, so the API run can be
 * compared with it.
 */
final class InMemoryRun {

    /**
     * @param podsPerSecond    pods decided per second of wall-clock time
     * @param podsPerCpuSecond pods decided per second of this thread's CPU time: what one core would do on an
     *                         idle machine (the shared test machine's load does not move it)
     */
    record Figures(int nodes, int pods, int placed, double podsPerSecond, double podsPerCpuSecond, Percentiles decision) {
    }

    private InMemoryRun() {
    }

    static Figures run(int nodeCount, int podCount) {
        SchedulerCache cache = new SchedulerCache();
        for (int i = 0; i < nodeCount; i++) {
            cache.upsertNode(BenchObjects.node("mem-" + i));
        }
        List<PodInfo> pods = new ArrayList<>(podCount);
        for (int i = 0; i < podCount; i++) {
            pods.add(PodInfo.of(BenchObjects.pod("bench", "pod-" + i)));
        }
        Placement placement = Placement.defaults(new Random(1));
        long[] latencies = new long[podCount];
        int placed = 0;
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpuStart = threads.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        for (int i = 0; i < podCount; i++) {
            long t0 = System.nanoTime();
            Decision decision = cache.schedule(pods.get(i), placement);
            latencies[i] = System.nanoTime() - t0;
            if (decision instanceof Decision.Fits) {
                placed++;
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
        return new Figures(nodeCount, podCount, placed, podCount / seconds, podCount / cpuSeconds, Percentiles.of(latencies));
    }
}
