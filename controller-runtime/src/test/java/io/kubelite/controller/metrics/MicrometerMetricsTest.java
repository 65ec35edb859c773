package io.kubelite.controller.metrics;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Outcome;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class MicrometerMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MicrometerMetrics metrics = new MicrometerMetrics(registry);
    private final ObjectKey key = ObjectKey.of("default", "web");

    @Test
    void queueDepthIsAGaugePerQueue() {
        metrics.depth("replicaset", 3);
        metrics.depth("deployment", 1);
        metrics.depth("replicaset", 5);

        assertThat(registry.get("workqueue.depth").tag("name", "replicaset").gauge().value()).isEqualTo(5);
        assertThat(registry.get("workqueue.depth").tag("name", "deployment").gauge().value()).isEqualTo(1);
    }

    @Test
    void reconcilesAreTimedByResultAndErrorsCounted() {
        metrics.reconciled("replicaset", key, Outcome.SUCCESS, Duration.ofMillis(4));
        metrics.reconciled("replicaset", key, Outcome.ERROR, Duration.ofMillis(6));
        metrics.reconcileFailed("replicaset", key, new IllegalStateException("boom"));

        assertThat(registry.get("controller.reconcile").tag("result", "success").timer().count()).isEqualTo(1);
        assertThat(registry.get("controller.reconcile").tag("result", "error").timer().count()).isEqualTo(1);
        assertThat(registry.get("controller.reconcile.errors").counter().count()).isEqualTo(1);
    }

    @Test
    void addsAndRetriesAreCounted() {
        metrics.added("replicaset", key);
        metrics.added("replicaset", key);
        metrics.retried("replicaset", key);

        assertThat(registry.get("workqueue.adds").counter().count()).isEqualTo(2);
        assertThat(registry.get("workqueue.retries").counter().count()).isEqualTo(1);
    }

    @Test
    void aControllerRebuiltForANewTermReportsThroughTheSameGauge() {
        metrics.depth("replicaset", 3);
        MicrometerMetrics secondTerm = new MicrometerMetrics(registry);

        secondTerm.depth("replicaset", 7);

        assertThat(registry.find("workqueue.depth").gauges()).hasSize(1);
        assertThat(registry.get("workqueue.depth").tag("name", "replicaset").gauge().value()).isEqualTo(7);
    }

    @Test
    void scrapedByPrometheusTheWorkQueueIsWhatKubeControllerManagerShows() {
        var prometheus = new io.micrometer.prometheusmetrics.PrometheusMeterRegistry(
                io.micrometer.prometheusmetrics.PrometheusConfig.DEFAULT);
        MicrometerMetrics scraped = new MicrometerMetrics(prometheus);

        scraped.depth("replicaset", 2);
        scraped.added("replicaset", key);
        scraped.retried("replicaset", key);
        scraped.queueLatency("replicaset", key, Duration.ofMillis(3));
        scraped.workDuration("replicaset", key, Duration.ofNanos(50_000));
        String text = prometheus.scrape();

        assertThat(text).contains("workqueue_depth{name=\"replicaset\"} 2.0",
                "workqueue_adds_total{name=\"replicaset\"} 1.0",
                "workqueue_retries_total{name=\"replicaset\"} 1.0",
                // 3 ms: above the 1 ms bucket, within 10 ms; client-go's buckets 1e-08 … 10
                "workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"0.001\"} 0",
                "workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"0.01\"} 1",
                "workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"1.0E-8\"} 0",
                "workqueue_queue_duration_seconds_bucket{name=\"replicaset\",le=\"10.0\"} 1",
                "workqueue_queue_duration_seconds_count{name=\"replicaset\"} 1",
                "workqueue_work_duration_seconds_bucket{name=\"replicaset\",le=\"1.0E-4\"} 1",
                "workqueue_work_duration_seconds_bucket{name=\"replicaset\",le=\"1.0E-5\"} 0");
        assertThat(MicrometerMetrics.WORKQUEUE_BUCKETS).hasSize(10)
                .startsWith(Duration.ofNanos(10)).endsWith(Duration.ofSeconds(10));
    }

    @Test
    void aNewQueuesMetersExistAtZeroBeforeAnythingIsAdded() {
        new io.kubelite.controller.queue.WorkQueue("horizontal-pod-autoscaler",
                new io.kubelite.controller.time.ManualScheduler(),
                io.kubelite.controller.queue.ExponentialBackoff.withDefaults(), metrics);

        assertThat(registry.get("workqueue.depth").tag("name", "horizontal-pod-autoscaler").gauge().value()).isZero();
        assertThat(registry.get("workqueue.adds").tag("name", "horizontal-pod-autoscaler").counter().count()).isZero();
        assertThat(registry.get("workqueue.retries").tag("name", "horizontal-pod-autoscaler").counter().count()).isZero();
        assertThat(registry.get("workqueue.queue.duration").tag("name", "horizontal-pod-autoscaler").timer().count())
                .isZero();
    }
}
