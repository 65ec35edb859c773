package io.kubelite.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.controller.informer.MapLister;
import io.kubelite.controller.time.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Which records the metrics API reports: those of pods that exist and still run, as metrics-server. */
class MetricsApiTest {

    final PodMetricsStore store = new PodMetricsStore(Duration.ofMinutes(2), ManualClock.atEpochOfTests());
    final MapLister<Pod> pods = new MapLister<>();
    final MapLister<Node> nodes = new MapLister<>();
    final MetricsApi api = new MetricsApi(store, pods, nodes, JsonMapper.builder().build());

    static Pod pod(String name, String phase, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node-1").endSpec().withNewStatus().withPhase(phase).endStatus().build();
    }

    void record(String name, String cpu) {
        store.put("default/" + name, PodMetricsStoreTest.metrics("default", name, cpu));
    }

    @Test
    void aDeletedOrFinishedPodHasNoMetricsThoughItsLastRecordIsFresh() {
        nodes.put(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().build());
        pods.put(pod("running", "Running", Map.of("app", "web")));
        pods.put(pod("done", "Succeeded", Map.of("app", "web")));
        record("running", "10m");
        record("done", "20m");
        record("deleted", "40m");

        JsonNode list = api.listPods("default", null).getBody();
        assertThat(list.path("items").valueStream().map(m -> m.path("metadata").path("name").asString()))
                .containsExactly("running");
        assertThat(api.getPod("default", "running").getStatusCode().value()).isEqualTo(200);
        assertThat(api.getPod("default", "deleted").getStatusCode().value()).isEqualTo(404);
        assertThat(api.getPod("default", "done").getStatusCode().value()).isEqualTo(404);
        assertThat(api.listNodes(null).path("items").get(0).path("usage").path("cpu").asString()).isEqualTo("10m");
    }

    @Test
    void aLabelSelectorMatchesThePodsLabelsOfNow() {
        pods.put(pod("relabelled", "Running", Map.of("app", "api")));
        record("relabelled", "10m");
        // the record was published while the pod had no labels
        assertThat(api.listPods("default", "app=api").getBody().path("items")).hasSize(1);
        assertThat(api.listPods("default", "app=web").getBody().path("items")).isEmpty();
    }

    /** A node's agent measures its machine, as a kubelet its node: that record wins over the sum of the pods. */
    @Test
    void aNodesOwnRecordIsItsUsageElseTheSumOfItsPods() {
        nodes.put(new NodeBuilder().withNewMetadata().withName("node-1").addToLabels("zone", "a").endMetadata().build());
        pods.put(pod("running", "Running", Map.of()));
        record("running", "10m");
        assertThat(api.listNodes(null).path("items").get(0).path("usage").path("cpu").asString()).isEqualTo("10m");
        MetricsConsumer.accept(store, "node:node-1", """
                {"kind":"NodeMetrics","apiVersion":"metrics.k8s.io/v1beta1","metadata":{"name":"node-1"},
                 "timestamp":"2026-11-26T12:00:00Z","window":"5s","usage":{"cpu":"1250m","memory":"4194304Ki"}}""");
        JsonNode node = api.getNode("node-1").getBody();
        assertThat(node.path("usage").path("cpu").asString()).isEqualTo("1250m");
        assertThat(node.path("usage").path("memory").asString()).isEqualTo("4194304Ki");
        assertThat(node.path("metadata").path("labels").path("zone").asString()).isEqualTo("a");
        assertThat(api.listNodes("zone=a").path("items").get(0).path("usage").path("cpu").asString()).isEqualTo("1250m");
    }
}
