package io.kubelite.replication.deployment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Recreate strategy, as Kubernetes' {@code recreate.go}: scale every old ReplicaSet to 0,
 * wait until none of them has a pod left, then scale the new one to {@code replicas}. Example:
 * old RS 3 → 0; while its status still shows 2 pods the new RS stays at 0; then new RS → 3.
 */
public final class Recreate {

    private Recreate() {
    }

    /** ReplicaSet name → new spec.replicas; empty when nothing needs to change. */
    public static Map<String, Integer> step(int replicas, ReplicaSetState newRs, List<ReplicaSetState> oldRss) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        for (ReplicaSetState rs : oldRss) {
            if (rs.specReplicas() != 0) {
                targets.put(rs.name(), 0);
            }
        }
        boolean oldPodsGone = oldRss.stream().allMatch(rs -> rs.statusReplicas() == 0);
        if (targets.isEmpty() && oldPodsGone && newRs.specReplicas() != replicas) {
            targets.put(newRs.name(), replicas);
        }
        return targets;
    }
}
