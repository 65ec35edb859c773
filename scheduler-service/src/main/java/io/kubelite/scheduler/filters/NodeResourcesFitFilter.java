package io.kubelite.scheduler.filters;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.framework.Resources;

import java.util.ArrayList;
import java.util.List;

/**
 * Rejects a node whose allocatable resources, minus the requests of the pods already there
 * (bound or assumed), cannot hold the pod's requests. Every shortage is named, in Kubernetes' order:
 * pods, cpu, memory.
 *
 * <p>Example: allocatable 2 CPU / 4Gi with 1800m and 1Gi requested; a pod asking 500m and 1Gi gets
 * {@code Insufficient cpu} (200m free) but fits in memory (3Gi free).
 */
public final class NodeResourcesFitFilter implements NodeFilter {

    static final String TOO_MANY_PODS = "Too many pods";
    static final String INSUFFICIENT_CPU = "Insufficient cpu";
    static final String INSUFFICIENT_MEMORY = "Insufficient memory";

    @Override
    public List<String> reasons(PodInfo pod, NodeInfo node) {
        Resources want = pod.requests();
        Resources allocatable = node.allocatable();
        Resources used = node.requested();
        List<String> reasons = new ArrayList<>(0);
        if (used.pods() + 1 > allocatable.pods()) {
            reasons.add(TOO_MANY_PODS);
        }
        if (want.milliCpu() > 0 && want.milliCpu() > allocatable.milliCpu() - used.milliCpu()) {
            reasons.add(INSUFFICIENT_CPU);
        }
        if (want.memory() > 0 && want.memory() > allocatable.memory() - used.memory()) {
            reasons.add(INSUFFICIENT_MEMORY);
        }
        return reasons;
    }
}
