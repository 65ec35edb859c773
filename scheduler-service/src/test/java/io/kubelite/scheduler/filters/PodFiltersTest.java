package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static io.kubelite.scheduler.framework.Fixtures.node;
import static io.kubelite.scheduler.framework.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

/** Inter-pod affinity and topology spread: what each node answers for one pod, over a small cluster. */
class PodFiltersTest {

    static final String HOST = "kubernetes.io/hostname";
    static final String ZONE = "topology.kubernetes.io/zone";

    /** Nodes n1..n4: n1, n2 in zone a, n3 in zone b, n4 in zone c. */
    static List<NodeInfo> cluster() {
        List<NodeInfo> nodes = new ArrayList<>();
        String[][] layout = {{"n1", "a"}, {"n2", "a"}, {"n3", "b"}, {"n4", "c"}};
        for (String[] n : layout) {
            nodes.add(NodeInfo.of(node(n[0], "4", "8Gi", b -> b.editMetadata().addToLabels(HOST, n[0])
                    .addToLabels(ZONE, n[1]).endMetadata())));
        }
        return nodes;
    }

    static Pod labelled(String name, String app) {
        return pod(name, null, null, b -> b.editMetadata().addToLabels("app", app).endMetadata());
    }

    static void place(List<NodeInfo> nodes, String node, Pod pod) {
        nodes.stream().filter(n -> n.name().equals(node)).findFirst().orElseThrow().addPod(PodInfo.of(pod));
    }

    static PodAffinityTerm term(String key, String app) {
        return new PodAffinityTermBuilder().withTopologyKey(key)
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", app).build()).build();
    }

    static Pod antiAffine(String name, String app, String key) {
        return new PodBuilder(labelled(name, app)).editSpec().withNewAffinity().withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term(key, app)).endPodAntiAffinity().endAffinity()
                .endSpec().build();
    }

    static Pod affine(String name, String app, String key, String to) {
        return new PodBuilder(labelled(name, app)).editSpec().withNewAffinity().withNewPodAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term(key, to)).endPodAffinity().endAffinity()
                .endSpec().build();
    }

    static Pod spread(String name, String app, String key, int maxSkew, Integer minDomains) {
        return new PodBuilder(labelled(name, app)).editSpec().withTopologySpreadConstraints(new TopologySpreadConstraintBuilder()
                .withTopologyKey(key).withMaxSkew(maxSkew).withMinDomains(minDomains).withWhenUnsatisfiable("DoNotSchedule")
                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", app).build()).build()).endSpec().build();
    }

    /** node → its reasons ("" when it fits), in node order. */
    static Map<String, String> answers(PodFilter filter, Pod pod, List<NodeInfo> nodes) {
        Optional<NodeFilter> prepared = filter.prepare(PodInfo.of(pod), io.kubelite.scheduler.framework.Cluster.scan(nodes));
        Map<String, String> out = new LinkedHashMap<>();
        for (NodeInfo n : nodes) {
            out.put(n.name(), prepared.map(f -> String.join(";", f.reasons(PodInfo.of(pod), n))).orElse(""));
        }
        return out;
    }

    @Test
    void aPodWithoutTermsOrSpreadNeedsNoCheckAtAll() {
        List<NodeInfo> nodes = cluster();
        place(nodes, "n1", labelled("x", "web"));

        assertThat(new InterPodAffinity().prepare(PodInfo.of(labelled("p", "web")), io.kubelite.scheduler.framework.Cluster.scan(nodes))).isEmpty();
        assertThat(new PodTopologySpread().prepare(PodInfo.of(labelled("p", "web")), io.kubelite.scheduler.framework.Cluster.scan(nodes))).isEmpty();
    }

    @Test
    void antiAffinityOnTheHostnameKeepsReplicasApart() {
        List<NodeInfo> nodes = cluster();
        place(nodes, "n1", antiAffine("web-1", "web", HOST));
        place(nodes, "n3", antiAffine("web-2", "web", HOST));

        // the new replica's own term is checked first, so that is the reason given (as kube-scheduler gives it)
        assertThat(answers(new InterPodAffinity(), antiAffine("web-3", "web", HOST), nodes)).containsExactly(
                Map.entry("n1", InterPodAffinity.ANTI_AFFINITY), Map.entry("n2", ""),
                Map.entry("n3", InterPodAffinity.ANTI_AFFINITY), Map.entry("n4", ""));
    }

    @Test
    void anExistingPodsAntiAffinityKeepsOthersOutOfItsZone() {
        List<NodeInfo> nodes = cluster();
        place(nodes, "n1", antiAffine("db-1", "db", ZONE));
        Pod db = labelled("db-2", "db");

        assertThat(answers(new InterPodAffinity(), db, nodes).values())
                .containsExactly(InterPodAffinity.EXISTING_ANTI_AFFINITY, InterPodAffinity.EXISTING_ANTI_AFFINITY, "", "");
        assertThat(answers(new InterPodAffinity(), labelled("other", "web"), nodes).values()).containsOnly("");
    }

    @Test
    void theNewPodsAntiAffinityAvoidsTheDomainsOfWhatItSelects() {
        List<NodeInfo> nodes = cluster();
        place(nodes, "n3", labelled("cache", "cache"));
        Pod p = new PodBuilder(labelled("web", "web")).editSpec().withNewAffinity().withNewPodAntiAffinity()
                .withRequiredDuringSchedulingIgnoredDuringExecution(term(ZONE, "cache")).endPodAntiAffinity().endAffinity()
                .endSpec().build();

        assertThat(answers(new InterPodAffinity(), p, nodes).values())
                .containsExactly("", "", InterPodAffinity.ANTI_AFFINITY, "");
    }

    @Test
    void affinityNeedsAMatchingPodInTheDomainExceptForTheFirstOfItsOwnGroup() {
        List<NodeInfo> nodes = cluster();
        assertThat(answers(new InterPodAffinity(), affine("web", "web", ZONE, "cache"), nodes).values())
                .as("nothing to be near").containsOnly(InterPodAffinity.AFFINITY);
        assertThat(answers(new InterPodAffinity(), affine("cache-1", "cache", ZONE, "cache"), nodes).values())
                .as("the first of a group that wants to be together").containsOnly("");

        place(nodes, "n2", labelled("cache-1", "cache"));
        assertThat(answers(new InterPodAffinity(), affine("web", "web", ZONE, "cache"), nodes).values())
                .containsExactly("", "", InterPodAffinity.AFFINITY, InterPodAffinity.AFFINITY);
    }

    @Test
    void topologySpreadKeepsZonesWithinMaxSkew() {
        List<NodeInfo> nodes = cluster();
        place(nodes, "n1", labelled("w1", "web"));
        place(nodes, "n2", labelled("w2", "web"));
        place(nodes, "n3", labelled("w3", "web"));
        place(nodes, "n4", labelled("w4", "web"));

        assertThat(answers(new PodTopologySpread(), spread("w5", "web", ZONE, 1, null), nodes).values())
                .containsExactly(PodTopologySpread.NOT_MATCHED, PodTopologySpread.NOT_MATCHED, "", "");
        assertThat(answers(new PodTopologySpread(), spread("w5", "web", ZONE, 2, null), nodes).values()).containsOnly("");
    }

    @Test
    void minDomainsCountsMissingDomainsAsEmpty() {
        List<NodeInfo> nodes = cluster();
        place(nodes, "n3", labelled("w1", "web"));
        place(nodes, "n4", labelled("w2", "web"));
        place(nodes, "n1", labelled("w3", "web"));

        assertThat(answers(new PodTopologySpread(), spread("w4", "web", ZONE, 1, null), nodes).values()).containsOnly("");
        assertThat(answers(new PodTopologySpread(), spread("w4", "web", ZONE, 1, 4), nodes).values())
                .containsOnly(PodTopologySpread.NOT_MATCHED);
    }

    @Test
    void aNodeWithoutTheTopologyLabelIsRejectedForIt() {
        List<NodeInfo> nodes = new ArrayList<>(cluster());
        nodes.add(NodeInfo.of(node("bare", "4", "8Gi")));

        assertThat(answers(new PodTopologySpread(), spread("w1", "web", ZONE, 1, null), nodes))
                .containsEntry("bare", PodTopologySpread.MISSING_LABEL).containsEntry("n1", "");
    }
}
