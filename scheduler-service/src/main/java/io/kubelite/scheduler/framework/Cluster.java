package io.kubelite.scheduler.framework;

import java.util.List;

/**
 * The nodes one decision looks at, and whether any pod on them has required pod anti-affinity
 * (which every new pod must then be checked against). The scheduler cache keeps that count as
 * pods come and go, so a decision for an ordinary pod in a cluster without such pods does not
 * look at every node for it.
 */
public record Cluster(List<NodeInfo> nodes, boolean anyRequiredAntiAffinity) {

    /** Counts by looking at every node (tests, and callers without a cache). */
    public static Cluster scan(List<NodeInfo> nodes) {
        return new Cluster(nodes, nodes.stream().anyMatch(n -> !n.podsWithRequiredAntiAffinity().isEmpty()));
    }
}
