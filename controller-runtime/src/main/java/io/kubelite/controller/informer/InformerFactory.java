package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.kubelite.controller.metrics.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Makes and owns a service's informers: one shared informer per kind (and per field selector),
 * each LISTing through {@code client} and streaming its kind's Kafka topic.
 */
public final class InformerFactory implements AutoCloseable {

    private final KubernetesClient client;
    private final String kafkaBootstrapServers;
    private final Duration resyncPeriod;
    private final Clock clock;
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final Map<String, Informer<?>> informers = new LinkedHashMap<>();
    private MeterRegistry meterRegistry;
    private boolean started;

    public InformerFactory(KubernetesClient client, String kafkaBootstrapServers, Duration resyncPeriod, Clock clock) {
        this.client = client;
        this.kafkaBootstrapServers = kafkaBootstrapServers;
        this.resyncPeriod = resyncPeriod;
        this.clock = clock;
    }

    public InformerFactory(KubernetesClient client, String kafkaBootstrapServers, Duration resyncPeriod) {
        this(client, kafkaBootstrapServers, resyncPeriod, Clock.systemUTC());
    }

    /** The shared informer for every object of {@code type}. */
    public <T extends HasMetadata> Informer<T> informerFor(Class<T> type) {
        return informerFor(type, null, null);
    }

    /**
     * The shared informer for the objects of {@code type} that match {@code fieldSelector} (used
     * for the LIST) and {@code filter} (the same condition, applied to streamed events).
     */
    @SuppressWarnings("unchecked")
    public synchronized <T extends HasMetadata> Informer<T> informerFor(Class<T> type, String fieldSelector,
            Predicate<? super T> filter) {
        String topic = KafkaChangeStream.topicFor(type);
        String name = fieldSelector == null ? topic : topic + "[" + fieldSelector + "]";
        Informer<?> existing = informers.get(name);
        if (existing != null) {
            return (Informer<T>) existing;
        }
        Informer<T> informer = new Informer<>(name,
                new ApiListSource<>(client, type, fieldSelector),
                new KafkaChangeStream<>(kafkaBootstrapServers, topic, type, serialization),
                filter, resyncPeriod, clock);
        register(name, informer);
        return informer;
    }

    /**
     * The shared informer caching only the metadata of every object of {@code kind}: its change
     * events are decoded into {@link PartialObjectMetadata}, skipping the rest of each object.
     */
    public synchronized Informer<PartialObjectMetadata> metadataInformerFor(MetadataKind kind) {
        String name = kind.topic() + "[metadata]";
        @SuppressWarnings("unchecked")
        Informer<PartialObjectMetadata> existing = (Informer<PartialObjectMetadata>) informers.get(name);
        if (existing != null) {
            return existing;
        }
        Informer<PartialObjectMetadata> informer = new Informer<>(name, new MetadataListSource(client, kind),
                new KafkaChangeStream<>(kafkaBootstrapServers, kind.topic(), PartialObjectMetadata.class, serialization),
                null, resyncPeriod, clock);
        register(name, informer);
        return informer;
    }

    /** Stops {@code informer} and forgets it: its kind is no longer served (a definition was deleted). */
    public synchronized void remove(Informer<?> informer) {
        if (informers.values().remove(informer)) {
            informer.stop();
        }
    }

    private void register(String name, Informer<?> informer) {
        informers.put(name, informer);
        if (meterRegistry != null) {
            MicrometerMetrics.bind(meterRegistry, informer);
        }
        if (started) {
            informer.start();
        }
    }

    /** Publishes {@code informer.lag}, {@code informer.objects} and {@code informer.lists} of every informer. */
    public synchronized InformerFactory meterRegistry(MeterRegistry registry) {
        this.meterRegistry = registry;
        informers.values().forEach(informer -> MicrometerMetrics.bind(registry, informer));
        return this;
    }

    public synchronized List<Informer<?>> informers() {
        return new ArrayList<>(informers.values());
    }

    public synchronized void start() {
        started = true;
        informers.values().forEach(Informer::start);
    }

    /** Waits until every informer made so far has listed once. */
    public boolean waitForSync(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Informer<?> informer : informers()) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !informer.waitForSync(Duration.ofNanos(left))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public synchronized void close() {
        informers.values().forEach(Informer::stop);
    }
}
