package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.scheduler.cache.SchedulerCache;
import io.kubelite.controller.informer.MapLister;
import io.kubelite.scheduler.placement.Placement;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;

import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingReconcilerTest {

    private static final String MESSAGE = "0/1 nodes are available: 1 Insufficient memory."
            + " preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.";

    private final MapLister<Pod> pods = new MapLister<>();
    private final SchedulerCache cache = new SchedulerCache();
    private final RecordingPodBinder binder = new RecordingPodBinder();
    private final RecordingEventRecorder events = new RecordingEventRecorder();
    private final UnschedulablePods parked = new UnschedulablePods();
    /** "profile result" per attempt, and "preemption N" per preemption tried. */
    private final List<String> counted = new ArrayList<>();
    private final SchedulingMetrics metrics = new SchedulingMetrics() {
        @Override
        public void attempted(String profile, Result result, Duration took) {
            assertThat(took.isNegative()).isFalse();
            counted.add(profile + " " + result);
        }

        @Override
        public void preemptionTried(int victims) {
            counted.add("preemption " + victims);
        }
    };
    private final SchedulingReconciler reconciler = new SchedulingReconciler(pods, Set.of("default-scheduler"), cache,
            Placement.defaults(new Random(1)), binder, events, parked, new ActiveQueue(), 8, Duration.ofMinutes(5),
            null, io.kubelite.scheduler.preemption.Preemption.defaults(), List::of, metrics);

    @Test
    void bindsAPendingPodAndAnnouncesIt() throws Exception {
        cache.upsertNode(node("n1", "2", "4Gi"));
        pods.put(pod("web", "1", "1Gi"));

        assertThat(reconciler.reconcile(new ObjectKey("default", "web"))).isEqualTo(Result.done());

        assertThat(binder.bindings).containsEntry("web", "n1");
        assertThat(cache.isAssumed("default/web")).isTrue();
        assertThat(events.events()).extracting(e -> e.reason() + ": " + e.message())
                .containsExactly("Scheduled: Successfully assigned default/web to n1");
        assertThat(counted).containsExactly("default-scheduler SCHEDULED");
    }

    @Test
    void leavesAPodThatFitsNowherePendingWithTheReasonAndWaitsForAChange() throws Exception {
        cache.upsertNode(node("n1", "2", "4Gi"));
        pods.put(pod("big", "1", "8Gi"));

        Result result = reconciler.reconcile(new ObjectKey("default", "big"));

        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofMinutes(5)));
        assertThat(binder.bindings).isEmpty();
        assertThat(binder.unschedulableMessages).containsExactly("big: " + MESSAGE);
        assertThat(events.events()).extracting(e -> e.type() + " " + e.reason() + ": " + e.message())
                .containsExactly("Warning FailedScheduling: " + MESSAGE);
        assertThat(parked.snapshot()).containsExactly(new ObjectKey("default", "big"));
        assertThat(counted).containsExactly("preemption 0", "default-scheduler UNSCHEDULABLE");
    }

    @Test
    void preemptsALowerPriorityPodAndHoldsItsRoomUntilThePodIsPlacedThere() throws Exception {
        cache.upsertNode(node("n1", "2", "4Gi"));
        Pod low = pod("low", "2", "1Gi", b -> b.editSpec().withNodeName("n1").withPriority(0).endSpec());
        cache.upsertPod(low);
        pods.put(low);
        pods.put(pod("urgent", "1", "1Gi", b -> b.editSpec().withPriority(1000).endSpec()));

        assertThat(reconciler.reconcile(new ObjectKey("default", "urgent"))).isEqualTo(Result.requeueAfter(Duration.ofMinutes(5)));

        assertThat(binder.preempted).containsExactly("low");
        assertThat(counted).containsExactly("preemption 1", "default-scheduler UNSCHEDULABLE");
        assertThat(binder.nominations).containsEntry("urgent", "n1");
        assertThat(cache.nominatedNode("default/urgent")).contains("n1");
        assertThat(events.events()).extracting(e -> e.type() + " " + e.reason() + ": " + e.message()).containsExactly(
                "Normal Preempted: Preempted by pod uid-urgent on node n1",
                "Warning FailedScheduling: 0/1 nodes are available: 1 Insufficient cpu.");

        // low is gone; an ordinary pod decided before urgent cannot take the room urgent was nominated to
        cache.removePod(low);
        pods.remove(low);
        pods.put(pod("ordinary", "1500m", "1Gi"));
        reconciler.reconcile(new ObjectKey("default", "ordinary"));
        assertThat(binder.bindings).doesNotContainKey("ordinary");

        assertThat(reconciler.reconcile(new ObjectKey("default", "urgent"))).isEqualTo(Result.done());
        assertThat(binder.bindings).containsEntry("urgent", "n1");
        assertThat(cache.nominatedNode("default/urgent")).isEmpty();
    }

    @Test
    void aPodThatCannotPreemptKeepsKubeSchedulersFullMessage() throws Exception {
        cache.upsertNode(node("n1", "2", "4Gi"));
        Pod peer = pod("peer", "2", "1Gi", b -> b.editSpec().withNodeName("n1").withPriority(1000).endSpec());
        cache.upsertPod(peer);
        pods.put(pod("urgent", "1", "1Gi", b -> b.editSpec().withPriority(1000).endSpec()));

        reconciler.reconcile(new ObjectKey("default", "urgent"));

        assertThat(binder.preempted).isEmpty();
        assertThat(binder.unschedulableMessages).containsExactly("urgent: 0/1 nodes are available: 1 Insufficient cpu."
                + " preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    }

    @Test
    void doesNotRewriteAnUnchangedUnschedulableCondition() throws Exception {
        cache.upsertNode(node("n1", "2", "4Gi"));
        pods.put(new PodBuilder(pod("big", "1", "8Gi")).withNewStatus().withConditions(new PodConditionBuilder()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").withMessage(MESSAGE).build())
                .endStatus().build());

        reconciler.reconcile(new ObjectKey("default", "big"));

        assertThat(binder.unschedulableMessages).isEmpty();
        assertThat(events.reasons()).containsExactly("FailedScheduling");
    }

    @Test
    void ignoresBoundPodsAndPodsForOtherSchedulers() throws Exception {
        cache.upsertNode(node("n1", "2", "4Gi"));
        pods.put(pod("bound", "1", "1Gi", b -> b.editSpec().withNodeName("n1").endSpec()));
        pods.put(pod("other", "1", "1Gi", b -> b.editSpec().withSchedulerName("my-scheduler").endSpec()));

        reconciler.reconcile(new ObjectKey("default", "bound"));
        reconciler.reconcile(new ObjectKey("default", "other"));
        reconciler.reconcile(new ObjectKey("default", "gone"));

        assertThat(binder.bindings).isEmpty();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void aBindingRefusedBecauseAnotherReplicaBoundThePodGivesTheNodeBackQuietly() throws Exception {
        cache.upsertNode(node("n1", "1", "4Gi"));
        pods.put(pod("a", "1", "1Gi"));
        binder.failWith = 409;

        reconciler.reconcile(new ObjectKey("default", "a"));

        assertThat(cache.isAssumed("default/a")).isFalse();
        assertThat(cache.node("n1").orElseThrow().requested().milliCpu()).isZero();
        assertThat(events.events()).isEmpty();
    }

    @Test
    void anyOtherRefusedBindingIsReportedAndRetried() throws Exception {
        cache.upsertNode(node("n1", "1", "4Gi"));
        pods.put(pod("a", "1", "1Gi"));
        binder.failWith = 500;

        reconciler.reconcile(new ObjectKey("default", "a"));

        assertThat(cache.isAssumed("default/a")).isFalse();
        assertThat(events.events()).extracting(e -> e.reason() + ": " + e.message())
                .containsExactly("FailedScheduling: Binding rejected: refused with 500");
        assertThat(counted).containsExactly("default-scheduler ERROR");
    }

    @Test
    void aPodWhoseClaimIsNotBoundWaitsForItThenIsPlaced() throws Exception {
        Map<String, PersistentVolumeClaim> claims = new HashMap<>();
        SchedulingReconciler withClaims = new SchedulingReconciler(pods, Set.of("default-scheduler"), cache,
                Placement.defaults(new Random(1)), binder, events, parked, new ActiveQueue(), 8, Duration.ofMinutes(5),
                k -> Optional.ofNullable(claims.get(k.name())), io.kubelite.scheduler.preemption.Preemption.defaults(),
                java.util.List::of, metrics);
        cache.upsertNode(node("n1", "2", "4Gi"));
        pods.put(pod("db", "100m", "64Mi", b -> b.editSpec().addNewVolume().withName("data").withNewPersistentVolumeClaim()
                .withClaimName("data").endPersistentVolumeClaim().endVolume().endSpec()));
        claims.put("data", new PersistentVolumeClaimBuilder().withNewMetadata().withName("data")
                .endMetadata().withNewStatus().withPhase("Pending").endStatus().build());

        assertThat(withClaims.reconcile(new ObjectKey("default", "db"))).isEqualTo(Result.requeueAfter(Duration.ofMinutes(5)));
        assertThat(binder.bindings).isEmpty();
        assertThat(binder.unschedulableMessages)
                .containsExactly("db: 0/1 nodes are available: 1 pod has unbound immediate PersistentVolumeClaims."
                        + " preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.");

        claims.get("data").getStatus().setPhase("Bound");
        assertThat(withClaims.reconcile(new ObjectKey("default", "db"))).isEqualTo(Result.done());
        assertThat(binder.bindings).containsEntry("db", "n1");
    }
}
