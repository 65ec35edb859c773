package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.replication.deployment.TemplateHash;
import io.kubelite.replication.history.ControllerHistory;
import io.kubelite.replication.history.RevisionControl;
import io.kubelite.replication.pods.Owners;
import io.kubelite.replication.pods.PodStates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Keeps a StatefulSet's numbered pods ({@link StatefulIdentity}) and their claims, one step at a
 * time ({@link StatefulPlan}); keeps a ControllerRevision per template ({@link ControllerHistory}),
 * so {@code kubectl rollout history/undo sts/…} work; and reports replicas, ready, available,
 * current and updated replicas and the two revisions, which {@code kubectl rollout status} reads.
 */
public final class StatefulSetReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(StatefulSetReconciler.class);
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private final StatefulSetStore store;
    private final StatefulControl control;
    private final RevisionControl revisions;
    private final EventRecorder events;
    private final Clock clock;

    StatefulSetReconciler(StatefulSetStore store, StatefulControl control, RevisionControl revisions, EventRecorder events,
            Clock clock) {
        this.store = store;
        this.control = control;
        this.revisions = revisions;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<StatefulSet> found = store.get(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        StatefulSet set = found.get();
        String uid = set.getMetadata().getUid();
        Map<Integer, Pod> members = new HashMap<>();
        for (Pod pod : store.pods(uid)) {
            OptionalInt ordinal = StatefulIdentity.ordinal(set, pod);
            if (ordinal.isPresent() && Owners.isControlledBy(pod, uid)) {
                members.put(ordinal.getAsInt(), pod);
            }
        }
        StatefulSetStatus previous = set.getStatus() == null ? new StatefulSetStatus() : set.getStatus();
        ControllerHistory.Owner owner = new ControllerHistory.Owner("StatefulSet", set.getMetadata(),
                set.getSpec().getTemplate(), set.getSpec().getRevisionHistoryLimit(), false);
        // kube hashes with the collision count always given (0 until a collision)
        int collisions = previous.getCollisionCount() == null ? 0 : previous.getCollisionCount();
        String hash = TemplateHash.of(set.getSpec().getTemplate(), collisions);
        String updateRevision = owner.revisionName(hash);
        List<ControllerRevision> owned = store.revisions(uid).stream().filter(r -> Owners.isControlledBy(r, uid)).toList();
        String currentRevision = currentRevision(previous, owned, updateRevision);
        record(owner, hash, owned, members.values(), currentRevision);

        int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        Instant now = clock.instant();
        List<StatefulPlan.PodState> states = members.entrySet().stream().map(e -> new StatefulPlan.PodState(
                e.getValue().getMetadata().getName(), e.getKey(), revisionOf(e.getValue()), PodStates.isDeleting(e.getValue()),
                PodStates.isTerminal(e.getValue()), healthy(e.getValue(), minReady, now))).toList();
        StatefulPlan plan = StatefulPlan.decide(planSpec(set, updateRevision), states);
        for (StatefulPlan.Action action : plan.actions()) {
            if (action instanceof StatefulPlan.Create c) {
                // counted in this pass's status, as the pods it made are in kube's
                create(set, c, currentRevision, updateRevision, owned).ifPresent(p -> members.put(c.ordinal(), p));
            } else if (action instanceof StatefulPlan.Delete d) {
                delete(set, d, members.get(d.ordinal()));
            }
        }

        StatefulSetStatus status = status(set, previous, members.values(), currentRevision, updateRevision, minReady, now);
        if (!status.equals(previous)) {
            control.writeStatus(new StatefulSetBuilder(set).withStatus(status).build());
        }
        return untilAvailable(members.values(), minReady, now).map(Result::requeueAfter).orElse(Result.done());
    }

    private static StatefulPlan.Spec planSpec(StatefulSet set, String updateRevision) {
        var strategy = set.getSpec().getUpdateStrategy();
        boolean rolling = strategy == null || !"OnDelete".equals(strategy.getType());
        Integer partition = strategy == null || strategy.getRollingUpdate() == null ? null
                : strategy.getRollingUpdate().getPartition();
        int start = set.getSpec().getOrdinals() == null || set.getSpec().getOrdinals().getStart() == null
                ? 0 : set.getSpec().getOrdinals().getStart();
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        return new StatefulPlan.Spec(start, replicas, !"Parallel".equals(set.getSpec().getPodManagementPolicy()), rolling,
                partition == null ? 0 : partition, updateRevision);
    }

    /** The revision the set ran before its template last changed: the one in its status while that revision exists. */
    private static String currentRevision(StatefulSetStatus status, List<ControllerRevision> owned, String updateRevision) {
        String current = status.getCurrentRevision();
        if (current != null && owned.stream().anyMatch(r -> current.equals(r.getMetadata().getName()))) {
            return current;
        }
        return updateRevision;
    }

    private void record(ControllerHistory.Owner owner, String hash, List<ControllerRevision> owned,
            java.util.Collection<Pod> pods, String currentRevision) {
        Set<String> inUse = new HashSet<>();
        pods.forEach(p -> inUse.add(revisionOf(p)));
        inUse.add(currentRevision);
        ControllerHistory.Plan plan = ControllerHistory.decide(owner, hash, owned, inUse);
        plan.create().ifPresent(revisions::create);
        plan.renumber().ifPresent(r -> revisions.renumber(r.revision(), r.to()));
        plan.delete().forEach(revisions::delete);
    }

    private Optional<Pod> create(StatefulSet set, StatefulPlan.Create c, String currentRevision, String updateRevision,
            List<ControllerRevision> owned) {
        String podName = StatefulIdentity.podName(set, c.ordinal());
        for (PersistentVolumeClaim claim : StatefulIdentity.claims(set, c.ordinal())) {
            if (store.claim(set.getMetadata().getNamespace(), claim.getMetadata().getName()).isPresent()) {
                continue;
            }
            PersistentVolumeClaim wanted = deletedWithSet(set) ? new PersistentVolumeClaimBuilder(claim).editMetadata()
                    .addToOwnerReferences(setReference(set)).endMetadata().build() : claim;
            if (control.createClaim(wanted)) {
                events.normal(set, "SuccessfulCreate", "create Claim " + claim.getMetadata().getName() + " Pod " + podName
                        + " in StatefulSet " + set.getMetadata().getName() + " success");
            }
        }
        boolean current = !c.atUpdateRevision() && !currentRevision.equals(updateRevision);
        PodTemplateSpec template = current ? templateOf(owned, currentRevision).orElse(set.getSpec().getTemplate())
                : set.getSpec().getTemplate();
        Pod pod = StatefulIdentity.pod(set, template, current ? currentRevision : updateRevision, c.ordinal());
        if (control.createPod(pod)) {
            events.normal(set, "SuccessfulCreate", "create Pod " + podName + " in StatefulSet "
                    + set.getMetadata().getName() + " successful");
            log.info("statefulset {}/{} created pod {} at revision {}", set.getMetadata().getNamespace(),
                    set.getMetadata().getName(), podName, pod.getMetadata().getLabels().get(ControllerHistory.REVISION_LABEL));
            return Optional.of(pod);
        }
        return Optional.empty();
    }

    private void delete(StatefulSet set, StatefulPlan.Delete d, Pod pod) {
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        var retention = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        boolean condemned = d.ordinal() >= replicas;
        if (condemned && retention != null && "Delete".equals(retention.getWhenScaled()) && pod != null) {
            // the claims go with the pod that scaling down removes (its owner)
            OwnerReference podOwner = new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod")
                    .withName(pod.getMetadata().getName()).withUid(pod.getMetadata().getUid()).build();
            for (PersistentVolumeClaim claim : StatefulIdentity.claims(set, d.ordinal())) {
                store.claim(set.getMetadata().getNamespace(), claim.getMetadata().getName())
                        .filter(c -> !Owners.isOwnedBy(c, pod.getMetadata().getUid()))
                        .ifPresent(c -> control.addClaimOwner(c, podOwner));
            }
        }
        control.deletePod(set.getMetadata().getNamespace(), d.pod());
        events.normal(set, "SuccessfulDelete", "delete Pod " + d.pod() + " in StatefulSet " + set.getMetadata().getName()
                + " successful");
    }

    private static boolean deletedWithSet(StatefulSet set) {
        var retention = set.getSpec().getPersistentVolumeClaimRetentionPolicy();
        return retention != null && "Delete".equals(retention.getWhenDeleted());
    }

    private static OwnerReference setReference(StatefulSet set) {
        return new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("StatefulSet")
                .withName(set.getMetadata().getName()).withUid(set.getMetadata().getUid()).build();
    }

    /** The pod template a revision recorded ({@code data.spec.template} without its {@code $patch}). */
    static Optional<PodTemplateSpec> templateOf(List<ControllerRevision> owned, String name) {
        return owned.stream().filter(r -> name.equals(r.getMetadata().getName())).findFirst().map(r -> {
            Object data = r.getData();
            Map<?, ?> spec = data instanceof Map<?, ?> m && m.get("spec") instanceof Map<?, ?> s ? s : Map.of();
            Map<String, Object> template = new java.util.LinkedHashMap<>();
            if (spec.get("template") instanceof Map<?, ?> t) {
                t.forEach((k, v) -> template.put(String.valueOf(k), v));
            }
            template.remove("$patch");
            return SERIALIZATION.convertValue(template, PodTemplateSpec.class);
        });
    }

    private static String revisionOf(Pod pod) {
        Map<String, String> labels = pod.getMetadata().getLabels();
        return labels == null ? "" : labels.getOrDefault(ControllerHistory.REVISION_LABEL, "");
    }

    private static boolean healthy(Pod pod, int minReady, Instant now) {
        return "Running".equals(PodStates.phase(pod)) && PodStates.isReady(pod) && PodStates.isAvailable(pod, minReady, now);
    }

    private static StatefulSetStatus status(StatefulSet set, StatefulSetStatus previous, java.util.Collection<Pod> pods,
            String currentRevision, String updateRevision, int minReady, Instant now) {
        int replicas = pods.size();
        int ready = (int) pods.stream().filter(p -> "Running".equals(PodStates.phase(p)) && PodStates.isReady(p)
                && !PodStates.isDeleting(p)).count();
        int available = (int) pods.stream().filter(p -> healthy(p, minReady, now) && !PodStates.isDeleting(p)).count();
        int current = (int) pods.stream().filter(p -> currentRevision.equals(revisionOf(p))).count();
        int updated = (int) pods.stream().filter(p -> updateRevision.equals(revisionOf(p))).count();
        String currentName = currentRevision;
        var strategy = set.getSpec().getUpdateStrategy();
        boolean rolling = strategy == null || !"OnDelete".equals(strategy.getType());
        if (rolling && updated == replicas && ready == replicas) {
            // the rollout is complete: what runs is now the current revision
            currentName = updateRevision;
            current = updated;
        }
        return new StatefulSetStatusBuilder(previous).withObservedGeneration(set.getMetadata().getGeneration())
                .withReplicas(replicas).withReadyReplicas(ready).withAvailableReplicas(available)
                .withCurrentReplicas(current).withUpdatedReplicas(updated).withCurrentRevision(currentName)
                .withUpdateRevision(updateRevision)
                .withCollisionCount(previous.getCollisionCount() == null ? 0 : previous.getCollisionCount()).build();
    }

    /** With minReadySeconds, when the next Ready pod becomes available. */
    private static Optional<Duration> untilAvailable(java.util.Collection<Pod> pods, int minReady, Instant now) {
        if (minReady <= 0) {
            return Optional.empty();
        }
        return pods.stream().filter(PodStates::isReady).map(PodStates::readySince).flatMap(Optional::stream)
                .map(since -> Duration.between(now, since.plusSeconds(minReady)))
                .filter(d -> !d.isNegative() && !d.isZero()).min(Duration::compareTo)
                .map(d -> d.plusMillis(100));
    }
}
