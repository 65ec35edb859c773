package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static io.kubelite.scheduler.framework.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

class LifecycleDecisionsTest {

    static final Instant T0 = Instant.parse("2026-01-01T12:00:00Z");
    static final Duration GRACE = Duration.ofSeconds(20);

    static Stream<Arguments> health() {
        Node plain = node("n1", "1", "1Gi");
        Node beating = node("n1", "1", "1Gi", b -> b.editStatus().withConditions(new NodeConditionBuilder().withType("Ready")
                .withStatus("True").withLastHeartbeatTime("2026-01-01T12:00:30Z").build()).endStatus());
        return Stream.of(
                Arguments.of("a lease renewed 19 s ago is fresh", plain, lease(T0), T0.minusSeconds(100), T0.plusSeconds(19), true),
                Arguments.of("a lease renewed exactly 20 s ago is still fresh", plain, lease(T0), T0.minusSeconds(100), T0.plusSeconds(20), true),
                Arguments.of("a lease renewed 21 s ago has expired", plain, lease(T0), T0.minusSeconds(100), T0.plusSeconds(21), false),
                Arguments.of("no lease: the grace runs from when the node was first seen", plain, null, T0, T0.plusSeconds(15), true),
                Arguments.of("no lease, seen 25 s ago: expired", plain, null, T0, T0.plusSeconds(25), false),
                Arguments.of("a newer Ready heartbeat counts too", beating, lease(T0), T0.minusSeconds(100), T0.plusSeconds(45), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("health")
    void judgesReachabilityByTheLatestHeartbeat(String name, Node node, Lease lease, Instant firstSeen, Instant now,
            boolean reachable) {
        assertThat(NodeHealth.judge(node, lease, firstSeen, now, GRACE).reachable()).isEqualTo(reachable);
    }

    static Stream<Arguments> taints() {
        Taint gpu = taint("dedicated", "gpu", "NoSchedule");
        Taint unreachableNoSchedule = new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoSchedule").build();
        Taint unreachableNoExecute = new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute")
                .withTimeAdded("2026-01-01T11:00:00Z").build();
        Taint notReadyNoSchedule = new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoSchedule").build();
        Taint notReadyNoExecute = new TaintBuilder().withKey("node.kubernetes.io/not-ready").withEffect("NoExecute")
                .withTimeAdded("2026-01-01T12:00:00Z").build();
        Taint freshUnreachableNoExecute = new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute")
                .withTimeAdded("2026-01-01T12:00:00Z").build();
        return Stream.of(
                Arguments.of("a Ready node keeps its own taints only", List.of(gpu), "True", List.of(gpu)),
                Arguments.of("an Unknown node is tainted unreachable, NoExecute stamped now", List.of(gpu), "Unknown",
                        List.of(gpu, unreachableNoSchedule, freshUnreachableNoExecute)),
                Arguments.of("taints already there keep their timeAdded", List.of(unreachableNoSchedule, unreachableNoExecute),
                        "Unknown", List.of(unreachableNoSchedule, unreachableNoExecute)),
                Arguments.of("a NotReady node is tainted not-ready instead of unreachable",
                        List.of(unreachableNoSchedule, unreachableNoExecute), "False", List.of(notReadyNoSchedule, notReadyNoExecute)),
                Arguments.of("a node back to Ready loses the condition taints",
                        List.of(gpu, unreachableNoSchedule, unreachableNoExecute), "True", List.of(gpu)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("taints")
    void keepsConditionTaintsInStepWithReady(String name, List<Taint> current, String ready, List<Taint> expected) {
        assertThat(ConditionTaints.desired(current, ready, T0)).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> evictions() {
        List<Taint> unreachable = List.of(new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoExecute")
                .withTimeAdded("2026-01-01T12:00:00Z").build(),
                new TaintBuilder().withKey("node.kubernetes.io/unreachable").withEffect("NoSchedule").build());
        Instant now = T0.plusSeconds(3);
        return Stream.of(
                Arguments.of("no toleration: evicted at once", pod("p", null, null), unreachable, Optional.of(now)),
                Arguments.of("the API server's default 300 s toleration: the configured 10 s",
                        tolerating(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 300L, null)),
                        unreachable, Optional.of(T0.plusSeconds(10))),
                Arguments.of("an explicit 60 s toleration is honoured",
                        tolerating(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 60L, null)),
                        unreachable, Optional.of(T0.plusSeconds(60))),
                Arguments.of("a toleration without seconds stays forever (DaemonSet pods)",
                        tolerating(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", null, null)),
                        unreachable, Optional.empty()),
                Arguments.of("tolerating everything stays forever",
                        tolerating(new Toleration(null, null, "Exists", null, null)), unreachable, Optional.empty()),
                Arguments.of("a zero toleration goes at once",
                        tolerating(new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 0L, null)),
                        unreachable, Optional.of(T0)),
                Arguments.of("a node without NoExecute taints evicts nobody", pod("p", null, null),
                        List.of(taint("dedicated", "gpu", "NoSchedule")), Optional.empty()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("evictions")
    void evictsPodsWhenTheirTolerationRunsOut(String name, Pod pod, List<Taint> taints, Optional<Instant> expected) {
        assertThat(Evictions.evictAt(pod, taints, T0.plusSeconds(3), Duration.ofSeconds(10))).isEqualTo(expected);
    }

    static Lease lease(Instant renewed) {
        return new LeaseBuilder().withNewMetadata().withName("n1").withNamespace("kube-node-lease").endMetadata()
                .withNewSpec().withRenewTime(renewed.atZone(ZoneOffset.UTC)).endSpec().build();
    }

    static Pod tolerating(Toleration toleration) {
        return pod("p", null, null, b -> b.editSpec().withTolerations(toleration).endSpec());
    }
}
