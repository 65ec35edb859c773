package io.kubelite.replication.disruption;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.replication.pods.Owners;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class DisruptionReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "web-pdb");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:00Z"));
    final RecordingEventRecorder events = new RecordingEventRecorder();
    final List<Pod> pods = new ArrayList<>();
    PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder().withNewMetadata().withName("web-pdb").withNamespace("default")
            .withGeneration(1L).endMetadata()
            .withNewSpec().withMinAvailable(new IntOrString(2)).withNewSelector().addToMatchLabels("app", "web").endSelector()
            .endSpec().build();
    final DisruptionReconciler reconciler = new DisruptionReconciler(k -> Optional.of(pdb), ns -> pods,
            (ns, ref) -> ref.getKind().equals("ReplicaSet") ? Optional.of(new DisruptionReconciler.Scale("rs-uid", 3))
                    : Optional.empty(),
            written -> pdb = written, events, clock);

    static Pod pod(String name, boolean ready, String app) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").addToLabels("app", app)
                .withOwnerReferences(Owners.controllerRef("apps/v1", "ReplicaSet", "web-1", "rs-uid")).endMetadata()
                .withNewStatus().withPhase("Running").addNewCondition().withType("Ready").withStatus(ready ? "True" : "False")
                .endCondition().endStatus().build();
    }

    @Test
    void countsTheHealthyPodsItSelectsAndAllowsWhatIsBeyondTheMinimum() {
        pods.addAll(List.of(pod("a", true, "web"), pod("b", true, "web"), pod("c", true, "web"), pod("x", true, "db")));

        reconciler.reconcile(KEY);

        assertThat(pdb.getStatus().getExpectedPods()).isEqualTo(3);
        assertThat(pdb.getStatus().getCurrentHealthy()).isEqualTo(3);
        assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(2);
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
        assertThat(pdb.getStatus().getObservedGeneration()).isEqualTo(1L);
        assertThat(pdb.getStatus().getConditions()).singleElement().satisfies(c ->
                assertThat(c.getType() + "=" + c.getStatus() + " " + c.getReason()).isEqualTo("DisruptionAllowed=True SufficientPods"));

        pods.set(0, pod("a", false, "web"));
        reconciler.reconcile(KEY);

        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
        assertThat(pdb.getStatus().getConditions().get(0).getReason()).isEqualTo("InsufficientPods");
    }

    @Test
    void anEvictedPodCountsAsGoneUntilItGoesOrTwoMinutesPass() {
        pods.addAll(List.of(pod("a", true, "web"), pod("b", true, "web"), pod("c", true, "web")));
        pdb = new PodDisruptionBudgetBuilder(pdb).withNewStatus().withDisruptedPods(Map.of("c", "2026-11-27T09:59:30Z"))
                .withDisruptionsAllowed(0).endStatus().build();

        Result result = reconciler.reconcile(KEY);

        assertThat(pdb.getStatus().getCurrentHealthy()).isEqualTo(2);
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofSeconds(90)));

        clock.advance(Duration.ofSeconds(91));
        reconciler.reconcile(KEY);

        assertThat(pdb.getStatus().getDisruptedPods()).isEmpty();
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isEqualTo(1);
    }

    @Test
    void maxUnavailableCountsTheReplicasTheControllerAsksFor() {
        pdb = new PodDisruptionBudgetBuilder(pdb).editSpec().withMinAvailable(null).withMaxUnavailable(new IntOrString(1))
                .endSpec().build();
        pods.addAll(List.of(pod("a", true, "web"), pod("b", true, "web")));

        reconciler.reconcile(KEY);

        assertThat(pdb.getStatus().getExpectedPods()).isEqualTo(3);
        assertThat(pdb.getStatus().getDesiredHealthy()).isEqualTo(2);
        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
    }

    @Test
    void aPercentageOverPodsWithoutAScalingControllerAllowsNothingAndSaysWhy() {
        pdb = new PodDisruptionBudgetBuilder(pdb).editSpec().withMinAvailable(new IntOrString("50%")).endSpec().build();
        pods.add(new PodBuilder(pod("lone", true, "web")).editMetadata().withOwnerReferences(List.of()).endMetadata().build());

        reconciler.reconcile(KEY);

        assertThat(pdb.getStatus().getDisruptionsAllowed()).isZero();
        assertThat(pdb.getStatus().getConditions().get(0).getReason()).isEqualTo("SyncFailed");
        assertThat(events.reasons()).containsExactly("CalculateExpectedPodCountFailed");
    }
}
