package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.Taint;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/**
 * Rejects a node with a NoSchedule or NoExecute taint the pod does not tolerate (PreferNoSchedule
 * only lowers the score). Only the first such taint is named:
 * {@code node(s) had untolerated taint {dedicated: gpu}}. A node that is not Ready counts as tainted
 * {@code not-ready} / {@code unreachable} (see {@link NodeInfo#taints()}).
 */
public final class TaintTolerationFilter implements NodeFilter {

    @Override
    public List<String> reasons(PodInfo pod, NodeInfo node) {
        for (Taint taint : node.taints()) {
            if (!"NoSchedule".equals(taint.getEffect()) && !"NoExecute".equals(taint.getEffect())) {
                continue;
            }
            if (Tolerations.matching(Tolerations.of(pod.pod()), taint).isEmpty()) {
                return List.of(reason(taint));
            }
        }
        return List.of();
    }

    static String reason(Taint taint) {
        return "node(s) had untolerated taint {" + taint.getKey() + ": " + Tolerations.emptyIfNull(taint.getValue()) + "}";
    }

    /** A rule about the node itself: no pod's removal changes it. */
    @Override
    public boolean preemptionMayHelp() {
        return false;
    }
}
