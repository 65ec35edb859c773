package io.kubelite.controller.metrics;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.queue.QueueMetrics;
import io.kubelite.controller.reconcile.ControllerMetrics;
import io.kubelite.controller.reconcile.Outcome;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

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
 */
public final class MicrometerMetrics implements QueueMetrics, ControllerMetrics {

    /**
     * Gauge values per registry and meter, shared by every instance: a controller rebuilt for a
     * new term of leadership reports through the gauge registered in the first term.
     */
    private static final Map<MeterRegistry, Map<String, AtomicInteger>> GAUGES =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

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
    public void depth(String queue, int depth) {
        gauges.computeIfAbsent("workqueue.depth " + queue, n -> {
            AtomicInteger value = new AtomicInteger();
            Gauge.builder("workqueue.depth", value, AtomicInteger::get).tag("name", queue).register(registry);
            return value;
        }).set(depth);
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
        registry.timer("workqueue.queue.duration", "name", queue).record(latency);
    }

    @Override
    public void workDuration(String queue, ObjectKey key, Duration duration) {
        registry.timer("workqueue.work.duration", "name", queue).record(duration);
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
