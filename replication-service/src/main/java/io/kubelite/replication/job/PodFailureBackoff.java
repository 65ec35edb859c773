package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.replication.pods.PodStates;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * How long a Job waits before it replaces failed pods, as Kubernetes' Job controller has it: after
 * {@code n} failures since the last success, {@value #BASE_SECONDS} s × 2^(n-1), at most
 * {@value #MAX_SECONDS} s, counted from the last failure. A success resets the count.
 *
 * <p>Example: pods finish failed at 12:00:00 and 12:00:10 → the third pod is created at 12:00:30
 * (20 s after the second failure); had a pod succeeded at 12:00:15, the next failure would again
 * wait only 10 s.
 */
final class PodFailureBackoff {

    static final long BASE_SECONDS = 10;
    static final long MAX_SECONDS = 360;

    private PodFailureBackoff() {
    }

    /** The time left before a new pod may replace the failed ones; zero when none has to wait. */
    static Duration remaining(List<Pod> pods, Instant now) {
        List<Pod> finished = pods.stream().filter(p -> isFinished(p) && finishedAt(p).isPresent())
                .sorted(Comparator.comparing(p -> finishedAt(p).orElseThrow())).toList();
        int failures = 0;
        Instant lastFailure = null;
        for (Pod pod : finished) {
            if ("Succeeded".equals(PodStates.phase(pod))) {
                failures = 0;
                lastFailure = null;
            } else {
                failures++;
                lastFailure = finishedAt(pod).orElseThrow();
            }
        }
        if (failures == 0) {
            return Duration.ZERO;
        }
        long seconds = failures > 10 ? MAX_SECONDS : Math.min(MAX_SECONDS, BASE_SECONDS << (failures - 1));
        Duration left = Duration.between(now, lastFailure.plusSeconds(seconds));
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static boolean isFinished(Pod pod) {
        String phase = PodStates.phase(pod);
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    /** When a finished pod finished: its containers' last finish, else its deletion or creation. */
    static Optional<Instant> finishedAt(Pod pod) {
        Stream<ContainerStatus> statuses = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? Stream.empty() : pod.getStatus().getContainerStatuses().stream();
        Optional<Instant> containers = statuses.map(s -> s.getState() == null || s.getState().getTerminated() == null
                        ? null : s.getState().getTerminated().getFinishedAt())
                .filter(Objects::nonNull).map(Instant::parse).max(Comparator.naturalOrder());
        if (containers.isPresent()) {
            return containers;
        }
        String fallback = pod.getMetadata().getDeletionTimestamp() != null ? pod.getMetadata().getDeletionTimestamp()
                : pod.getMetadata().getCreationTimestamp();
        return Optional.ofNullable(fallback).map(Instant::parse);
    }
}
