package io.kubelite.replication.deployment;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One step of a rolling update, as Kubernetes' {@code rolling.go}: scale the new ReplicaSet up
 * as far as maxSurge allows, and the old ones down as far as maxUnavailable allows.
 *
 * <p>Scale up: at most {@code replicas + maxSurge} pods in all. Example: replicas 10, maxSurge 3,
 * old RS 10, new RS 0 → new RS to 3 (13 in all).
 *
 * <p>Scale down: keep at least {@code replicas - maxUnavailable} available. First old pods that
 * are not available go (they cost no availability), then available old pods down to the floor,
 * oldest ReplicaSet first. {@code maxScaledDown = allPods - minAvailable - newUnavailable}
 * counts the new RS's unready pods as if they were already lost. Example: replicas 10,
 * maxUnavailable 2, old RS 10 (10 available), new RS 3 (0 available): maxScaledDown =
 * 13 − 8 − 3 = 2 → old RS to 8. Next step, with the 3 new pods available: the new RS grows
 * to 13 − 11 + 3 = 5, then maxScaledDown = 13 − 8 − 2 = 3 → old RS to 5.
 */
public final class RollingUpdate {

    private RollingUpdate() {
    }

    /** What the new ReplicaSet should be scaled to. */
    public static int newReplicaSetReplicas(int replicas, Fenceposts f, ReplicaSetState newRs,
            List<ReplicaSetState> oldRss) {
        int current = newRs.specReplicas() + oldRss.stream().mapToInt(ReplicaSetState::specReplicas).sum();
        int maxTotal = replicas + f.maxSurge();
        if (current >= maxTotal) {
            return newRs.specReplicas();
        }
        int scaleUp = Math.min(maxTotal - current, Math.max(0, replicas - newRs.specReplicas()));
        return newRs.specReplicas() + scaleUp;
    }

    /** The new spec.replicas of every old ReplicaSet that should shrink (name → replicas). */
    public static Map<String, Integer> oldReplicaSetReplicas(int replicas, Fenceposts f, ReplicaSetState newRs,
            List<ReplicaSetState> oldRss) {
        Map<String, Integer> targets = new LinkedHashMap<>();
        int oldPods = oldRss.stream().mapToInt(ReplicaSetState::specReplicas).sum();
        if (oldPods == 0) {
            return targets;
        }
        int allPods = oldPods + newRs.specReplicas();
        int minAvailable = replicas - f.maxUnavailable();
        int newUnavailable = Math.max(0, newRs.specReplicas() - newRs.availableReplicas());
        int maxScaledDown = allPods - minAvailable - newUnavailable;
        if (maxScaledDown <= 0) {
            return targets;
        }
        List<ReplicaSetState> oldest = new ArrayList<>(oldRss);
        oldest.sort(Comparator.comparing(ReplicaSetState::created).thenComparing(ReplicaSetState::name));
        // 1. unhealthy old pods first: they cost no availability
        int cleaned = 0;
        List<ReplicaSetState> after = new ArrayList<>();
        for (ReplicaSetState rs : oldest) {
            int unhealthy = Math.max(0, rs.specReplicas() - rs.availableReplicas());
            int down = Math.min(maxScaledDown - cleaned, unhealthy);
            if (down > 0) {
                cleaned += down;
                targets.put(rs.name(), rs.specReplicas() - down);
                rs = rs.withSpecReplicas(rs.specReplicas() - down);
            }
            after.add(rs);
        }
        // 2. available old pods, down to minAvailable across all ReplicaSets
        int available = newRs.availableReplicas()
                + after.stream().mapToInt(rs -> Math.min(rs.availableReplicas(), rs.specReplicas())).sum();
        int total = Math.min(maxScaledDown - cleaned, available - minAvailable);
        for (ReplicaSetState rs : after) {
            if (total <= 0) {
                break;
            }
            int down = Math.min(rs.specReplicas(), total);
            if (down > 0) {
                total -= down;
                targets.put(rs.name(), rs.specReplicas() - down);
            }
        }
        return targets;
    }
}
