package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.Taint;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/**
 * Rejects cordoned nodes ({@code spec.unschedulable: true}, what {@code kubectl cordon} sets) unless the
 * pod tolerates {@code node.kubernetes.io/unschedulable:NoSchedule} (DaemonSet pods do).
 */
public final class NodeUnschedulableFilter implements NodeFilter {

    static final String REASON = "node(s) were unschedulable";
    private static final Taint UNSCHEDULABLE = new Taint("NoSchedule", NodeInfo.TAINT_UNSCHEDULABLE, null, null);

    @Override
    public List<String> reasons(PodInfo pod, NodeInfo node) {
        if (!node.unschedulable() || Tolerations.matching(Tolerations.of(pod.pod()), UNSCHEDULABLE).isPresent()) {
            return List.of();
        }
        return List.of(REASON);
    }

    /** A rule about the node itself: no pod's removal changes it. */
    @Override
    public boolean preemptionMayHelp() {
        return false;
    }
}
