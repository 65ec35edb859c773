package io.kubelite.scheduler.scores;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

/**
 * Spreads the replicas of one controller (ReplicationController, ReplicaSet, ...; the pod's
 * {@code controller: true} owner) across nodes: counts the controller's pods per node, then the
 * node with the most gets 0 and a node with none gets 100. Example: counts 0, 1, 2 → 100, 50, 0;
 * a pod without a controller scores every node alike.
 */
public final class ControllerSpreadScorer implements NodeScorer {

    @Override
    public String name() {
        return "ControllerSpread";
    }

    @Override
    public int weight() {
        return 2;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        return node.podsOfController(pod.controllerUid());
    }

    @Override
    public void normalize(long[] scores) {
        NodeScorer.scaleToMaxReversed(scores);
    }
}
