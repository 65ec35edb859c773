package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.replication.pods.PodStates;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The status a ReplicaSet reports for the active pods it owns. Example: template labels
 * {app: web, tier: fe}, 3 pods of which one lost label tier (still matched by selector app=web),
 * two Ready, one of those Ready for 4 s with minReadySeconds 10 → replicas 3,
 * fullyLabeledReplicas 2, readyReplicas 2, availableReplicas 1.
 */
public final class ReplicaCounts {

    private ReplicaCounts() {
    }

    public static ReplicaSetStatus status(ReplicaSetView rs, List<Pod> ownedActivePods, Instant now) {
        Map<String, String> templateLabels = rs.template() == null || rs.template().getMetadata() == null
                || rs.template().getMetadata().getLabels() == null ? Map.of() : rs.template().getMetadata().getLabels();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod pod : ownedActivePods) {
            Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
            if (labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (PodStates.isReady(pod)) {
                ready++;
                if (PodStates.isAvailable(pod, rs.minReadySeconds(), now)) {
                    available++;
                }
            }
        }
        return new ReplicaSetStatus(ownedActivePods.size(), fullyLabeled, ready, available, rs.generation());
    }

    /**
     * When to look again so that a Ready pod is counted available once minReadySeconds have
     * passed: the earliest such moment among ready-but-not-yet-available pods.
     */
    public static Optional<Duration> nextAvailabilityCheck(ReplicaSetView rs, List<Pod> ownedActivePods, Instant now) {
        if (rs.minReadySeconds() <= 0) {
            return Optional.empty();
        }
        Duration next = null;
        for (Pod pod : ownedActivePods) {
            if (PodStates.isReady(pod) && !PodStates.isAvailable(pod, rs.minReadySeconds(), now)) {
                Duration wait = PodStates.readySince(pod)
                        .map(since -> Duration.between(now, since.plusSeconds(rs.minReadySeconds())))
                        .orElse(Duration.ofSeconds(rs.minReadySeconds()));
                wait = wait.isNegative() || wait.isZero() ? Duration.ofSeconds(1) : wait.plusMillis(100);
                next = next == null || wait.compareTo(next) < 0 ? wait : next;
            }
        }
        return Optional.ofNullable(next);
    }
}
