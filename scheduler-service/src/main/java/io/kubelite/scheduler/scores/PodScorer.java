package io.kubelite.scheduler.scores;

import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;
import java.util.Optional;

/**
 * A score that needs the whole cluster for one pod (kube-scheduler's PreScore + Score):
 * {@link #prepare} counts once per pod and returns the per-node scorer, or empty when the pod
 * has nothing for it to weigh.
 */
public interface PodScorer {

    Optional<NodeScorer> prepare(PodInfo pod, Cluster cluster);

    static List<PodScorer> defaults() {
        return List.of(new InterPodAffinityScorer(), new TopologySpreadScorer());
    }

    /** Maps {@code min..max} onto {@code 0..100} (higher raw is better); all 0 when every node scored alike. */
    static void minMax(long[] scores, boolean lowerIsBetter) {
        long min = Long.MAX_VALUE;
        long max = Long.MIN_VALUE;
        for (long s : scores) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        for (int i = 0; i < scores.length; i++) {
            long span = max - min;
            long good = lowerIsBetter ? max - scores[i] : scores[i] - min;
            scores[i] = span == 0 ? 0 : good * NodeScorer.MAX / span;
        }
    }
}
