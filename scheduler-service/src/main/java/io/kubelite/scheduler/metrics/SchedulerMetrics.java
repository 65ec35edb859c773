package io.kubelite.scheduler.metrics;

import io.kubelite.scheduler.scheduling.ActiveQueue;
import io.kubelite.scheduler.scheduling.SchedulingMetrics;
import io.kubelite.scheduler.scheduling.UnschedulablePods;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Duration;
import java.util.Locale;

/**
 * kube-scheduler's stable metrics, under its names, labels and buckets, for {@code GET /metrics}:
 * {@code scheduler_schedule_attempts_total} and {@code scheduler_scheduling_attempt_duration_seconds}
 * by {@code profile} and {@code result} ({@code scheduled}, {@code unschedulable}, {@code error}),
 * {@code scheduler_pending_pods} by {@code queue} ({@code active}: waiting for a decision;
 * {@code unschedulable}: parked until the cluster changes), {@code scheduler_preemption_attempts_total}
 * and {@code scheduler_preemption_victims}; with the process and JVM metrics.
 */
public final class SchedulerMetrics implements SchedulingMetrics {

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter attempts;
    private final Histogram attemptDurations;
    private final Counter preemptionAttempts;
    private final Histogram preemptionVictims;

    public SchedulerMetrics(ActiveQueue queue, UnschedulablePods parked) {
        attempts = Counter.builder()
                .name("scheduler_schedule_attempts_total")
                .help("[STABLE] Number of attempts to schedule pods, by the result. 'unschedulable' means a pod could"
                        + " not be scheduled, while 'error' means an internal scheduler problem.")
                .labelNames("profile", "result")
                .register(registry);
        attemptDurations = Histogram.builder()
                .name("scheduler_scheduling_attempt_duration_seconds")
                .help("[STABLE] Scheduling attempt latency in seconds (scheduling algorithm + binding)")
                .classicOnly()
                .classicExponentialUpperBounds(0.001, 2, 15)
                .labelNames("profile", "result")
                .register(registry);
        preemptionAttempts = Counter.builder()
                .name("scheduler_preemption_attempts_total")
                .help("[STABLE] Total preemption attempts in the cluster till now")
                .register(registry);
        preemptionVictims = Histogram.builder()
                .name("scheduler_preemption_victims")
                .help("[STABLE] Number of selected preemption victims")
                .classicOnly()
                .classicExponentialUpperBounds(1, 2, 7)
                .register(registry);
        GaugeWithCallback.builder()
                .name("scheduler_pending_pods")
                .help("[STABLE] Number of pending pods, by the queue type. 'active' means number of pods in activeQ;"
                        + " 'unschedulable' means number of pods in unschedulablePods that the scheduler attempted to"
                        + " schedule and failed.")
                .labelNames("queue")
                .callback(cb -> {
                    cb.call(queue.depth(), "active");
                    cb.call(parked.size(), "unschedulable");
                })
                .register(registry);
        ProcessMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
    }

    @Override
    public void attempted(String profile, Result result, Duration took) {
        String label = result.name().toLowerCase(Locale.ROOT);
        attempts.labelValues(profile, label).inc();
        attemptDurations.labelValues(profile, label).observe(took.toNanos() / 1e9);
    }

    @Override
    public void preemptionTried(int victims) {
        preemptionAttempts.inc();
        if (victims > 0) {
            preemptionVictims.observe(victims);
        }
    }

    /** Everything, as {@code /metrics} writes it. */
    public MetricSnapshots scrape() {
        return registry.scrape();
    }
}
