package io.kubelite.nodeagent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.nodeagent.pod.ContainerSpecs;
import io.kubelite.nodeagent.pod.PodCache;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.simulated.SimulatedRuntime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class PodMetricsPublisherTest {

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));
    final SimulatedRuntime runtime = new SimulatedRuntime(clock);
    final Pod pod = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("u1")
            .addToLabels("app", "web").endMetadata().withNewSpec().addNewContainer().withName("c").withImage("i:1")
            .endContainer().endSpec().build();
    final List<String> published = new ArrayList<>();

    /** A publisher as a node agent that starts now has it. */
    PodMetricsPublisher publisher() {
        PodCache cache = new PodCache() {
            @Override
            public Optional<Pod> get(ObjectKey key) {
                return Optional.of(pod);
            }

            @Override
            public List<Pod> list() {
                return List.of(pod);
            }

            @Override
            public boolean synced() {
                return true;
            }
        };
        return new PodMetricsPublisher(runtime, ContainerLabels.owner("c1", "node-1"), cache,
                (key, value) -> published.add(key + " " + value), Executors.newSingleThreadExecutor());
    }

    void startPod() {
        ContainerSpecs.Owner owner = new ContainerSpecs.Owner("c1", "node-1");
        String sandbox = runtime.create(ContainerSpecs.sandbox(pod, owner, "pause", List.of(), null, "cluster.local"));
        runtime.start(sandbox);
        String app = runtime.create(ContainerSpecs.app(pod, pod.getSpec().getContainers().get(0), sandbox, List.of(),
                List.of(), 0, owner));
        runtime.start(app);
    }

    @Test
    void publishesOnePodMetricsRecordPerPodOnceItsContainersRanASecond() {
        startPod();
        PodMetricsPublisher publisher = publisher();
        publisher.publishOnce();
        assertThat(published).as("a container that started this instant has no rate yet").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        publisher.publishOnce();
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).startsWith("default/web {\"kind\":\"PodMetrics\",\"apiVersion\":\"metrics.k8s.io/v1beta1\"")
                .contains("\"labels\":{\"app\":\"web\"}").contains("\"window\":\"5s\"")
                .contains("\"containers\":[{").contains("\"name\":\"c\"").contains("\"cpu\":\"0m\"").contains("\"memory\":\"0Ki\"")
                .doesNotContain("\"POD\"");
        clock.advance(Duration.ofSeconds(5));
        publisher.publishOnce();
        assertThat(published).hasSize(2);
        assertThat(published.get(1)).as("measured from the previous sample").contains("\"window\":\"5s\"");
    }

    @Test
    void anAgentThatStartsMeasuresRunningContainersFromTheirStartAtOnce() {
        startPod();
        clock.advance(Duration.ofSeconds(30));
        publisher().publishOnce();
        assertThat(published).hasSize(1);
        assertThat(published.get(0)).contains("\"window\":\"30s\"");
    }

    @Test
    void aNodeWithAMachineOfItsOwnPublishesItsUsageFromTheSecondSampleOn() {
        PodMetricsPublisher publisher = publisher();
        runtime.hostUsage(new io.kubelite.nodeagent.runtime.ContainerRuntime.UsageSample(clock.instant(), 0, 1_048_576));
        publisher.publishOnce();
        assertThat(published).as("one sample is no rate yet").isEmpty();
        clock.advance(Duration.ofSeconds(5));
        // 2.5 s of CPU over 5 s: half a core
        runtime.hostUsage(new io.kubelite.nodeagent.runtime.ContainerRuntime.UsageSample(clock.instant(),
                2_500_000_000L, 3L * 1_048_576));
        publisher.publishOnce();
        assertThat(published).singleElement().asString().startsWith("node:node-1 {\"kind\":\"NodeMetrics\"")
                .contains("\"metadata\":{\"name\":\"node-1\"}").contains("\"window\":\"5s\"")
                .contains("\"cpu\":\"500m\"").contains("\"memory\":\"3072Ki\"");
    }
}
