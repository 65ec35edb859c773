package io.kubelite.scheduler.filters;

import io.kubelite.scheduler.framework.HostPort;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/** Rejects a node where a host port the pod wants is already taken (see {@link HostPort#conflictsWith}). */
public final class NodePortsFilter implements NodeFilter {

    static final String REASON = "node(s) didn't have free ports for the requested pod ports";

    @Override
    public List<String> reasons(PodInfo pod, NodeInfo node) {
        for (HostPort wanted : pod.hostPorts()) {
            for (HostPort used : node.usedPorts()) {
                if (wanted.conflictsWith(used)) {
                    return List.of(REASON);
                }
            }
        }
        return List.of();
    }
}
