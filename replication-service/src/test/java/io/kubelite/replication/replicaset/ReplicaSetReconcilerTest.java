package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.replication.testing.Pods;
import io.kubelite.replication.testing.RecordingPodControl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ReplicaSetReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "frontend");
    static final Map<String, String> LABELS = Map.of("app", "app-demo", "tier", "frontend");

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    final RecordingPodControl pods = new RecordingPodControl();
    final Map<ObjectKey, ReplicaSet> replicaSets = new HashMap<>();
    final List<ReplicaSet> statusWrites = new ArrayList<>();
    final Expectations expectations = new Expectations(clock);
    final ReplicaSetReconciler<ReplicaSet> reconciler = new ReplicaSetReconciler<>(
            new ReplicaSets(k -> Optional.ofNullable(replicaSets.get(k)), rs -> {
                statusWrites.add(rs);
                replicaSets.put(KEY, rs);
            }), ns -> pods.pods(), pods, expectations, clock, 500, Runnable::run);

    ReplicaSet replicaSet(int replicas) {
        ReplicaSet rs = new ReplicaSetBuilder().withNewMetadata().withName("frontend").withNamespace("default")
                .withUid("rs-uid").withGeneration(2L).endMetadata()
                .withNewSpec().withReplicas(replicas).withNewSelector().withMatchLabels(Map.of("tier", "frontend"))
                .endSelector().withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("tomcat").endContainer().endSpec()
                .endTemplate().endSpec().build();
        replicaSets.put(KEY, rs);
        return rs;
    }

    /** The cache sees every pod the fake API server holds: each created pod is observed. */
    void observeCreations() {
        pods.pods().forEach(reconciler::podAdded);
    }

    @Test
    void createsMissingPodsInSlowStartBatchesWithTheTemplateLabelsAndAControllerReference() {
        replicaSet(3);
        reconciler.reconcile(KEY);

        assertThat(pods.count("create")).isEqualTo(3);
        Pod pod = pods.pods().get(0);
        assertThat(pod.getMetadata().getLabels()).isEqualTo(LABELS);
        assertThat(pod.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("ReplicaSet");
            assertThat(ref.getUid()).isEqualTo("rs-uid");
            assertThat(ref.getController()).isTrue();
        });
    }

    @Test
    void waitsForItsCreationsToBeObservedBeforeCreatingAgain() {
        replicaSet(3);
        reconciler.reconcile(KEY);
        pods.calls.clear();
        // The cache has not seen the three new pods yet (a stale cache): no second round of creations.
        ReplicaSetReconciler<ReplicaSet> staleCache = new ReplicaSetReconciler<>(reconciler.kind(), ns -> List.of(),
                pods, expectations, clock, 500, Runnable::run);
        staleCache.reconcile(KEY);
        assertThat(pods.calls).isEmpty();

        observeCreations();
        reconciler.reconcile(KEY);
        assertThat(pods.calls).isEmpty();
    }

    @Test
    void aFailedBatchStopsTheSlowStartAndIsRetriedLater() {
        replicaSet(10);
        pods.failCreatesAfter(4);
        assertThatThrownBy(() -> reconciler.reconcile(KEY)).hasMessageContaining("created 4 of 10");
        // batches 1, 2 succeed; in the batch of 4 only the first succeeds; the batch of 3 never starts
        assertThat(pods.count("create")).isEqualTo(4);
        assertThat(pods.count("create-failed")).isEqualTo(3);

        observeCreations();
        pods.failCreatesAfter(Integer.MAX_VALUE);
        reconciler.reconcile(KEY);
        assertThat(pods.pods()).hasSize(10);
    }

    @Test
    void deletesTheSurplusNewestAndLeastReadyFirst() {
        replicaSet(1);
        var owner = reconciler.kind().view(replicaSets.get(KEY)).controllerRef();
        pods.put(Pods.withOwner(Pods.running(Pods.onNode(Pods.pod("old-ready", LABELS).build(), "n"), true,
                "2026-01-01T09:00:00Z"), owner));
        pods.put(Pods.withOwner(Pods.created(Pods.running(Pods.onNode(Pods.pod("new-ready", LABELS).build(), "n"), true,
                "2026-01-01T09:00:00Z"), "2026-01-01T10:00:01Z"), owner));
        pods.put(Pods.withOwner(Pods.onNode(Pods.pod("pending", LABELS).build(), "n"), owner));

        reconciler.reconcile(KEY);

        assertThat(pods.calls).containsExactlyInAnyOrder("delete pending", "delete new-ready");
        assertThat(pods.pods()).extracting(p -> p.getMetadata().getName()).containsExactly("old-ready");
    }

    @Test
    void scalingToZeroRemovesEveryPod() {
        replicaSet(3);
        reconciler.reconcile(KEY);
        observeCreations();
        replicaSet(0);
        reconciler.reconcile(KEY);
        assertThat(pods.pods()).isEmpty();
    }

    @Test
    void replacesPodsThatFinished() {
        replicaSet(2);
        reconciler.reconcile(KEY);
        observeCreations();
        Pod first = pods.pods().get(0);
        pods.put(Pods.phase(first, "Failed"));
        Pod second = pods.pods().get(1);
        pods.put(Pods.phase(second, "Succeeded"));

        reconciler.reconcile(KEY);

        assertThat(pods.count("create")).isEqualTo(4);
        assertThat(pods.pods().stream().filter(p -> p.getStatus().getPhase().equals("Pending"))).hasSize(2);
    }

    @Test
    void adoptsMatchingOrphansAndReleasesPodsThatNoLongerMatch() {
        replicaSet(1);
        pods.put(Pods.pod("orphan", LABELS).build());
        var owner = reconciler.kind().view(replicaSets.get(KEY)).controllerRef();
        pods.put(Pods.withOwner(Pods.pod("relabelled", Map.of("tier", "debug")).build(), owner));
        pods.put(Pods.withOwner(Pods.pod("someone-elses", LABELS).build(),
                io.kubelite.replication.pods.Owners.controllerRef("v1", "ReplicationController", "other", "other-uid")));

        reconciler.reconcile(KEY);

        assertThat(pods.calls).containsExactlyInAnyOrder("adopt orphan", "release relabelled");
        assertThat(pods.pod("orphan").getMetadata().getOwnerReferences()).singleElement()
                .satisfies(r -> assertThat(r.getUid()).isEqualTo("rs-uid"));
        assertThat(pods.pod("someone-elses").getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo("other-uid");
    }

    @Test
    void reportsReplicasFullyLabeledReadyAndAvailableWithMinReadySeconds() {
        ReplicaSet rs = replicaSet(3);
        replicaSets.put(KEY, new ReplicaSetBuilder(rs).editSpec().withMinReadySeconds(10).endSpec().build());
        var owner = reconciler.kind().view(replicaSets.get(KEY)).controllerRef();
        pods.put(Pods.withOwner(Pods.running(Pods.pod("ready-long", LABELS).build(), true, "2026-01-01T09:00:00Z"), owner));
        pods.put(Pods.withOwner(Pods.running(Pods.pod("ready-4s", LABELS).build(), true, "2026-01-01T09:59:56Z"), owner));
        pods.put(Pods.withOwner(Pods.pod("partly-labelled", Map.of("tier", "frontend")).build(), owner));

        Result result = reconciler.reconcile(KEY);

        var status = statusWrites.get(statusWrites.size() - 1).getStatus();
        assertThat(status.getReplicas()).isEqualTo(3);
        assertThat(status.getFullyLabeledReplicas()).isEqualTo(2);
        assertThat(status.getReadyReplicas()).isEqualTo(2);
        assertThat(status.getAvailableReplicas()).isEqualTo(1);
        assertThat(status.getObservedGeneration()).isEqualTo(2L);
        // ready-4s becomes available 6 s from now: look again then
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofMillis(6100)));
    }

    @Test
    void writesNoStatusWhenNothingChanged() {
        replicaSet(0);
        reconciler.reconcile(KEY);
        reconciler.reconcile(KEY);
        assertThat(statusWrites).hasSize(1);
    }

    @Test
    void aReplicationControllerIsManagedByTheSameLogicThroughItsEqualitySelector() {
        Map<ObjectKey, ReplicationController> rcs = new HashMap<>();
        rcs.put(KEY, new ReplicationControllerBuilder().withNewMetadata().withName("frontend").withNamespace("default")
                .withUid("rc-uid").endMetadata().withNewSpec().withReplicas(2).withSelector(Map.of("tier", "frontend"))
                .withNewTemplate().withNewMetadata().withLabels(LABELS).endMetadata().withNewSpec().addNewContainer()
                .withName("web").withImage("tomcat").endContainer().endSpec().endTemplate().endSpec().build());
        List<ReplicationController> written = new ArrayList<>();
        var rcReconciler = new ReplicaSetReconciler<>(new ReplicationControllers(k -> Optional.ofNullable(rcs.get(k)),
                written::add), ns -> pods.pods(), pods, new Expectations(clock), clock, 500, Runnable::run);
        pods.put(Pods.pod("orphan", Map.of("tier", "frontend", "extra", "x")).build());

        rcReconciler.reconcile(KEY);

        assertThat(pods.calls).containsExactly("adopt orphan", "create frontend-1");
        assertThat(pods.pod("frontend-1").getMetadata().getOwnerReferences().get(0))
                .satisfies(r -> {
                    assertThat(r.getKind()).isEqualTo("ReplicationController");
                    assertThat(r.getApiVersion()).isEqualTo("v1");
                });
        // Status counts the pods the cache shows (the adopted orphan, which lacks app=app-demo),
        // as Kubernetes does; the created pod is counted once it is observed.
        assertThat(written.get(0).getStatus().getReplicas()).isEqualTo(1);
        assertThat(written.get(0).getStatus().getFullyLabeledReplicas()).isZero();
    }
}
