package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.kubelite.scheduler.filters.Tolerations;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/**
 * Avoids nodes with {@code PreferNoSchedule} taints the pod does not tolerate: counts them, then the
 * node with the most gets 0 and a node with none gets 100. Example: counts 0, 1, 2 → 100, 50, 0.
 */
public final class TaintTolerationScorer implements NodeScorer {

    @Override
    public String name() {
        return "TaintToleration";
    }

    @Override
    public int weight() {
        return 3;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        List<Toleration> tolerations = Tolerations.of(pod.pod());
        long count = 0;
        for (Taint taint : node.taints()) {
            if ("PreferNoSchedule".equals(taint.getEffect()) && Tolerations.matching(tolerations, taint).isEmpty()) {
                count++;
            }
        }
        return count;
    }

    @Override
    public void normalize(long[] scores) {
        NodeScorer.scaleToMaxReversed(scores);
    }
}
