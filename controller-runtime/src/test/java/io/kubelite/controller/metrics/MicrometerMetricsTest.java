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
}
