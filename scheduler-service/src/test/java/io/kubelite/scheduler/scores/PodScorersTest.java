package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.Placement;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

class PodScorersTest {

    static final String HOST = "kubernetes.io/hostname";
    static final String ZONE = "topology.kubernetes.io/zone";

    static List<NodeInfo> nodes(String... nameAndZone) {
        List<NodeInfo> nodes = new ArrayList<>();
        for (int i = 0; i < nameAndZone.length; i += 2) {
            String name = nameAndZone[i];
            String zone = nameAndZone[i + 1];
            nodes.add(NodeInfo.of(node(name, "4", "8Gi", b -> b.editMetadata().addToLabels(HOST, name).addToLabels(ZONE, zone)
                    .endMetadata())));
        }
        return nodes;
    }

    static Pod web(String name) {
        return pod(name, null, null, b -> b.editMetadata().addToLabels("app", "web").endMetadata());
    }

    static Pod preferring(boolean anti, int weight) {
        var term = new WeightedPodAffinityTermBuilder().withWeight(weight).withNewPodAffinityTerm().withTopologyKey(HOST)
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).endPodAffinityTerm().build();
        PodBuilder b = new PodBuilder(web("new")).editSpec().withNewAffinity().endAffinity().endSpec();
        if (anti) {
            b.editSpec().editAffinity().withNewPodAntiAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(term)
                    .endPodAntiAffinity().endAffinity().endSpec();
        } else {
            b.editSpec().editAffinity().withNewPodAffinity().withPreferredDuringSchedulingIgnoredDuringExecution(term)
                    .endPodAffinity().endAffinity().endSpec();
        }
        return b.build();
    }

    static String placed(Pod pod, List<NodeInfo> nodes, long seed) {
        Decision d = Placement.defaults(new Random(seed)).place(PodInfo.of(pod), Cluster.scan(nodes), 0);
        return ((Decision.Fits) d).nodeName();
    }

    @RepeatedTest(5)
    void preferredAntiAffinityAvoidsTheNodeWithAMatchingPodAndPreferredAffinitySeeksIt() {
        List<NodeInfo> nodes = nodes("n1", "a", "n2", "a");
        nodes.get(0).addPod(PodInfo.of(web("old")));
        long seed = System.nanoTime();

        assertThat(placed(preferring(true, 100), nodes, seed)).isEqualTo("n2");
        assertThat(placed(preferring(false, 100), nodes, seed)).isEqualTo("n1");
    }

    @RepeatedTest(5)
    void scheduleAnywaySpreadPrefersTheEmptiestZone() {
        List<NodeInfo> nodes = nodes("n1", "a", "n2", "a", "n3", "b");
        nodes.get(0).addPod(PodInfo.of(web("w1")));
        nodes.get(1).addPod(PodInfo.of(web("w2")));
        Pod p = new PodBuilder(web("w3")).editSpec().withTopologySpreadConstraints(new TopologySpreadConstraintBuilder()
                .withTopologyKey(ZONE).withMaxSkew(1).withWhenUnsatisfiable("ScheduleAnyway")
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).build()).endSpec().build();

        assertThat(placed(p, nodes, System.nanoTime())).isEqualTo("n3");
    }

    @Test
    void nothingToWeighLeavesThePodScorersOut() {
        List<NodeInfo> nodes = nodes("n1", "a");
        assertThat(new InterPodAffinityScorer().prepare(PodInfo.of(web("p")), Cluster.scan(nodes))).isEmpty();
        assertThat(new TopologySpreadScorer().prepare(PodInfo.of(web("p")), Cluster.scan(nodes))).isEmpty();
    }

    @Test
    void minMaxRescalesBetweenTheLowestAndHighest() {
        long[] higherBetter = {-100, 0, 100};
        PodScorer.minMax(higherBetter, false);
        long[] lowerBetter = {3, 1, 0};
        PodScorer.minMax(lowerBetter, true);

        assertThat(higherBetter).containsExactly(0, 50, 100);
        assertThat(lowerBetter).containsExactly(0, 66, 100);
    }
}
