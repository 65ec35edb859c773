package io.kubelite.nodeagent.kubelet;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.kubelite.nodeagent.metrics.UsageSnapshot;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the node's kubelet endpoints write for one measured state: a node and a pod "web" with two
 * containers, one of them sampled only once so far (no rate yet).
 */
class KubeletFormatsTest {

    static final Instant T = Instant.parse("2026-01-01T00:00:05Z");
    static final Instant STARTED = Instant.parse("2026-01-01T00:00:01Z");
    static final UsageSnapshot USAGE = new UsageSnapshot(
            Optional.of(new UsageSnapshot.Usage(T, 7_500_000_000_000L, OptionalLong.of(450_000_000), 3_000_000_000L)),
            List.of(
                    new UsageSnapshot.ContainerUsage("default", "web", "uid-1", "app", "abc123", "k8s_app_web_default_uid-1_0",
                            "nginx", STARTED, new UsageSnapshot.Usage(T, 1_500_000_000L, OptionalLong.of(3_000_000), 3_500_000)),
                    new UsageSnapshot.ContainerUsage("default", "web", "uid-1", "log", "def456", "k8s_log_web_default_uid-1_0",
                            "busybox", STARTED, new UsageSnapshot.Usage(T, 500_000_000L, OptionalLong.empty(), 500_000))));

    static String text(MetricSnapshots snapshots) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, snapshots);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void resourceMetricsAreTheKubeletsNamesLabelsAndTimestamps() throws IOException {
        String text = text(ResourceMetrics.of(USAGE));
        long ms = T.toEpochMilli();
        assertThat(text)
                .contains("# HELP container_cpu_usage_seconds_total [STABLE] Cumulative cpu time consumed by the container in core-seconds")
                .contains("# TYPE container_cpu_usage_seconds_total counter")
                .contains("container_cpu_usage_seconds_total{container=\"app\",namespace=\"default\",pod=\"web\"} 1.5 " + ms)
                .contains("container_memory_working_set_bytes{container=\"log\",namespace=\"default\",pod=\"web\"} 500000.0 " + ms)
                .contains("container_start_time_seconds{container=\"app\",namespace=\"default\",pod=\"web\"} 1.767225601E9 " + ms)
                .contains("node_cpu_usage_seconds_total 7500.0 " + ms)
                .contains("node_memory_working_set_bytes 3.0E9 " + ms)
                .contains("# TYPE pod_cpu_usage_seconds_total counter")
                .contains("pod_cpu_usage_seconds_total{namespace=\"default\",pod=\"web\"} 2.0 " + ms)
                .contains("pod_memory_working_set_bytes{namespace=\"default\",pod=\"web\"} 4000000.0 " + ms)
                .contains("resource_scrape_error 0.0");
    }

    @Test
    void cadvisorMetricsLabelContainersAsCadvisorAndTheMachineAsTheRoot() throws IOException {
        String text = text(CadvisorMetrics.of(USAGE, 2, 24_000_000_000L, T));
        assertThat(text)
                .contains("container_cpu_usage_seconds_total{container=\"app\",cpu=\"total\",id=\"abc123\",image=\"nginx\","
                        + "name=\"k8s_app_web_default_uid-1_0\",namespace=\"default\",pod=\"web\"} 1.5")
                .contains("container_cpu_usage_seconds_total{container=\"\",cpu=\"total\",id=\"/\",image=\"\",name=\"\","
                        + "namespace=\"\",pod=\"\"} 7500.0")
                .contains("container_memory_working_set_bytes{container=\"app\",id=\"abc123\",image=\"nginx\","
                        + "name=\"k8s_app_web_default_uid-1_0\",namespace=\"default\",pod=\"web\"} 3500000.0")
                .contains("machine_cpu_cores 2.0")
                .contains("machine_memory_bytes 2.4E10");
    }

    @Test
    void theSummaryHasTheNodeAndEachPodWithRatesOnlyWhereTheyAreKnown() {
        Pod web = new PodBuilder().withNewMetadata().withName("web").withNamespace("default").withUid("uid-1").endMetadata()
                .withNewStatus().withStartTime("2026-01-01T00:00:00Z").endStatus().build();
        Map<String, Object> summary = StatsSummary.of("node-1", Instant.parse("2025-12-31T23:00:00Z"), USAGE, List.of(web),
                4_000_000_000L);
        String json = JsonMapper.builder().build().writeValueAsString(summary);
        assertThat(json).startsWith("{\"node\":{\"nodeName\":\"node-1\",\"startTime\":\"2025-12-31T23:00:00Z\","
                + "\"cpu\":{\"time\":\"2026-01-01T00:00:05Z\",\"usageNanoCores\":450000000,\"usageCoreNanoSeconds\":7500000000000},"
                + "\"memory\":{\"time\":\"2026-01-01T00:00:05Z\",\"workingSetBytes\":3000000000,\"availableBytes\":1000000000}}");
        assertThat(json).contains("\"podRef\":{\"name\":\"web\",\"namespace\":\"default\",\"uid\":\"uid-1\"},"
                + "\"startTime\":\"2026-01-01T00:00:00Z\"");
        assertThat(json).contains("{\"name\":\"app\",\"startTime\":\"2026-01-01T00:00:01Z\",\"cpu\":{\"time\":\"2026-01-01T00:00:05Z\","
                + "\"usageNanoCores\":3000000,\"usageCoreNanoSeconds\":1500000000}");
        assertThat(json).as("no rate for a container sampled once")
                .contains("{\"name\":\"log\",\"startTime\":\"2026-01-01T00:00:01Z\",\"cpu\":{\"time\":\"2026-01-01T00:00:05Z\","
                        + "\"usageCoreNanoSeconds\":500000000}");
        assertThat(json).as("the pod's sum, without a rate since one container lacks it")
                .contains("\"cpu\":{\"time\":\"2026-01-01T00:00:05Z\",\"usageCoreNanoSeconds\":2000000000},"
                        + "\"memory\":{\"time\":\"2026-01-01T00:00:05Z\",\"workingSetBytes\":4000000}}]}");
    }

    @Test
    void aSummaryBeforeTheFirstSampleNamesTheNodeAndNoPods() {
        Map<String, Object> summary = StatsSummary.of("node-1", T, UsageSnapshot.EMPTY, List.of(), 1);
        assertThat(summary).isEqualTo(Map.of("node", Map.of("nodeName", "node-1", "startTime", "2026-01-01T00:00:05Z"),
                "pods", List.of()));
    }

    @Test
    void theKubeletsGaugesCountSandboxesAndAppContainersByState() throws IOException {
        List<RuntimeContainer> containers = List.of(
                container(ContainerLabels.SANDBOX, RuntimeContainer.State.RUNNING),
                container("app", RuntimeContainer.State.RUNNING),
                container("init", RuntimeContainer.State.EXITED),
                container(ContainerLabels.SANDBOX, RuntimeContainer.State.EXITED));
        assertThat(text(KubeletMetrics.of("node-1", containers)))
                .contains("kubelet_node_name{node=\"node-1\"} 1.0")
                .contains("kubelet_running_pods 1.0")
                .contains("kubelet_running_containers{container_state=\"exited\"} 1.0")
                .contains("kubelet_running_containers{container_state=\"running\"} 1.0");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({"PT10S, 10s", "PT1M, 1m0s", "PT40S, 40s", "PT1H, 1h0m0s", "PT1.5S, 1.5s", "PT0.5S, 500ms", "PT0S, 0s",
            "PT1H2M3S, 1h2m3s"})
    void durationsAreWrittenAsGoWritesThem(Duration duration, String go) {
        assertThat(KubeletEndpoints.goDuration(duration)).isEqualTo(go);
    }

    private static RuntimeContainer container(String name, RuntimeContainer.State state) {
        return new RuntimeContainer("id-" + name, "k8s_" + name, Map.of(ContainerLabels.CONTAINER_NAME, name), "busybox",
                "sha256:1", state, 0, STARTED, STARTED, null, false, null, null);
    }
}
