package io.kubelite.scheduler.preemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.Placement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** kube-scheduler's DefaultPreemption: who is eligible, which victims on a node, which node. */
class PreemptionTest {

    private final Preemption preemption = Preemption.defaults();

    @Test
    void deletesOnlyWhatMakesRoomSparingTheMoreImportantPods() {
        NodeInfo n1 = NodeInfo.of(node("n1", "2", "4Gi"), running("low", "1500m", 0), running("mid", "250m", 50));

        Outcome outcome = preemption.preempt(pending("urgent", "1", 100), Cluster.scan(List.of(n1)), null, List.of());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Nominated.class, n -> {
            assertThat(n.nodeName()).isEqualTo("n1");
            assertThat(n.victims()).extracting(PodInfo::key).containsExactly("default/low");
        });
        assertThat(outcome.message()).isEmpty();
    }

    @Test
    void neverTakesPodsOfEqualOrHigherPriority() {
        NodeInfo n1 = NodeInfo.of(node("n1", "2", "4Gi"), running("same", "1500m", 100), running("higher", "500m", 200));

        Outcome outcome = preemption.preempt(pending("urgent", "1", 100), Cluster.scan(List.of(n1)), null, List.of());

        assertThat(outcome).isInstanceOf(Outcome.NoCandidate.class);
        assertThat(outcome.message()).isEqualTo("preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.");
    }

    @Test
    void saysWhereItCannotHelp() {
        NodeInfo cordoned = NodeInfo.of(node("a", "8", "8Gi", b -> b.editSpec().withUnschedulable(true).endSpec()));
        NodeInfo full = NodeInfo.of(node("b", "1", "4Gi"), running("peer", "1", 100));

        Outcome outcome = preemption.preempt(pending("urgent", "1", 100), Cluster.scan(List.of(cordoned, full)), null, List.of());

        assertThat(outcome.message()).isEqualTo("preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod,"
                + " 1 Preemption is not helpful for scheduling.");
    }

    @Test
    void aPodThatMayNotPreemptSaysSo() {
        NodeInfo n1 = NodeInfo.of(node("n1", "1", "4Gi"), running("low", "1", 0));
        PodInfo never = PodInfo.of(new PodBuilder(pending("polite", "1", 100).pod()).editSpec()
                .withPreemptionPolicy("Never").endSpec().build());

        Outcome outcome = preemption.preempt(never, Cluster.scan(List.of(n1)), null, List.of());

        assertThat(outcome).isInstanceOf(Outcome.NotEligible.class);
        assertThat(outcome.message()).isEqualTo("preemption: not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void waitsForTheVictimsItAlreadyPreemptedOnItsNominatedNode() {
        Pod leaving = new PodBuilder(running("low", "1", 0).pod()).editMetadata().withDeletionTimestamp("2026-11-27T06:00:00Z")
                .endMetadata().editOrNewStatus().withConditions(new PodConditionBuilder().withType("DisruptionTarget")
                        .withStatus("True").withReason("PreemptionByScheduler").build()).endStatus().build();
        NodeInfo n1 = NodeInfo.of(node("n1", "1", "4Gi"), PodInfo.of(leaving));

        Outcome outcome = preemption.preempt(pending("urgent", "1", 100), Cluster.scan(List.of(n1)), "n1", List.of());

        assertThat(outcome.message()).isEqualTo("preemption: not eligible due to a terminating pod on the nominated node.");
    }

    @Test
    void prefersTheNodeWhoseMostImportantVictimMattersLeast() {
        NodeInfo a = NodeInfo.of(node("a", "2", "4Gi"), running("a-100", "2", 100));
        NodeInfo b = NodeInfo.of(node("b", "2", "4Gi"), running("b-10-x", "1", 10), running("b-10-y", "1", 10));

        Outcome outcome = preemption.preempt(pending("urgent", "2", 1000), Cluster.scan(List.of(a, b)), null, List.of());

        assertThat(outcome).isInstanceOfSatisfying(Outcome.Nominated.class, n -> {
            assertThat(n.nodeName()).isEqualTo("b");
            assertThat(n.victims()).hasSize(2);
        });
    }

    @Test
    void thenTheFewestVictimsAtEqualPriority() {
        NodeInfo a = NodeInfo.of(node("a", "2", "4Gi"), running("a-1", "1", 10), running("a-2", "1", 10));
        NodeInfo b = NodeInfo.of(node("b", "2", "4Gi"), running("b-1", "2", 10));

        Outcome outcome = preemption.preempt(pending("urgent", "2", 1000), Cluster.scan(List.of(a, b)), null, List.of());

        assertThat(((Outcome.Nominated) outcome).nodeName()).isEqualTo("b");
    }

    @Test
    void sparesPodsWhoseDisruptionBudgetIsSpentBeforeAnyOther() {
        // a: its only victim is protected by a budget with no disruption left; b: an unprotected victim of higher priority
        NodeInfo a = NodeInfo.of(node("a", "1", "4Gi"), running("guarded", "1", 0, Map.of("app", "db")));
        NodeInfo b = NodeInfo.of(node("b", "1", "4Gi"), running("free", "1", 50));
        Budget spent = new Budget("default", LabelSelector.fromMap(Map.of("app", "db")), 0, Set.of());

        Outcome outcome = preemption.preempt(pending("urgent", "1", 100), Cluster.scan(List.of(a, b)), null, List.of(spent));

        assertThat(((Outcome.Nominated) outcome).nodeName()).isEqualTo("b");
    }

    @Test
    void onOneNodeReprievesTheBudgetProtectedPodFirst() {
        NodeInfo n1 = NodeInfo.of(node("n1", "2", "4Gi"), running("guarded", "1", 0, Map.of("app", "db")),
                running("free", "1", 10));
        Budget spent = new Budget("default", LabelSelector.fromMap(Map.of("app", "db")), 0, Set.of());

        Outcome.Nominated n = (Outcome.Nominated) preemption.preempt(pending("urgent", "1", 100),
                Cluster.scan(List.of(n1)), null, List.of(spent));

        assertThat(n.victims()).extracting(PodInfo::key).containsExactly("default/free");
    }

    @Test
    void aBudgetCoversNoPodItAlreadyCountedOrOfAnotherNamespaceOrWithoutASelector() {
        Pod db = running("db-0", "1", 0, Map.of("app", "db")).pod();
        assertThat(new Budget("default", LabelSelector.fromMap(Map.of("app", "db")), 0, Set.of()).covers(db)).isTrue();
        assertThat(new Budget("default", LabelSelector.fromMap(Map.of("app", "db")), 0, Set.of("db-0")).covers(db)).isFalse();
        assertThat(new Budget("other", LabelSelector.fromMap(Map.of("app", "db")), 0, Set.of()).covers(db)).isFalse();
        assertThat(new Budget("default", LabelSelector.everything(), 0, Set.of()).covers(db)).isFalse();
    }

    @Test
    void aNominatedPodHoldsItsRoomAgainstPodsOfNoHigherPriority() {
        NodeInfo n1 = NodeInfo.of(node("n1", "2", "4Gi"));
        PodInfo nominated = pending("urgent", "2", 1000);
        Cluster cluster = new Cluster(List.of(n1), false, Map.of("n1", List.of(nominated)));
        Placement placement = Placement.defaults(new Random(1));

        assertThat(placement.place(pending("ordinary", "1", 0), cluster, 0)).isInstanceOfSatisfying(Decision.Unschedulable.class,
                u -> assertThat(u.error().message()).isEqualTo("0/1 nodes are available: 1 Insufficient cpu."));
        assertThat(placement.place(pending("critical", "1", 2000), cluster, 0)).isInstanceOf(Decision.Fits.class);
        assertThat(placement.place(nominated, cluster, 0)).isInstanceOf(Decision.Fits.class);
    }

    @Test
    void takesTheNominationOfLowerPriorityPodsOnTheChosenNode() {
        NodeInfo n1 = NodeInfo.of(node("n1", "1", "4Gi"), running("low", "1", 0));
        PodInfo waiting = pending("waiting", "1", 10);
        Cluster cluster = new Cluster(List.of(n1), false, Map.of("n1", List.of(waiting)));

        Outcome.Nominated n = (Outcome.Nominated) preemption.preempt(pending("urgent", "1", 100), cluster, null, List.of());

        assertThat(n.lowerPriorityNominated()).extracting(PodInfo::key).containsExactly("default/waiting");
    }

    private static PodInfo pending(String name, String cpu, int priority) {
        return PodInfo.of(pod(name, cpu, "64Mi", b -> b.editSpec().withPriority(priority).endSpec()));
    }

    private static PodInfo running(String name, String cpu, int priority) {
        return running(name, cpu, priority, Map.of());
    }

    private static PodInfo running(String name, String cpu, int priority, Map<String, String> labels) {
        return PodInfo.of(pod(name, cpu, "64Mi", b -> b.editMetadata().withLabels(labels).endMetadata()
                .editSpec().withPriority(priority).withNodeName("n").endSpec()));
    }
}
