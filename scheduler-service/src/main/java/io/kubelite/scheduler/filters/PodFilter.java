package io.kubelite.scheduler.filters;

import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;
import java.util.Optional;

/**
 * A rule that needs the whole cluster to judge one node (kube-scheduler's PreFilter + Filter):
 * {@link #prepare} looks at every node once per pod and returns the per-node check, or empty
 * when the rule cannot reject any node for this pod — the common case, which then costs nothing
 * per node.
 */
public interface PodFilter {

    Optional<NodeFilter> prepare(PodInfo pod, Cluster cluster);

    /** Kubernetes' order: topology spread, then inter-pod affinity (after the node filters). */
    static List<PodFilter> defaults() {
        return List.of(new PodTopologySpread(), new InterPodAffinity());
    }
}
