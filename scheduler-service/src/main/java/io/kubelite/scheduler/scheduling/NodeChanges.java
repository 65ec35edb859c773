package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.kubelite.scheduler.framework.NodeInfo;

import java.util.Objects;

/**
 * Whether a node update can let a pod that fit nowhere fit now, so unschedulable pods are retried
 * on the changes that matter rather than on every heartbeat: more allocatable resources or pods,
 * other labels, other taints (including the Ready condition's implied ones), or being uncordoned.
 * Example: a status update that only moves {@code lastHeartbeatTime} → no; {@code kubectl uncordon}
 * or {@code kubectl label nodes n1 disk=ssd} → yes.
 */
public final class NodeChanges {

    private NodeChanges() {
    }

    public static boolean mayMakePodsSchedulable(Node oldNode, Node newNode) {
        NodeInfo before = NodeInfo.of(oldNode);
        NodeInfo after = NodeInfo.of(newNode);
        return !before.allocatable().equals(after.allocatable())
                || !before.labels().equals(after.labels())
                || !Objects.equals(before.taints(), after.taints())
                || before.unschedulable() != after.unschedulable();
    }
}
