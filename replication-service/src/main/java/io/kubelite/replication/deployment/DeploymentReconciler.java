package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.replication.pods.Owners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Drives a Deployment, as Kubernetes' {@code DeploymentController.syncDeployment}: finds the
 * ReplicaSet whose template equals the Deployment's (ignoring pod-template-hash) or creates it
 * with the next revision, moves replicas from the old ReplicaSets to it by the strategy
 * ({@link RollingUpdate} or {@link Recreate}), deletes old empty ReplicaSets beyond
 * revisionHistoryLimit, and writes status and conditions ({@link RolloutStatus}). While
 * {@code spec.paused} no new ReplicaSet is rolled out.
 */
public final class DeploymentReconciler implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(DeploymentReconciler.class);
    private static final int DEFAULT_HISTORY_LIMIT = 10;

    private final Function<ObjectKey, Optional<Deployment>> deployments;
    private final Function<String, List<ReplicaSet>> replicaSetsInNamespace;
    private final DeploymentControl control;
    private final Clock clock;
    private final EventRecorder events;
    private final WrittenReplicas written = new WrittenReplicas();

    public DeploymentReconciler(Function<ObjectKey, Optional<Deployment>> deployments,
            Function<String, List<ReplicaSet>> replicaSetsInNamespace, DeploymentControl control, EventRecorder events,
            Clock clock) {
        this.events = events;
        this.deployments = deployments;
        this.replicaSetsInNamespace = replicaSetsInNamespace;
        this.control = control;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Deployment> found = deployments.apply(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Deployment d = found.get();
        String uid = d.getMetadata().getUid();
        List<ReplicaSet> owned = claimReplicaSets(d);
        owned.sort(Comparator.comparing((ReplicaSet rs) -> created(rs)).thenComparing(rs -> rs.getMetadata().getName()));
        ReplicaSet newRs = owned.stream()
                .filter(rs -> Templates.equalIgnoringHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate()))
                .findFirst().orElse(null);
        List<ReplicaSet> olds = new ArrayList<>(owned);
        olds.remove(newRs);
        boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
        int replicas = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean recreate = d.getSpec().getStrategy() != null && "Recreate".equals(d.getSpec().getStrategy().getType());
        Fenceposts f = recreate ? new Fenceposts(0, replicas)
                : Fenceposts.resolve(d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                        ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxSurge(),
                        d.getSpec().getStrategy() == null || d.getSpec().getStrategy().getRollingUpdate() == null
                                ? null : d.getSpec().getStrategy().getRollingUpdate().getMaxUnavailable(), replicas);
        boolean created = false;
        if (newRs == null && !paused) {
            newRs = createNewReplicaSet(d, olds, recreate ? 0 : RollingUpdate.newReplicaSetReplicas(replicas, f,
                    new ReplicaSetState("", 0, 0, 0, 0, Instant.EPOCH), states(olds)));
            created = true;
        } else if (newRs != null && Revisions.of(newRs) <= Revisions.max(olds)) {
            newRs = control.setRevision(newRs, Revisions.max(olds) + 1);
        }
        if (newRs != null && Revisions.of(d) != Revisions.of(newRs)) {
            control.setDeploymentRevision(d, Revisions.of(newRs));
        }
        if (newRs != null && !paused) {
            scale(d, newRs, olds, replicas, f, recreate);
        } else if (newRs != null && olds.stream().allMatch(rs -> written.specReplicas(rs) == 0)) {
            // paused: only a plain scale of a finished rollout goes through
            if (written.specReplicas(newRs) != replicas) {
                scaleTo(d, newRs, replicas);
            }
        }
        cleanupHistory(d, olds);
        return writeStatus(d, newRs, created, replicas, f, paused, owned);
    }

    /**
     * The ReplicaSets this Deployment controls, adopting orphans its selector matches (e.g. left
     * by {@code kubectl delete deployment --cascade=orphan} and a re-create), as Kubernetes does.
     */
    private List<ReplicaSet> claimReplicaSets(Deployment d) {
        String uid = d.getMetadata().getUid();
        LabelSelector selector = LabelSelector.fromApi(d.getSpec().getSelector());
        List<ReplicaSet> owned = new ArrayList<>();
        for (ReplicaSet rs : replicaSetsInNamespace.apply(d.getMetadata().getNamespace())) {
            if (Owners.isControlledBy(rs, uid)) {
                owned.add(rs);
            } else if (Owners.controllerOf(rs).isEmpty() && rs.getMetadata().getDeletionTimestamp() == null
                    && selector.matches(rs.getMetadata().getLabels())) {
                owned.add(control.adoptReplicaSet(rs, Owners.controllerRef("apps/v1", "Deployment",
                        d.getMetadata().getName(), uid)));
            }
        }
        return owned;
    }

    private ReplicaSet createNewReplicaSet(Deployment d, List<ReplicaSet> olds, int replicas) {
        Integer collisions = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        String hash = TemplateHash.of(d.getSpec().getTemplate(), collisions);
        ReplicaSet wanted = NewReplicaSet.build(d, hash, Revisions.max(olds) + 1, replicas);
        DeploymentControl.CreateResult result = control.createReplicaSet(wanted);
        if (result.created() != null) {
            LOG.atInfo().addKeyValue("deployment", d.getMetadata().getNamespace() + "/" + d.getMetadata().getName())
                    .addKeyValue("replicaSet", wanted.getMetadata().getName()).addKeyValue("replicas", replicas)
                    .log("Created new ReplicaSet");
            remember(result.created());
            events.normal(d, "ScalingReplicaSet", "Scaled up replica set " + wanted.getMetadata().getName() + " from 0 to "
                    + replicas);
            return result.created();
        }
        ReplicaSet existing = result.existing().orElseThrow();
        if (Owners.isControlledBy(existing, d.getMetadata().getUid())
                && Templates.equalIgnoringHash(existing.getSpec().getTemplate(), d.getSpec().getTemplate())) {
            return existing;
        }
        // A hash collision: another template already owns this name. Count it and try the next name.
        int next = collisions == null ? 1 : collisions + 1;
        DeploymentStatus status = new DeploymentStatusBuilder(d.getStatus() == null ? new DeploymentStatus() : d.getStatus())
                .withCollisionCount(next).build();
        control.writeStatus(d, status);
        throw new IllegalStateException("ReplicaSet " + wanted.getMetadata().getName() + " exists with another template; "
                + "collisionCount now " + next);
    }

    private void scale(Deployment d, ReplicaSet newRs, List<ReplicaSet> olds, int replicas, Fenceposts f, boolean recreate) {
        ReplicaSetState newState = state(newRs);
        List<ReplicaSetState> oldStates = states(olds);
        Map<String, Integer> targets;
        if (recreate) {
            targets = Recreate.step(replicas, newState, oldStates);
        } else {
            int newTarget = RollingUpdate.newReplicaSetReplicas(replicas, f, newState, oldStates);
            if (newTarget > newState.specReplicas()) {
                scaleTo(d, newRs, newTarget);
                newState = newState.withSpecReplicas(newTarget);
            } else if (oldStates.stream().allMatch(s -> s.specReplicas() == 0) && newState.specReplicas() != replicas) {
                // no rollout in progress: a plain scale (down) of the deployment
                scaleTo(d, newRs, replicas);
                newState = newState.withSpecReplicas(replicas);
            }
            targets = RollingUpdate.oldReplicaSetReplicas(replicas, f, newState, oldStates);
        }
        for (Map.Entry<String, Integer> target : targets.entrySet()) {
            ReplicaSet rs = target.getKey().equals(newRs.getMetadata().getName()) ? newRs
                    : olds.stream().filter(o -> o.getMetadata().getName().equals(target.getKey())).findFirst().orElseThrow();
            scaleTo(d, rs, target.getValue());
        }
    }

    /** Old ReplicaSets scaled to 0 with no pods left, beyond revisionHistoryLimit, oldest first. */
    private void cleanupHistory(Deployment d, List<ReplicaSet> olds) {
        int limit = d.getSpec().getRevisionHistoryLimit() == null ? DEFAULT_HISTORY_LIMIT
                : d.getSpec().getRevisionHistoryLimit();
        List<ReplicaSet> empty = olds.stream().filter(rs -> written.specReplicas(rs) == 0
                && (rs.getStatus() == null || rs.getStatus().getReplicas() == null || rs.getStatus().getReplicas() == 0))
                .sorted(Comparator.comparingLong(Revisions::of)).toList();
        for (int i = 0; i < empty.size() - limit; i++) {
            ReplicaSet rs = empty.get(i);
            control.deleteReplicaSet(rs);
            written.forget(rs.getMetadata().getUid());
        }
    }

    private Result writeStatus(Deployment d, ReplicaSet newRs, boolean created, int replicas, Fenceposts f,
            boolean paused, List<ReplicaSet> owned) {
        List<ReplicaSet> all = new ArrayList<>(owned);
        if (newRs != null && all.stream().noneMatch(rs -> rs.getMetadata().getName().equals(newRs.getMetadata().getName()))) {
            all.add(newRs);
        }
        DeploymentStatus previous = d.getStatus();
        boolean wasPaused = !paused && previous != null && previous.getConditions() != null && previous.getConditions()
                .stream().anyMatch(c -> "Progressing".equals(c.getType()) && "DeploymentPaused".equals(c.getReason()));
        int deadline = d.getSpec().getProgressDeadlineSeconds() == null ? RolloutStatus.DEFAULT_PROGRESS_DEADLINE_SECONDS
                : d.getSpec().getProgressDeadlineSeconds();
        Instant now = clock.instant();
        DeploymentStatus next = RolloutStatus.compute(new RolloutStatus.Input(generation(d), replicas, paused, wasPaused,
                deadline, f.maxUnavailable(), newRs == null ? null : newRs.getMetadata().getName(), created,
                newRs == null ? null : state(newRs), states(all),
                previous == null ? null : previous.getCollisionCount()), previous, now);
        if (!sameStatus(previous, next)) {
            control.writeStatus(d, next);
        }
        if (paused) {
            return Result.done();
        }
        return RolloutStatus.untilDeadline(next, deadline, now).map(Result::requeueAfter).orElse(Result.done());
    }

    private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
        if (a == null) {
            return false;
        }
        List<DeploymentCondition> ac = a.getConditions() == null ? List.of() : a.getConditions();
        return java.util.Objects.equals(a.getObservedGeneration(), b.getObservedGeneration())
                && java.util.Objects.equals(a.getReplicas(), b.getReplicas())
                && java.util.Objects.equals(a.getUpdatedReplicas(), b.getUpdatedReplicas())
                && java.util.Objects.equals(a.getReadyReplicas(), b.getReadyReplicas())
                && java.util.Objects.equals(a.getAvailableReplicas(), b.getAvailableReplicas())
                && java.util.Objects.equals(a.getUnavailableReplicas(), b.getUnavailableReplicas())
                && java.util.Objects.equals(a.getCollisionCount(), b.getCollisionCount())
                && ac.equals(b.getConditions());
    }

    /** Scales and tells {@code kubectl describe deployment}: "Scaled up replica set web-5d4f to 3 from 1". */
    private void scaleTo(Deployment d, ReplicaSet rs, int replicas) {
        int from = written.specReplicas(rs);
        remember(control.scaleReplicaSet(rs, replicas));
        events.normal(d, "ScalingReplicaSet", "Scaled " + (replicas > from ? "up" : "down") + " replica set "
                + rs.getMetadata().getName() + " from " + from + " to " + replicas);
    }

    private void remember(ReplicaSet rs) {
        if (rs != null) {
            written.remember(rs);
        }
    }

    private List<ReplicaSetState> states(List<ReplicaSet> rss) {
        return rss.stream().map(this::state).toList();
    }

    private ReplicaSetState state(ReplicaSet rs) {
        var st = rs.getStatus();
        return new ReplicaSetState(rs.getMetadata().getName(), written.specReplicas(rs),
                st == null || st.getReplicas() == null ? 0 : st.getReplicas(),
                st == null || st.getReadyReplicas() == null ? 0 : st.getReadyReplicas(),
                st == null || st.getAvailableReplicas() == null ? 0 : st.getAvailableReplicas(), created(rs));
    }

    private static Instant created(ReplicaSet rs) {
        String t = rs.getMetadata().getCreationTimestamp();
        return t == null || t.isEmpty() ? Instant.EPOCH : Instant.parse(t);
    }

    private static long generation(Deployment d) {
        return d.getMetadata().getGeneration() == null ? 0 : d.getMetadata().getGeneration();
    }

}
