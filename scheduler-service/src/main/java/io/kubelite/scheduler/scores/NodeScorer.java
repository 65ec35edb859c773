package io.kubelite.scheduler.scores;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/**
 * Ranks the nodes that passed every filter. {@link #score} is pure; {@link #normalize} rescales the
 * raw scores of one scheduling cycle to 0..{@value #MAX} where a scorer's raw scale is relative
 * (counts, weights). The node's total is the weighted sum of normalized scores.
 */
public interface NodeScorer {

    int MAX = 100;

    String name();

    /** Kubernetes' default plugin weight. */
    int weight();

    long score(PodInfo pod, NodeInfo node);

    /** Rescales raw scores in place; the default keeps them (already 0..100). */
    default void normalize(long[] scores) {
    }

    /** Kubernetes' default scorers and weights. */
    static List<NodeScorer> defaults() {
        return List.of(new LeastAllocatedScorer(), new BalancedAllocationScorer(), new NodeAffinityScorer(),
                new TaintTolerationScorer(), new ControllerSpreadScorer());
    }

    /** Maps {@code 0..max} onto {@code 0..100} (higher raw is better); all zero when max is 0. */
    static void scaleToMax(long[] scores) {
        long max = 0;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? 0 : scores[i] * MAX / max;
        }
    }

    /** Maps {@code 0..max} onto {@code 100..0} (lower raw is better); all 100 when max is 0. */
    static void scaleToMaxReversed(long[] scores) {
        long max = 0;
        for (long s : scores) {
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            scores[i] = max == 0 ? MAX : (max - scores[i]) * MAX / max;
        }
    }
}
