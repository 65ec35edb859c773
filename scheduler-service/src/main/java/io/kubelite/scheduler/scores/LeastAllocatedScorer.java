package io.kubelite.scheduler.scores;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.framework.Resources;

/**
 * Prefers the emptiest node: per resource {@code (allocatable - requested) * 100 / allocatable} with the
 * pod counted in, averaged over CPU and memory. Requests use the scoring defaults (100m, 200 MiB) for
 * containers that ask nothing.
 *
 * <p>Example: 4000m / 8Gi allocatable, 1000m / 2Gi already requested, pod asks 1000m / 2Gi:
 * cpu (4000-2000)*100/4000 = 50, memory 50 → 50. A node where the same pod leaves 75 % free scores 75.
 */
public final class LeastAllocatedScorer implements NodeScorer {

    @Override
    public String name() {
        return "NodeResourcesLeastAllocated";
    }

    @Override
    public int weight() {
        return 1;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        Resources requested = node.nonZeroRequested().plus(pod.nonZeroRequests());
        Resources allocatable = node.allocatable();
        return (free(requested.milliCpu(), allocatable.milliCpu()) + free(requested.memory(), allocatable.memory())) / 2;
    }

    static long free(long requested, long capacity) {
        if (capacity <= 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX / capacity;
    }
}
