package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubelite.scheduler.framework.Fixtures.boundTo;
import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.ownedBy;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static io.kubelite.scheduler.framework.Fixtures.preferring;
import static io.kubelite.scheduler.framework.Fixtures.taint;
import static io.kubelite.scheduler.framework.Fixtures.toleration;
import static org.assertj.core.api.Assertions.assertThat;

class NodeScorersTest {

    static Stream<Arguments> rawScores() {
        NodeInfo empty = NodeInfo.of(node("n1", "4", "8Gi"));
        NodeInfo quarter = NodeInfo.of(node("n1", "4", "8Gi"), PodInfo.of(pod("old", "1", "2Gi", b -> boundTo(b, "n1"))));
        NodeInfo cpuHeavy = NodeInfo.of(node("n1", "4", "8Gi"), PodInfo.of(pod("old", "3", "0", b -> boundTo(b, "n1"))));
        NodeInfo zoneA = NodeInfo.of(node("n1", "4", "8Gi", b -> b.editMetadata().withLabels(Map.of("zone", "a")).endMetadata()));
        NodeInfo zoneAssd = NodeInfo.of(node("n1", "4", "8Gi",
                b -> b.editMetadata().withLabels(Map.of("zone", "a", "disk", "ssd")).endMetadata()));
        NodeInfo softTainted = NodeInfo.of(node("n1", "4", "8Gi", b -> b.editSpec().withTaints(
                taint("a", null, "PreferNoSchedule"), taint("b", null, "PreferNoSchedule")).endSpec()));
        NodeInfo twoReplicas = NodeInfo.of(node("n1", "4", "8Gi"),
                PodInfo.of(pod("r1", null, null, b -> ownedBy(boundTo(b, "n1"), "rs-1"))),
                PodInfo.of(pod("r2", null, null, b -> ownedBy(boundTo(b, "n1"), "rs-1"))),
                PodInfo.of(pod("other", null, null, b -> ownedBy(boundTo(b, "n1"), "rs-2"))));
        Pod preferring = preferring(pod("p", null, null), 80, "zone", "a", 20, "disk", "ssd");
        return Stream.of(
                Arguments.of("least allocated: the pod alone on an empty node leaves 75 %", new LeastAllocatedScorer(),
                        pod("p", "1", "2Gi"), empty, 75L),
                Arguments.of("least allocated: a quarter used plus the pod leaves 50 %", new LeastAllocatedScorer(),
                        pod("p", "1", "2Gi"), quarter, 50L),
                Arguments.of("least allocated: the pod's overhead is allocated too", new LeastAllocatedScorer(),
                        pod("p", "1", "2Gi", b -> b.editSpec().withOverhead(Map.of("cpu", new Quantity("1"),
                                "memory", new Quantity("2Gi"))).endSpec()), empty, 50L),
                Arguments.of("balanced: the overhead counts in both fractions", new BalancedAllocationScorer(),
                        pod("p", "1", "0", b -> b.editSpec().withOverhead(Map.of("cpu", new Quantity("1"),
                                "memory", new Quantity("4Gi"))).endSpec()), empty, 100L),
                Arguments.of("least allocated: a pod without requests counts 100m and 200Mi", new LeastAllocatedScorer(),
                        pod("p", null, null), empty, (97L + 97L) / 2),
                Arguments.of("balanced: equal cpu and memory fractions score 100", new BalancedAllocationScorer(),
                        pod("p", "1", "2Gi"), quarter, 100L),
                Arguments.of("balanced: cpu 100 % and memory 25 % score 62", new BalancedAllocationScorer(),
                        pod("p", "1", "2Gi"), cpuHeavy, 62L),
                Arguments.of("node affinity: both preferred terms sum their weights", new NodeAffinityScorer(), preferring, zoneAssd, 100L),
                Arguments.of("node affinity: one matching term gives its weight", new NodeAffinityScorer(), preferring, zoneA, 80L),
                Arguments.of("node affinity: no match gives 0", new NodeAffinityScorer(), preferring, empty, 0L),
                Arguments.of("taints: untolerated PreferNoSchedule taints are counted", new TaintTolerationScorer(),
                        pod("p", null, null), softTainted, 2L),
                Arguments.of("taints: tolerated ones are not", new TaintTolerationScorer(), pod("p", null, null,
                        b -> b.editSpec().withTolerations(toleration("a", "Exists", null, "PreferNoSchedule")).endSpec()), softTainted, 1L),
                Arguments.of("spread: replicas of the same controller are counted", new ControllerSpreadScorer(),
                        pod("p", null, null, b -> ownedBy(b, "rs-1")), twoReplicas, 2L),
                Arguments.of("spread: a pod without controller counts nothing", new ControllerSpreadScorer(),
                        pod("p", null, null), twoReplicas, 0L));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rawScores")
    void scoresNodes(String name, NodeScorer scorer, Pod pod, NodeInfo node, long expected) {
        assertThat(scorer.score(PodInfo.of(pod), node)).isEqualTo(expected);
    }

    static Stream<Arguments> normalizations() {
        return Stream.of(
                Arguments.of("affinity weights scale so the best is 100", new NodeAffinityScorer(), new long[] {80, 20, 0}, new long[] {100, 25, 0}),
                Arguments.of("no affinity match anywhere leaves zeros", new NodeAffinityScorer(), new long[] {0, 0}, new long[] {0, 0}),
                Arguments.of("fewest replicas scores 100, most 0", new ControllerSpreadScorer(), new long[] {0, 1, 2}, new long[] {100, 50, 0}),
                Arguments.of("no replicas anywhere scores 100 everywhere", new ControllerSpreadScorer(), new long[] {0, 0}, new long[] {100, 100}),
                Arguments.of("fewest soft taints scores 100", new TaintTolerationScorer(), new long[] {2, 0}, new long[] {0, 100}),
                Arguments.of("resource scores are kept as they are", new LeastAllocatedScorer(), new long[] {75, 50}, new long[] {75, 50}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("normalizations")
    void normalizesWithinOneCycle(String name, NodeScorer scorer, long[] raw, long[] expected) {
        scorer.normalize(raw);
        assertThat(raw).containsExactly(expected);
    }

    @Test
    void weightsAreKubernetesDefaults() {
        assertThat(NodeScorer.defaults()).extracting(NodeScorer::name, NodeScorer::weight).containsExactly(
                org.assertj.core.groups.Tuple.tuple("NodeResourcesLeastAllocated", 1),
                org.assertj.core.groups.Tuple.tuple("NodeResourcesBalancedAllocation", 1),
                org.assertj.core.groups.Tuple.tuple("NodeAffinity", 2),
                org.assertj.core.groups.Tuple.tuple("TaintToleration", 3),
                org.assertj.core.groups.Tuple.tuple("ControllerSpread", 2));
    }
}
