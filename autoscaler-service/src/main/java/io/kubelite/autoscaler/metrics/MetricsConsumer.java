package io.kubelite.autoscaler.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the node agents' usage records from Kafka into the store, from the newest offset on: a
 * record is a few seconds' usage, so an older one has no use after a restart (the agents publish
 * every few seconds). Every replica reads every record (a group of its own).
 */
public final class MetricsConsumer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsConsumer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final PodMetricsStore store;
    private final Thread thread;
    private volatile boolean running = true;

    public MetricsConsumer(String bootstrapServers, String topic, PodMetricsStore store) {
        this.store = store;
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "kubelite-autoscaler-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        consumer.subscribe(List.of(topic));
        this.thread = new Thread(this::run, "metrics-consumer");
        thread.setDaemon(true);
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofSeconds(1))) {
                    accept(store, r.key(), r.value());
                }
            }
        } catch (WakeupException closing) {
            // close() woke the poll
        } catch (RuntimeException e) {
            LOG.atError().setCause(e).log("Pod metrics consumer stopped: " + e.getMessage());
        } finally {
            consumer.close();
        }
    }

    /** Keeps a record if it is a PodMetrics or NodeMetrics object; anything else is dropped. */
    static void accept(PodMetricsStore store, String key, String value) {
        try {
            JsonNode node = JSON.readTree(value);
            if (key != null && node instanceof ObjectNode metrics) {
                switch (metrics.path("kind").asString("")) {
                    case "PodMetrics" -> store.put(key, metrics);
                    case "NodeMetrics" -> store.putNode(metrics.path("metadata").path("name").asString(""), metrics);
                    default -> {
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("pod", key).log("Unreadable pod metrics record: " + e.getMessage());
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
    }
}
