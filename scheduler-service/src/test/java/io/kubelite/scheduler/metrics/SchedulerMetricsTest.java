package io.kubelite.scheduler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.controller.ObjectKey;
import io.kubelite.scheduler.scheduling.ActiveQueue;
import io.kubelite.scheduler.scheduling.SchedulingMetrics.Result;
import io.kubelite.scheduler.scheduling.UnschedulablePods;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** kube-scheduler's names, labels and buckets, as Prometheus reads them from {@code /metrics}. */
class SchedulerMetricsTest {

    @Test
    void countsAttemptsByProfileAndResultTimesThemInKubeSchedulersBucketsAndShowsThePendingPods() throws Exception {
        UnschedulablePods parked = new UnschedulablePods();
        parked.add(new ObjectKey("default", "big"));
        SchedulerMetrics metrics = new SchedulerMetrics(new ActiveQueue(), parked);
        metrics.attempted("default-scheduler", Result.SCHEDULED, Duration.ofMillis(3));
        metrics.attempted("default-scheduler", Result.SCHEDULED, Duration.ofMillis(5));
        metrics.attempted("default-scheduler", Result.UNSCHEDULABLE, Duration.ofMillis(1));
        metrics.preemptionTried(0);
        metrics.preemptionTried(3);

        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrometheusTextFormatWriter.create().write(out, metrics.scrape());
        String text = out.toString(StandardCharsets.UTF_8);

        assertThat(text)
                .contains("# TYPE scheduler_schedule_attempts_total counter")
                .contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"scheduled\"} 2.0")
                .contains("scheduler_schedule_attempts_total{profile=\"default-scheduler\",result=\"unschedulable\"} 1.0")
                .contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"0.004\"} 1")
                .contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"0.008\"} 2")
                .contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"scheduled\",le=\"16.384\"} 2")
                .contains("scheduler_pending_pods{queue=\"active\"} 0.0")
                .contains("scheduler_pending_pods{queue=\"unschedulable\"} 1.0")
                .contains("scheduler_preemption_attempts_total 2.0")
                .contains("scheduler_preemption_victims_bucket{le=\"2.0\"} 0")
                .contains("scheduler_preemption_victims_bucket{le=\"4.0\"} 1")
                .contains("scheduler_preemption_victims_count 1")
                .contains("process_cpu_seconds_total");
    }
}
