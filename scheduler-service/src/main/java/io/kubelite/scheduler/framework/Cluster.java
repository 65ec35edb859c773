package io.kubelite.scheduler.framework;

import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * The nodes one decision looks at, whether any pod on them has required pod anti-affinity (which
 * every new pod must then be checked against), and the pods that preemption nominated to a node
 * and that wait there for their victims to leave ({@code status.nominatedNodeName}). The scheduler
 * cache keeps the anti-affinity count as pods come and go, so a decision for an ordinary pod in a
 * cluster without such pods does not look at every node for it.
 *
 * <p>A nominated pod holds its room against pods of lower or equal priority, as in kube-scheduler:
 * with {@code high} (priority 1000) nominated to a node after preempting {@code low}, a pod of
 * priority 0 is judged there as if {@code high} already ran on it, so it cannot take the space
 * {@code low} leaves.
 *
 * @param nominated node name → pods nominated to it
 */
public record Cluster(List<NodeInfo> nodes, boolean anyRequiredAntiAffinity, Map<String, ? extends Collection<PodInfo>> nominated) {

    public Cluster(List<NodeInfo> nodes, boolean anyRequiredAntiAffinity) {
        this(nodes, anyRequiredAntiAffinity, Map.of());
    }

    /** Counts by looking at every node (tests, and callers without a cache). */
    public static Cluster scan(List<NodeInfo> nodes) {
        return new Cluster(nodes, nodes.stream().anyMatch(n -> !n.podsWithRequiredAntiAffinity().isEmpty()));
    }

    /**
     * {@code node} as {@code pod} must see it: with the other pods nominated to it whose priority is
     * at least the pod's added (a copy), or {@code node} itself when there are none.
     */
    public NodeInfo asSeenBy(PodInfo pod, NodeInfo node) {
        Collection<PodInfo> waiting = nominated.get(node.name());
        if (waiting == null || waiting.isEmpty()) {
            return node;
        }
        NodeInfo view = null;
        for (PodInfo other : waiting) {
            if (other.priority() >= pod.priority() && !other.key().equals(pod.key()) && !node.hasPod(other.key())) {
                if (view == null) {
                    view = node.copy();
                }
                view.addPod(other);
            }
        }
        return view == null ? node : view;
    }
}
