package io.kubelite.scheduler.placement;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.kubelite.scheduler.framework.Fixtures.boundTo;
import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.ownedBy;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class PlacementTest {

    private final Placement placement = Placement.defaults(new Random(42));

    @Test
    void placesAPodOnTheOnlyNodeItsRequestsFit() {
        List<NodeInfo> nodes = List.of(NodeInfo.of(node("small-1", "1", "1Gi")), NodeInfo.of(node("big", "8", "16Gi")),
                NodeInfo.of(node("small-2", "1", "1Gi")));

        Decision decision = placement.place(PodInfo.of(pod("p", "2", "4Gi")), nodes, 0);

        assertThat(decision).isInstanceOfSatisfying(Decision.Fits.class, fits -> {
            assertThat(fits.nodeName()).isEqualTo("big");
            assertThat(fits.feasible()).isEqualTo(1);
        });
    }

    @Test
    void explainsAPodThatFitsNowhereWithOneReasonPerNode() {
        List<NodeInfo> nodes = List.of(
                NodeInfo.of(node("cordoned", "8", "16Gi", b -> b.editSpec().withUnschedulable(true).endSpec())),
                NodeInfo.of(node("small-1", "8", "1Gi")), NodeInfo.of(node("small-2", "8", "1Gi")));

        Decision decision = placement.place(PodInfo.of(pod("p", "1", "4Gi")), nodes, 1);

        assertThat(decision).isInstanceOfSatisfying(Decision.Unschedulable.class, u -> {
            assertThat(u.error().message())
                    .isEqualTo("0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory.");
            assertThat(u.examined()).isEqualTo(3);
        });
    }

    @Test
    void prefersTheLeastAllocatedNode() {
        NodeInfo busy = NodeInfo.of(node("busy", "4", "8Gi"), PodInfo.of(pod("old", "3", "6Gi", b -> boundTo(b, "busy"))));
        NodeInfo idle = NodeInfo.of(node("idle", "4", "8Gi"));

        Decision decision = placement.place(PodInfo.of(pod("p", "500m", "1Gi")), List.of(busy, idle), 0);

        assertThat(((Decision.Fits) decision).nodeName()).isEqualTo("idle");
    }

    @Test
    void spreadsReplicasOfOneControllerOverEqualNodes() {
        NodeInfo a = NodeInfo.of(node("a", "4", "8Gi"), PodInfo.of(pod("r1", null, null, b -> ownedBy(boundTo(b, "a"), "rs"))));
        NodeInfo b = NodeInfo.of(node("b", "4", "8Gi"), PodInfo.of(pod("x1", null, null, b2 -> boundTo(b2, "b"))));

        Decision decision = placement.place(PodInfo.of(pod("r2", null, null, p -> ownedBy(p, "rs"))), List.of(a, b), 0);

        assertThat(((Decision.Fits) decision).nodeName()).isEqualTo("b");
    }

    @Test
    void followsPreferredNodeAffinity() {
        NodeInfo plain = NodeInfo.of(node("plain", "4", "8Gi"));
        NodeInfo ssd = NodeInfo.of(node("ssd", "4", "8Gi", b -> b.editMetadata().withLabels(Map.of("disk", "ssd")).endMetadata()),
                PodInfo.of(pod("old", "1", "2Gi", b -> boundTo(b, "ssd"))));
        var pod = io.kubelite.scheduler.framework.Fixtures.preferring(pod("p", "100m", "100Mi"), 50, "disk", "ssd", 1, "x", "y");

        Decision decision = placement.place(PodInfo.of(pod), List.of(plain, ssd), 0);

        assertThat(((Decision.Fits) decision).nodeName()).isEqualTo("ssd");
    }

    @Test
    void stopsFilteringOnceEnoughNodesAreFeasible() {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            nodes.add(NodeInfo.of(node("n" + i, "4", "8Gi")));
        }

        Decision decision = placement.place(PodInfo.of(pod("p", "1", "1Gi")), nodes, 4900);

        assertThat(decision).isInstanceOfSatisfying(Decision.Fits.class, fits -> {
            assertThat(fits.feasible()).isEqualTo(500);
            assertThat(fits.examined()).isEqualTo(500);
        });
    }

    @ParameterizedTest(name = "{0} nodes at {1} % → {2} feasible nodes are enough")
    @CsvSource({"50, 0, 50", "99, 0, 99", "100, 0, 100", "1000, 0, 420", "5000, 0, 500", "6000, 0, 300",
            "10000, 0, 500", "100000, 0, 5000", "5000, 100, 5000", "5000, 1, 100"})
    void findsKubernetesAdaptiveNumberOfFeasibleNodes(int nodes, int percentage, int expected) {
        assertThat(Placement.feasibleNodesToFind(nodes, percentage)).isEqualTo(expected);
    }
}
