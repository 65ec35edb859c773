package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static io.kubelite.scheduler.framework.Fixtures.boundTo;
import static io.kubelite.scheduler.framework.Fixtures.hostPort;
import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static io.kubelite.scheduler.framework.Fixtures.ready;
import static io.kubelite.scheduler.framework.Fixtures.taint;
import static io.kubelite.scheduler.framework.Fixtures.toleration;
import static org.assertj.core.api.Assertions.assertThat;

class NodeFiltersTest {

    private static final NodeFilter UNSCHEDULABLE = new NodeUnschedulableFilter();
    private static final NodeFilter TAINTS = new TaintTolerationFilter();
    private static final NodeFilter AFFINITY = new NodeAffinityFilter();
    private static final NodeFilter PORTS = new NodePortsFilter();
    private static final NodeFilter FIT = new NodeResourcesFitFilter();

    static Stream<Arguments> cases() {
        NodeInfo plain = NodeInfo.of(node("n1", "2", "4Gi"));
        NodeInfo cordoned = NodeInfo.of(node("n1", "2", "4Gi", b -> b.editSpec().withUnschedulable(true).endSpec()));
        NodeInfo gpu = NodeInfo.of(node("n1", "2", "4Gi",
                b -> b.editSpec().withTaints(taint("dedicated", "gpu", "NoSchedule")).endSpec()));
        NodeInfo soft = NodeInfo.of(node("n1", "2", "4Gi",
                b -> b.editSpec().withTaints(taint("dedicated", "gpu", "PreferNoSchedule")).endSpec()));
        NodeInfo evicting = NodeInfo.of(node("n1", "2", "4Gi",
                b -> b.editSpec().withTaints(taint("maintenance", null, "NoExecute")).endSpec()));
        NodeInfo notReady = NodeInfo.of(node("n1", "2", "4Gi", b -> b.editStatus().withConditions(ready("False")).endStatus()));
        NodeInfo unknown = NodeInfo.of(node("n1", "2", "4Gi", b -> b.editStatus().withConditions(ready("Unknown")).endStatus()));
        NodeInfo ssd = NodeInfo.of(node("n1", "2", "4Gi", b -> b.editMetadata().withLabels(Map.of("disk", "ssd", "cores", "8")).endMetadata()));
        NodeInfo busy = NodeInfo.of(node("n1", "2", "4Gi"),
                PodInfo.of(pod("old", "1800m", "1Gi", b -> hostPort(boundTo(b, "n1"), 8080))));
        NodeInfo busyWithOverhead = NodeInfo.of(node("n1", "2", "4Gi"),
                PodInfo.of(pod("old", "1700m", "1Gi", b -> overhead(boundTo(b, "n1"), "100m", "64Mi"))));
        NodeInfo full = NodeInfo.of(node("n1", "2", "4Gi", b -> b.editStatus().addToAllocatable("pods",
                new io.fabric8.kubernetes.api.model.Quantity("1")).endStatus()), PodInfo.of(pod("old", null, null)));
        return Stream.of(
                Arguments.of("a schedulable node passes", UNSCHEDULABLE, pod("p", null, null), plain, List.of()),
                Arguments.of("a cordoned node is rejected", UNSCHEDULABLE, pod("p", null, null), cordoned,
                        List.of("node(s) were unschedulable")),
                Arguments.of("a cordoned node takes pods tolerating unschedulable", UNSCHEDULABLE,
                        pod("p", null, null, b -> b.editSpec().withTolerations(toleration(
                                "node.kubernetes.io/unschedulable", "Exists", null, "NoSchedule")).endSpec()), cordoned, List.of()),
                Arguments.of("an untolerated NoSchedule taint is named", TAINTS, pod("p", null, null), gpu,
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                Arguments.of("an Equal toleration with the value tolerates", TAINTS, pod("p", null, null,
                        b -> b.editSpec().withTolerations(toleration("dedicated", "Equal", "gpu", "NoSchedule")).endSpec()), gpu, List.of()),
                Arguments.of("an Equal toleration with another value does not", TAINTS, pod("p", null, null,
                        b -> b.editSpec().withTolerations(toleration("dedicated", "Equal", "db", "NoSchedule")).endSpec()), gpu,
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                Arguments.of("a toleration for another effect does not", TAINTS, pod("p", null, null,
                        b -> b.editSpec().withTolerations(toleration("dedicated", "Exists", null, "NoExecute")).endSpec()), gpu,
                        List.of("node(s) had untolerated taint {dedicated: gpu}")),
                Arguments.of("an empty key with Exists tolerates everything", TAINTS, pod("p", null, null,
                        b -> b.editSpec().withTolerations(toleration(null, "Exists", null, null)).endSpec()), evicting, List.of()),
                Arguments.of("PreferNoSchedule does not filter", TAINTS, pod("p", null, null), soft, List.of()),
                Arguments.of("NoExecute filters too; an empty value prints empty", TAINTS, pod("p", null, null), evicting,
                        List.of("node(s) had untolerated taint {maintenance: }")),
                Arguments.of("a NotReady node counts as tainted not-ready", TAINTS, pod("p", null, null), notReady,
                        List.of("node(s) had untolerated taint {node.kubernetes.io/not-ready: }")),
                Arguments.of("a node in Unknown counts as tainted unreachable", TAINTS, pod("p", null, null), unknown,
                        List.of("node(s) had untolerated taint {node.kubernetes.io/unreachable: }")),
                Arguments.of("nodeSelector matching the labels passes", AFFINITY, pod("p", null, null,
                        b -> b.editSpec().withNodeSelector(Map.of("disk", "ssd")).endSpec()), ssd, List.of()),
                Arguments.of("nodeSelector with a missing label is rejected", AFFINITY, pod("p", null, null,
                        b -> b.editSpec().withNodeSelector(Map.of("disk", "ssd")).endSpec()), plain,
                        List.of("node(s) didn't match Pod's node affinity/selector")),
                Arguments.of("nodeSelector with another value is rejected", AFFINITY, pod("p", null, null,
                        b -> b.editSpec().withNodeSelector(Map.of("disk", "hdd")).endSpec()), ssd,
                        List.of("node(s) didn't match Pod's node affinity/selector")),
                Arguments.of("required affinity In matches", AFFINITY, required(pod("p", null, null), "disk", "In", "ssd", "nvme"), ssd, List.of()),
                Arguments.of("required affinity NotIn rejects", AFFINITY, required(pod("p", null, null), "disk", "NotIn", "ssd"), ssd,
                        List.of("node(s) didn't match Pod's node affinity/selector")),
                Arguments.of("required affinity Exists matches", AFFINITY, required(pod("p", null, null), "disk", "Exists"), ssd, List.of()),
                Arguments.of("required affinity DoesNotExist rejects", AFFINITY, required(pod("p", null, null), "disk", "DoesNotExist"), ssd,
                        List.of("node(s) didn't match Pod's node affinity/selector")),
                Arguments.of("required affinity Gt compares integers", AFFINITY, required(pod("p", null, null), "cores", "Gt", "4"), ssd, List.of()),
                Arguments.of("required affinity Lt compares integers", AFFINITY, required(pod("p", null, null), "cores", "Lt", "8"), ssd,
                        List.of("node(s) didn't match Pod's node affinity/selector")),
                Arguments.of("a free host port passes", PORTS, pod("p", null, null, b -> hostPort(b, 9090)), busy, List.of()),
                Arguments.of("a taken host port is rejected", PORTS, pod("p", null, null, b -> hostPort(b, 8080)), busy,
                        List.of("node(s) didn't have free ports for the requested pod ports")),
                Arguments.of("requests within what is left fit", FIT, pod("p", "200m", "3Gi"), busy, List.of()),
                Arguments.of("more cpu than is left is insufficient", FIT, pod("p", "201m", "1Gi"), busy, List.of("Insufficient cpu")),
                Arguments.of("more memory than is left is insufficient", FIT, pod("p", "100m", "3073Mi"), busy, List.of("Insufficient memory")),
                Arguments.of("every shortage is named", FIT, pod("p", "1", "8Gi"), busy, List.of("Insufficient cpu", "Insufficient memory")),
                Arguments.of("requests that fit alone do not fit with the pod's overhead", FIT,
                        pod("p", "150m", "1Gi", b -> overhead(b, "100m", "0")), busy, List.of("Insufficient cpu")),
                Arguments.of("requests and overhead within what is left fit", FIT,
                        pod("p", "150m", "1Gi", b -> overhead(b, "50m", "1Gi")), busy, List.of()),
                Arguments.of("the overhead of the pods already there is used", FIT, pod("p", "201m", "2Gi"),
                        busyWithOverhead, List.of("Insufficient cpu")),
                Arguments.of("what is left after their overhead fits", FIT, pod("p", "200m", "2Gi"), busyWithOverhead,
                        List.of()),
                Arguments.of("a pod asking nothing fits a busy node", FIT, pod("p", null, null), busy, List.of()),
                Arguments.of("a node at its pod limit has too many pods", FIT, pod("p", null, null), full, List.of("Too many pods")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void filtersNodesLikeKubeScheduler(String name, NodeFilter filter, io.fabric8.kubernetes.api.model.Pod pod, NodeInfo node,
            List<String> expectedReasons) {
        assertThat(filter.reasons(PodInfo.of(pod), node)).containsExactlyElementsOf(expectedReasons);
    }

    /** The pod's {@code spec.overhead}, as RuntimeClass admission sets it. */
    private static PodBuilder overhead(PodBuilder b, String cpu, String memory) {
        return b.editSpec().withOverhead(Map.of("cpu", new io.fabric8.kubernetes.api.model.Quantity(cpu),
                "memory", new io.fabric8.kubernetes.api.model.Quantity(memory))).endSpec();
    }

    private static io.fabric8.kubernetes.api.model.Pod required(io.fabric8.kubernetes.api.model.Pod pod, String key, String op,
            String... values) {
        return new PodBuilder(pod).editSpec().withNewAffinity().withNewNodeAffinity()
                .withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .withNodeSelectorTerms(new NodeSelectorTermBuilder().withMatchExpressions(
                        new NodeSelectorRequirement(key, op, List.of(values))).build())
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
    }
}
