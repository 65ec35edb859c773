package io.kubelite.replication.daemonset;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class DaemonPlanTest {

    static DaemonPlan.DaemonPod pod(String name, String node, boolean current, boolean ready) {
        return new DaemonPlan.DaemonPod(name, node, current, ready);
    }

    @Test
    void everyEligibleNodeWithoutAPodGetsOne() {
        DaemonPlan plan = DaemonPlan.decide(Set.of("node-1", "node-2"), Map.of("node-1", List.of(pod("a", "node-1", true, true))), 1);
        assertThat(plan.createOn()).containsExactly("node-2");
        assertThat(plan.deletePods()).isEmpty();
    }

    @Test
    void podsOnNodesThatLeftOrNoLongerQualifyAreDeleted() {
        DaemonPlan plan = DaemonPlan.decide(Set.of("node-1"), Map.of("node-1", List.of(pod("a", "node-1", true, true)),
                "node-gone", List.of(pod("b", "node-gone", true, true))), 1);
        assertThat(plan.deletePods()).containsExactly("b");
    }

    @Test
    void aSecondPodOnOneNodeIsDeleted() {
        DaemonPlan plan = DaemonPlan.decide(Set.of("node-1"), Map.of("node-1",
                List.of(pod("old", "node-1", false, true), pod("new", "node-1", true, true))), 1);
        assertThat(plan.deletePods()).containsExactly("old");
    }

    @Test
    void aNewTemplateReplacesOneReadyPodAtATimeWithMaxUnavailableOne() {
        Map<String, List<DaemonPlan.DaemonPod>> pods = Map.of(
                "node-1", List.of(pod("a", "node-1", false, true)),
                "node-2", List.of(pod("b", "node-2", false, true)),
                "node-3", List.of(pod("c", "node-3", false, true)));
        assertThat(DaemonPlan.decide(Set.of("node-1", "node-2", "node-3"), pods, 1).deletePods()).containsExactly("a");

        Map<String, List<DaemonPlan.DaemonPod>> midway = Map.of(
                "node-1", List.of(pod("a2", "node-1", true, false)),
                "node-2", List.of(pod("b", "node-2", false, true)),
                "node-3", List.of(pod("c", "node-3", false, true)));
        assertThat(DaemonPlan.decide(Set.of("node-1", "node-2", "node-3"), midway, 1).deletePods())
                .as("the new pod on node-1 is not ready yet: no other node may lose its pod").isEmpty();
    }
}
