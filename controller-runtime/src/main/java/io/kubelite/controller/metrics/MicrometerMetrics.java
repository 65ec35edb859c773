package io.kubelite.controller.metrics;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.queue.QueueMetrics;
import io.kubelite.controller.reconcile.ControllerMetrics;
import io.kubelite.controller.reconcile.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Queue, reconcile and informer metrics under the names controller-runtime uses (dots for
 * Micrometer): {@code workqueue.depth}, {@code workqueue.adds}, {@code workqueue.retries},
 * {@code workqueue.queue.duration}, {@code workqueue.work.duration},
 * {@code controller.reconcile} (timer, tag {@code result}), {@code controller.reconcile.errors},
 * {@code controller.active.workers}, {@code informer.lag} and {@code informer.objects}.
 *
 * <p>Scraped in the Prometheus format ({@code /actuator/prometheus}) the work queue's meters are
 * what kube-controller-manager's {@code /metrics} shows: {@code workqueue_depth{name}},
 * {@code workqueue_adds_total}, {@code workqueue_retries_total}, and the histograms
 * {@code workqueue_queue_duration_seconds} and {@code workqueue_work_duration_seconds} with
 * client-go's buckets, 10 ns to 10 s in steps of ten ({@link #WORKQUEUE_BUCKETS}).
 */
public final class MicrometerMetrics implements QueueMetrics, ControllerMetrics {

    /**
     * Gauge values per registry and meter, shared by every instance: a controller rebuilt for a
     * new term of leadership reports through the gauge registered in the first term.
     */
    private static final Map<MeterRegistry, Map<String, AtomicInteger>> GAUGES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    /** client-go's {@code ExponentialBuckets(10e-9, 10, 10)}: 1e-08 … 10 seconds. */
    static final Duration[] WORKQUEUE_BUCKETS = java.util.stream.IntStream.range(0, 10)
            .mapToObj(i -> Duration.ofNanos(10L * (long) Math.pow(10, i))).toArray(Duration[]::new);

    private final MeterRegistry registry;
    private final Map<String, AtomicInteger> gauges;

    public MicrometerMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.gauges = GAUGES.computeIfAbsent(registry, r -> new ConcurrentHashMap<>());
    }

    /** Publishes an informer's lag (ms from stream to cache), object count and list count. */
    public static void bind(MeterRegistry registry, Informer<?> informer) {
        Gauge.builder("informer.lag", informer, Informer::lagMillis).baseUnit("milliseconds")
                .tag("informer", informer.name()).register(registry);
        Gauge.builder("informer.objects", informer, Informer::size).tag("informer", informer.name()).register(registry);
        Gauge.builder("informer.lists", informer, Informer::lists).tag("informer", informer.name()).register(registry);
    }

    @Override
    public void created(String queue) {
        depthOf(queue);
        registry.counter("workqueue.adds", "name", queue);
        registry.counter("workqueue.retries", "name", queue);
        workqueueTimer("workqueue.queue.duration", queue);
        workqueueTimer("workqueue.work.duration", queue);
    }

    @Override
    public void depth(String queue, int depth) {
        depthOf(queue).set(depth);
    }

    private AtomicInteger depthOf(String queue) {
        return gauges.computeIfAbsent("workqueue.depth " + queue, n -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("workqueue.depth", value, AtomicInteger::get).tag("name", queue).register(registry);
            return value;
        });
    }

    @Override
    public void added(String queue, ObjectKey key) {
        registry.counter("workqueue.adds", "name", queue).increment();
    }

    @Override
    public void retried(String queue, ObjectKey key) {
        registry.counter("workqueue.retries", "name", queue).increment();
    }

    @Override
    public void queueLatency(String queue, ObjectKey key, Duration latency) {
        workqueueTimer("workqueue.queue.duration", queue).record(latency);
    }

    @Override
    public void workDuration(String queue, ObjectKey key, Duration duration) {
        workqueueTimer("workqueue.work.duration", queue).record(duration);
    }

    private Timer workqueueTimer(String name, String queue) {
        return Timer.builder(name).tag("name", queue).serviceLevelObjectives(WORKQUEUE_BUCKETS).register(registry);
    }

    @Override
    public void reconciled(String controller, ObjectKey key, Outcome outcome, Duration latency) {
        registry.timer("controller.reconcile", "controller", controller, "result", outcome.name().toLowerCase())
                .record(latency);
    }

    @Override
    public void reconcileFailed(String controller, ObjectKey key, Exception error) {
        registry.counter("controller.reconcile.errors", "controller", controller).increment();
    }

    @Override
    public void activeWorkers(String controller, int active) {
        gauges.computeIfAbsent("controller.active.workers " + controller, n -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("controller.active.workers", value, AtomicInteger::get).tag("controller", controller)
                    .register(registry);
            return value;
        }).set(active);
    }
}
