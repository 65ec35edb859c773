package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a controller reads from a pod's status, as Kubernetes' {@code podutil} reads it.
 *
 * <ul>
 *   <li>active: not Succeeded, not Failed, and not being deleted — the pods that count towards
 *       {@code replicas};</li>
 *   <li>ready: condition {@code Ready=True};</li>
 *   <li>available: ready for at least {@code minReadySeconds}. Example: minReadySeconds 10, Ready
 *       since 12:00:00 → available from 12:00:10 on; with minReadySeconds 0, ready is available.</li>
 * </ul>
 */
public final class PodStates {

    private PodStates() {
    }

    public static String phase(Pod pod) {
        return pod.getStatus() == null || pod.getStatus().getPhase() == null ? "" : pod.getStatus().getPhase();
    }

    public static boolean isTerminal(Pod pod) {
        String phase = phase(pod);
        return phase.equals("Succeeded") || phase.equals("Failed");
    }

    public static boolean isDeleting(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    public static boolean isActive(Pod pod) {
        return !isTerminal(pod) && !isDeleting(pod);
    }

    public static boolean isReady(Pod pod) {
        return readyCondition(pod).map(c -> "True".equals(c.getStatus())).orElse(false);
    }

    /** When the pod last became Ready, if it is ready and says so. */
    public static Optional<Instant> readySince(Pod pod) {
        return readyCondition(pod).filter(c -> "True".equals(c.getStatus()))
                .map(PodCondition::getLastTransitionTime).filter(t -> t != null && !t.isEmpty())
                .map(Instant::parse);
    }

    public static boolean isAvailable(Pod pod, int minReadySeconds, Instant now) {
        if (!isReady(pod)) {
            return false;
        }
        if (minReadySeconds <= 0) {
            return true;
        }
        return readySince(pod)
                .map(since -> !since.plus(Duration.ofSeconds(minReadySeconds)).isAfter(now))
                .orElse(false);
    }

    public static int maxContainerRestarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        int max = 0;
        for (ContainerStatus status : pod.getStatus().getContainerStatuses()) {
            if (status.getRestartCount() != null) {
                max = Math.max(max, status.getRestartCount());
            }
        }
        return max;
    }

    public static Optional<Instant> creationTime(Pod pod) {
        String t = pod.getMetadata().getCreationTimestamp();
        return t == null || t.isEmpty() ? Optional.empty() : Optional.of(Instant.parse(t));
    }

    public static boolean isScheduled(Pod pod) {
        return pod.getSpec() != null && pod.getSpec().getNodeName() != null && !pod.getSpec().getNodeName().isEmpty();
    }

    private static Optional<PodCondition> readyCondition(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).findFirst();
    }
}
