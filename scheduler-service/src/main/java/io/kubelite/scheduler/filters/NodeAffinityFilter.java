package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;
import java.util.Map;

/**
 * Rejects a node that lacks a label of the pod's {@code nodeSelector} (every pair must match) or
 * matches none of the terms of {@code affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution}.
 * Example: {@code nodeSelector: {disk: ssd}} fits a node labelled {@code disk=ssd,zone=a}, not one
 * labelled {@code disk=hdd} or unlabelled.
 */
public final class NodeAffinityFilter implements NodeFilter {

    static final String REASON = "node(s) didn't match Pod's node affinity/selector";

    @Override
    public List<String> reasons(PodInfo pod, NodeInfo node) {
        return matches(pod.pod().getSpec(), node.name(), node.labels()) ? List.of() : List.of(REASON);
    }

    static boolean matches(PodSpec spec, String nodeName, Map<String, String> labels) {
        if (spec == null) {
            return true;
        }
        if (spec.getNodeSelector() != null) {
            for (Map.Entry<String, String> e : spec.getNodeSelector().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        NodeSelector required = required(spec.getAffinity());
        return required == null || NodeSelectors.anyTermMatches(required.getNodeSelectorTerms(), nodeName, labels);
    }

    private static NodeSelector required(Affinity affinity) {
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return null;
        }
        return affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
    }

    /** A rule about the node itself: no pod's removal changes it. */
    @Override
    public boolean preemptionMayHelp() {
        return false;
    }
}
