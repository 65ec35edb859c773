package io.kubelite.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.controller.time.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

class PodMetricsStoreTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static ObjectNode metrics(String namespace, String name, String cpu) {
        return (ObjectNode) JSON.readTree("""
                {"kind":"PodMetrics","apiVersion":"metrics.k8s.io/v1beta1","metadata":{"name":"%s","namespace":"%s"},
                 "timestamp":"2026-11-26T12:00:00Z","window":"5s","containers":[{"name":"c","usage":{"cpu":"%s","memory":"1024Ki"}}]}
                """.formatted(name, namespace, cpu));
    }

    @Test
    void keepsTheNewestRecordOfEachPodUntilItIsTooOld() {
        ManualClock clock = new ManualClock(Instant.parse("2026-11-26T12:00:00Z"));
        PodMetricsStore store = new PodMetricsStore(Duration.ofMinutes(2), clock);
        store.put("default/web", metrics("default", "web", "10m"));
        store.put("default/web", metrics("default", "web", "20m"));
        store.put("shop/api", metrics("shop", "api", "5m"));
        assertThat(store.get("default", "web")).hasValueSatisfying(m ->
                assertThat(m.path("containers").get(0).path("usage").path("cpu").asString()).isEqualTo("20m"));
        assertThat(store.list("shop")).hasSize(1);
        assertThat(store.list(null)).extracting(m -> m.path("metadata").path("name").asString()).containsExactly("web", "api");
        clock.advance(Duration.ofMinutes(3));
        assertThat(store.get("default", "web")).isEmpty();
        assertThat(store.list(null)).isEmpty();
    }

    @Test
    void theConsumerKeepsPodMetricsRecordsOnly() {
        PodMetricsStore store = new PodMetricsStore(Duration.ofMinutes(2), ManualClock.atEpochOfTests());
        MetricsConsumer.accept(store, "default/web", metrics("default", "web", "10m").toString());
        MetricsConsumer.accept(store, "default/odd", "{\"kind\":\"Something\"}");
        MetricsConsumer.accept(store, "default/broken", "{not json");
        assertThat(store.list(null)).extracting(m -> m.path("metadata").path("name").asString()).containsExactly("web");
    }
}
