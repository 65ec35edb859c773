package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static io.kubelite.scheduler.framework.Fixtures.ready;
import static io.kubelite.scheduler.framework.Fixtures.taint;
import static org.assertj.core.api.Assertions.assertThat;

class SchedulingRulesTest {

    static Stream<Arguments> responsibility() {
        Pod pending = pod("p", null, null);
        return Stream.of(
                Arguments.of("an unbound pod without schedulerName is ours", pending, true),
                Arguments.of("default-scheduler is ours", new PodBuilder(pending).editSpec().withSchedulerName("default-scheduler").endSpec().build(), true),
                Arguments.of("another scheduler's pod is not", new PodBuilder(pending).editSpec().withSchedulerName("gpu-scheduler").endSpec().build(), false),
                Arguments.of("a bound pod is not", new PodBuilder(pending).editSpec().withNodeName("n1").endSpec().build(), false),
                Arguments.of("a pod being deleted is not", new PodBuilder(pending).editMetadata().withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build(), false),
                Arguments.of("a finished pod is not", new PodBuilder(pending).withNewStatus().withPhase("Failed").endStatus().build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("responsibility")
    void schedulesOnlyItsOwnPendingPods(String name, Pod pod, boolean expected) {
        assertThat(Responsibility.needsScheduling(pod, Set.of("default-scheduler"))).isEqualTo(expected);
    }

    static Stream<Arguments> updates() {
        Pod pending = pod("p", null, null);
        Pod markedUnschedulable = new PodBuilder(pending).withNewStatus().withPhase("Pending").addNewCondition()
                .withType("PodScheduled").withStatus("False").withReason("Unschedulable").endCondition().endStatus().build();
        Pod bound = new PodBuilder(pending).editSpec().withNodeName("n1").endSpec().build();
        return Stream.of(
                Arguments.of("a pending pod's status-only update does not", pending, markedUnschedulable, false),
                Arguments.of("a new label does", pending, new PodBuilder(pending).editMetadata().addToLabels("tier", "web").endMetadata().build(), true),
                Arguments.of("a new annotation does", pending, new PodBuilder(pending).editMetadata().addToAnnotations("a", "b").endMetadata().build(), true),
                Arguments.of("a spec change (tolerations) does", pending, new PodBuilder(pending).editSpec().addNewToleration()
                        .withKey("k").withOperator("Exists").endToleration().endSpec().build(), true),
                Arguments.of("being bound does", pending, bound, true),
                Arguments.of("being deleted does", pending, new PodBuilder(pending).editMetadata()
                        .withDeletionTimestamp("2026-01-01T00:00:00Z").endMetadata().build(), true),
                Arguments.of("a bound pod's update does not", bound, new PodBuilder(bound).editMetadata().addToLabels("x", "y").endMetadata().build(), false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updates")
    void decidesAgainOnlyWhenWhatPlacementReadsChanged(String name, Pod oldPod, Pod newPod, boolean expected) {
        assertThat(Responsibility.updateMatters(oldPod, newPod, Set.of("default-scheduler"))).isEqualTo(expected);
    }

    static Stream<Arguments> nodeChanges() {
        Node base = node("n1", "2", "4Gi");
        return Stream.of(
                Arguments.of("a heartbeat only", base, new NodeBuilder(base).editStatus().withConditions(
                        new io.fabric8.kubernetes.api.model.NodeConditionBuilder(ready("True")).withLastHeartbeatTime("2026-01-01T00:00:10Z").build())
                        .endStatus().build(), false),
                Arguments.of("uncordoned", new NodeBuilder(base).editSpec().withUnschedulable(true).endSpec().build(), base, true),
                Arguments.of("labelled", base, new NodeBuilder(base).editMetadata().withLabels(Map.of("disk", "ssd")).endMetadata().build(), true),
                Arguments.of("untainted", new NodeBuilder(base).editSpec().withTaints(taint("a", "b", "NoSchedule")).endSpec().build(), base, true),
                Arguments.of("Ready again", new NodeBuilder(base).editStatus().withConditions(ready("Unknown")).endStatus().build(), base, true),
                Arguments.of("more memory", base, new NodeBuilder(base).editStatus().addToAllocatable("memory", new Quantity("8Gi")).endStatus().build(), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nodeChanges")
    void retriesUnschedulablePodsOnlyOnNodeChangesThatMatter(String name, Node before, Node after, boolean expected) {
        assertThat(NodeChanges.mayMakePodsSchedulable(before, after)).isEqualTo(expected);
    }
}
