package io.kubelite.scheduler.filters;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/**
 * One rule a node must pass to receive a pod. Pure: the answer depends only on the pod and the
 * node (with what already runs there).
 */
public interface NodeFilter {

    /** Empty when the pod fits; otherwise why not, in kube-scheduler's words (they end up in the FailedScheduling event). */
    List<String> reasons(PodInfo pod, NodeInfo node);

    /**
     * Whether removing pods from a node can make it pass (kube-scheduler's Unschedulable as against
     * UnschedulableAndUnresolvable): yes for resources and host ports, no for rules about the node
     * itself (cordon, taints, node affinity), which preemption then skips.
     */
    default boolean preemptionMayHelp() {
        return true;
    }

    /**
     * Kubernetes' default filter order. A node is rejected by the first filter that fails, so one
     * node contributes one filter's reasons to the event message.
     */
    static List<NodeFilter> defaults() {
        return List.of(new NodeUnschedulableFilter(), new TaintTolerationFilter(), new NodeAffinityFilter(),
                new NodePortsFilter(), new NodeResourcesFitFilter());
    }
}
