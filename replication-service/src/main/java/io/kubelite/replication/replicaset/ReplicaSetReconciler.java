package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.replication.pods.DeletionOrder;
import io.kubelite.replication.pods.Owners;
import io.kubelite.replication.pods.PodControl;
import io.kubelite.replication.pods.Parallel;
import io.kubelite.replication.pods.PodStates;
import io.kubelite.replication.pods.SlowStart;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps exactly {@code replicas} active pods matching the selector of one ReplicaSet or
 * ReplicationController (the kind comes through {@link ReplicaKind}), like Kubernetes'
 * {@code ReplicaSetController.syncReplicaSet}:
 * <ol>
 *   <li>claim: adopt matching orphans, release owned pods that stopped matching;</li>
 *   <li>if the expectations of the last sync were all observed, create the missing pods in
 *       slow-start batches or delete the surplus in {@link DeletionOrder} — at most
 *       {@code burstReplicas} per sync;</li>
 *   <li>write the status if it changed.</li>
 * </ol>
 * Example: replicas 5, 2 active pods → expect 3 creations, create in batches 1 then 2; the next
 * sync waits until three pod-added events have lowered the expectation to 0.
 */
public final class ReplicaSetReconciler<T extends HasMetadata> implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(ReplicaSetReconciler.class);

    /** Kubernetes' {@code BurstReplicas}: the most pods created or deleted by one sync. */
    public static final int DEFAULT_BURST_REPLICAS = 500;

    private final ReplicaKind<T> kind;
    private final PodSource pods;
    private final PodControl podControl;
    private final Expectations expectations;
    private final Clock clock;
    private final int burstReplicas;
    private final Executor calls;

    /** @param calls runs the API calls of one batch concurrently ({@code Runnable::run} runs them one by one) */
    public ReplicaSetReconciler(ReplicaKind<T> kind, PodSource pods, PodControl podControl, Expectations expectations,
            Clock clock, int burstReplicas, Executor calls) {
        this.calls = calls;
        this.kind = kind;
        this.pods = pods;
        this.podControl = podControl;
        this.expectations = expectations;
        this.clock = clock;
        this.burstReplicas = burstReplicas;
    }

    public ReplicaKind<T> kind() {
        return kind;
    }

    public Expectations expectations() {
        return expectations;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<T> found = kind.get(key);
        if (found.isEmpty()) {
            expectations.delete(key);
            return Result.done();
        }
        T object = found.get();
        ReplicaSetView rs = kind.view(object);
        boolean mayManage = expectations.satisfied(key) && !rs.deleting();
        List<Pod> active = pods.inNamespace(key.namespace()).stream().filter(PodStates::isActive).toList();
        List<Pod> owned = claim(rs, active);
        if (mayManage) {
            manage(rs, owned);
        }
        ReplicaSetStatus status = ReplicaCounts.status(rs, owned, clock.instant());
        if (!status.equals(rs.status())) {
            kind.writeStatus(object, status);
        }
        Optional<Duration> recheck = ReplicaCounts.nextAvailabilityCheck(rs, owned, clock.instant());
        return recheck.map(Result::requeueAfter).orElse(Result.done());
    }

    private List<Pod> claim(ReplicaSetView rs, List<Pod> active) {
        PodClaims claims = PodClaims.claim(rs, active);
        List<Pod> owned = new ArrayList<>(claims.owned());
        OwnerReference ref = rs.controllerRef();
        if (!claims.toAdopt().isEmpty() && !stillWantsPods(rs)) {
            return owned;
        }
        for (Pod pod : claims.toAdopt()) {
            try {
                podControl.adopt(pod, ref);
                owned.add(pod);
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("owner", rs.kind() + " " + rs.key()).addKeyValue("pod", pod.getMetadata().getName())
                        .log("Could not adopt pod: {}", e.getMessage());
            }
        }
        for (Pod pod : claims.toRelease()) {
            try {
                podControl.release(pod, rs.uid());
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("owner", rs.kind() + " " + rs.key()).addKeyValue("pod", pod.getMetadata().getName())
                        .log("Could not release pod: {}", e.getMessage());
            }
        }
        return owned;
    }

    /** Kubernetes' RecheckDeletionTimestamp: the owner, read live, is the same object and not being deleted. */
    private boolean stillWantsPods(ReplicaSetView rs) {
        Optional<T> live = kind.getLive(rs.key());
        return live.isPresent() && rs.uid().equals(live.get().getMetadata().getUid())
                && live.get().getMetadata().getDeletionTimestamp() == null;
    }

    private void manage(ReplicaSetView rs, List<Pod> owned) {
        int diff = owned.size() - rs.replicas();
        if (diff < 0) {
            // Changes reach the cache on one topic per kind, so an owner deleted with
            // --cascade=orphan can still be cached when its released pods arrive: it would
            // create replacements for a controller that no longer exists. Ask the API first.
            if (!stillWantsPods(rs)) {
                return;
            }
            create(rs, Math.min(-diff, burstReplicas));
        } else if (diff > 0) {
            delete(rs, DeletionOrder.firstToDelete(owned, Math.min(diff, burstReplicas)));
        }
    }

    private void create(ReplicaSetView rs, int count) {
        ObjectKey key = rs.key();
        expectations.expectCreations(key, count);
        OwnerReference ref = rs.controllerRef();
        AtomicInteger failures = new AtomicInteger();
        int created = SlowStart.run(count, 1, batch -> Parallel.run(calls, batch, i -> {
            try {
                podControl.create(key.namespace(), rs.template(), ref);
                return true;
            } catch (RuntimeException e) {
                failures.incrementAndGet();
                LOG.atWarn().addKeyValue("owner", rs.kind() + " " + key).log("Pod creation failed: {}", e.getMessage());
                return false;
            }
        }));
        // No add event will come for a pod that was never created: lower the expectation now.
        for (int i = created; i < count; i++) {
            expectations.creationObserved(key);
        }
        LOG.atInfo().addKeyValue("owner", rs.kind() + " " + key).addKeyValue("created", created)
                .addKeyValue("wanted", count).log("Created pods");
        if (failures.get() > 0) {
            throw new IllegalStateException("created " + created + " of " + count + " pods for " + rs.kind() + " " + key);
        }
    }

    private void delete(ReplicaSetView rs, List<Pod> victims) {
        ObjectKey key = rs.key();
        Set<String> uids = new HashSet<>();
        victims.forEach(p -> uids.add(p.getMetadata().getUid()));
        expectations.expectDeletions(key, uids);
        int failed = victims.size() - Parallel.run(calls, victims.size(), i -> {
            Pod pod = victims.get(i);
            try {
                podControl.delete(key.namespace(), pod.getMetadata().getName(), rs.controllerRef());
                return true;
            } catch (RuntimeException e) {
                expectations.deletionObserved(key, pod.getMetadata().getUid());
                LOG.atWarn().addKeyValue("owner", rs.kind() + " " + key).addKeyValue("pod", pod.getMetadata().getName())
                        .log("Pod deletion failed: {}", e.getMessage());
                return false;
            }
        });
        LOG.atInfo().addKeyValue("owner", rs.kind() + " " + key).addKeyValue("deleted", victims.size() - failed)
                .log("Deleted surplus pods");
        if (failed > 0) {
            throw new IllegalStateException("could not delete " + failed + " pods of " + rs.kind() + " " + key);
        }
    }

    /** The owner whose expectations an event about {@code pod} concerns, if it is of this kind. */
    public Optional<ObjectKey> ownerKey(Pod pod) {
        return Owners.controllerOf(pod).filter(r -> kind.kind().equals(r.getKind()))
                .map(r -> ObjectKey.of(pod.getMetadata().getNamespace(), r.getName()));
    }

    /** A pod appeared in the cache: one expected creation observed. */
    public void podAdded(Pod pod) {
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            podDeleted(pod);
            return;
        }
        ownerKey(pod).ifPresent(expectations::creationObserved);
    }

    /** A pod left the cache or started terminating: one expected deletion observed. */
    public void podDeleted(Pod pod) {
        ownerKey(pod).ifPresent(k -> expectations.deletionObserved(k, pod.getMetadata().getUid()));
    }
}
