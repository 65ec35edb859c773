package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Deployment's status and its Available and Progressing conditions, as Kubernetes'
 * {@code syncRolloutStatus} writes them and {@code kubectl rollout status} reads them.
 *
 * <p>Progressing: True/NewReplicaSetAvailable once complete (every replica updated and
 * available, no old pods); True/ReplicaSetUpdated while progress is being made (more updated,
 * ready or available pods, or fewer pods in all), which refreshes lastUpdateTime; and
 * False/ProgressDeadlineExceeded once lastUpdateTime is more than progressDeadlineSeconds ago.
 * Example: deadline 600 s, last progress at 12:00 → still progressing at 12:09:59, exceeded at 12:10:01.
 */
public final class RolloutStatus {

    public static final int DEFAULT_PROGRESS_DEADLINE_SECONDS = 600;

    /**
     * @param newRsName      the ReplicaSet of the current template, null while paused before one exists
     * @param newRsCreated   the new ReplicaSet was created by this sync
     */
    public record Input(long generation, int replicas, boolean paused, boolean wasPaused, int progressDeadlineSeconds,
            int maxUnavailable, String newRsName, boolean newRsCreated, ReplicaSetState newRs,
            List<ReplicaSetState> all, Integer collisionCount) {
    }

    private RolloutStatus() {
    }

    public static DeploymentStatus compute(Input in, DeploymentStatus previous, Instant now) {
        int total = in.all().stream().mapToInt(ReplicaSetState::statusReplicas).sum();
        int ready = in.all().stream().mapToInt(ReplicaSetState::readyReplicas).sum();
        int available = in.all().stream().mapToInt(ReplicaSetState::availableReplicas).sum();
        int updated = in.newRs() == null ? 0 : in.newRs().statusReplicas();
        List<DeploymentCondition> conditions = new ArrayList<>(previous == null || previous.getConditions() == null
                ? List.of() : previous.getConditions());
        DeploymentStatus next = new DeploymentStatusBuilder().withObservedGeneration(in.generation())
                .withReplicas(total).withUpdatedReplicas(updated).withReadyReplicas(ready)
                .withAvailableReplicas(available).withUnavailableReplicas(Math.max(0, in.replicas() - available))
                .withCollisionCount(in.collisionCount()).build();
        String ts = now.toString();
        if (available >= in.replicas() - in.maxUnavailable()) {
            set(conditions, condition("Available", "True", "MinimumReplicasAvailable",
                    "Deployment has minimum availability.", ts), false);
        } else {
            set(conditions, condition("Available", "False", "MinimumReplicasUnavailable",
                    "Deployment does not have minimum availability.", ts), false);
        }
        Optional<DeploymentCondition> progressing = find(conditions, "Progressing");
        if (in.paused()) {
            if (progressing.map(c -> !"DeploymentPaused".equals(c.getReason())).orElse(true)) {
                set(conditions, condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused", ts), true);
            }
        } else if (in.wasPaused()) {
            set(conditions, condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed", ts), true);
        } else if (in.newRsName() != null && complete(in, next)) {
            set(conditions, condition("Progressing", "True", "NewReplicaSetAvailable",
                    "ReplicaSet \"" + in.newRsName() + "\" has successfully progressed.", ts), false);
        } else if (in.newRsName() != null && in.newRsCreated()) {
            set(conditions, condition("Progressing", "True", "NewReplicaSetCreated",
                    "Created new replica set \"" + in.newRsName() + "\"", ts), true);
        } else if (in.newRsName() != null && (progressing.isEmpty() || progressed(previous, next))) {
            set(conditions, condition("Progressing", "True", "ReplicaSetUpdated",
                    "ReplicaSet \"" + in.newRsName() + "\" is progressing.", ts), true);
        } else if (in.newRsName() != null && timedOut(in, progressing, now)) {
            set(conditions, condition("Progressing", "False", "ProgressDeadlineExceeded",
                    "ReplicaSet \"" + in.newRsName() + "\" has timed out progressing.", ts), false);
        }
        next.setConditions(conditions);
        return next;
    }

    /** How long until the progress deadline passes, if the rollout is still in progress. */
    public static Optional<Duration> untilDeadline(DeploymentStatus status, int progressDeadlineSeconds, Instant now) {
        return find(status.getConditions() == null ? List.of() : status.getConditions(), "Progressing")
                .filter(c -> "True".equals(c.getStatus()) && !"NewReplicaSetAvailable".equals(c.getReason()))
                .map(c -> Duration.between(now, Instant.parse(c.getLastUpdateTime()).plusSeconds(progressDeadlineSeconds))
                        .plusSeconds(1))
                .map(d -> d.isNegative() ? Duration.ofSeconds(1) : d);
    }

    static boolean complete(Input in, DeploymentStatus s) {
        return s.getUpdatedReplicas() == in.replicas() && s.getReplicas() == in.replicas()
                && s.getAvailableReplicas() == in.replicas() && s.getObservedGeneration() >= in.generation();
    }

    static boolean progressed(DeploymentStatus old, DeploymentStatus now) {
        if (old == null) {
            return true;
        }
        return orZero(now.getUpdatedReplicas()) > orZero(old.getUpdatedReplicas())
                || orZero(now.getReplicas()) < orZero(old.getReplicas())
                || orZero(now.getReadyReplicas()) > orZero(old.getReadyReplicas())
                || orZero(now.getAvailableReplicas()) > orZero(old.getAvailableReplicas());
    }

    /**
     * Kubernetes' {@code DeploymentTimedOut}: a rollout that last finished (NewReplicaSetAvailable)
     * has not started timing out, however old that condition is. A sync that sees the new
     * ReplicaSet before the status its creation wrote (an informer a step behind) must not turn
     * a complete rollout's hours-old condition into ProgressDeadlineExceeded.
     */
    static boolean timedOut(Input in, Optional<DeploymentCondition> progressing, Instant now) {
        return progressing.filter(c -> c.getLastUpdateTime() != null && !"ProgressDeadlineExceeded".equals(c.getReason())
                        && !"NewReplicaSetAvailable".equals(c.getReason()))
                .map(c -> Instant.parse(c.getLastUpdateTime()).plusSeconds(in.progressDeadlineSeconds()).isBefore(now))
                .orElse(false);
    }

    private static int orZero(Integer i) {
        return i == null ? 0 : i;
    }

    private static DeploymentCondition condition(String type, String status, String reason, String message, String ts) {
        return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastUpdateTime(ts).withLastTransitionTime(ts).build();
    }

    private static Optional<DeploymentCondition> find(List<DeploymentCondition> conditions, String type) {
        return conditions.stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /**
     * Replaces the condition of the same type. An unchanged status and reason keeps the old
     * condition as it is, unless {@code refresh} (progress made) asks for a new lastUpdateTime;
     * lastTransitionTime moves only when the status changes.
     */
    private static void set(List<DeploymentCondition> conditions, DeploymentCondition c, boolean refresh) {
        Optional<DeploymentCondition> current = find(conditions, c.getType());
        if (current.isPresent()) {
            DeploymentCondition old = current.get();
            if (old.getStatus().equals(c.getStatus()) && old.getReason() != null && old.getReason().equals(c.getReason())
                    && !refresh) {
                return;
            }
            if (old.getStatus().equals(c.getStatus())) {
                c.setLastTransitionTime(old.getLastTransitionTime());
            }
            conditions.remove(old);
        }
        conditions.add(c);
    }
}
