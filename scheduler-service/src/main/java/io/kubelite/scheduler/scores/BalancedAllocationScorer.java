package io.kubelite.scheduler.scores;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.framework.Resources;

/**
 * Prefers the node whose CPU and memory would be used in the most similar proportion, so that
 * neither runs out while the other sits idle: with the fractions {@code f = requested / allocatable}
 * (capped at 1) the score is {@code (1 - |fcpu - fmem| / 2) * 100} (one minus their standard deviation).
 *
 * <p>Example: after placing the pod, cpu 50 % and memory 50 % used → 100; cpu 80 % and memory 20 % → 70.
 */
public final class BalancedAllocationScorer implements NodeScorer {

    @Override
    public String name() {
        return "NodeResourcesBalancedAllocation";
    }

    @Override
    public int weight() {
        return 1;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        Resources requested = node.requested().plus(pod.requests());
        Resources allocatable = node.allocatable();
        double cpu = fraction(requested.milliCpu(), allocatable.milliCpu());
        double memory = fraction(requested.memory(), allocatable.memory());
        double std = Math.abs(cpu - memory) / 2;
        return (long) ((1 - std) * MAX);
    }

    static double fraction(long requested, long capacity) {
        if (capacity <= 0) {
            return 1;
        }
        return Math.min(1.0, (double) requested / capacity);
    }
}
