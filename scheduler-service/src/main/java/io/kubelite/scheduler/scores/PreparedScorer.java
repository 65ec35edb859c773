package io.kubelite.scheduler.scores;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.function.ToLongFunction;

/**
 * The per-node scorer a {@link PodScorer} prepares: a raw score per node from what it counted,
 * rescaled between the lowest and highest node.
 */
record PreparedScorer(String name, int weight, ToLongFunction<NodeInfo> raw, boolean lowerIsBetter) implements NodeScorer {

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        return raw.applyAsLong(node);
    }

    @Override
    public void normalize(long[] scores) {
        PodScorer.minMax(scores, lowerIsBetter);
    }
}
