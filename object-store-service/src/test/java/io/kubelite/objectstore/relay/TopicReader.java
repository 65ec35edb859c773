package io.kubelite.objectstore.relay;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * Consumes topics from the beginning as a fresh consumer group, the way an informer does, keeping
 * the events whose key passes a filter, in arrival order.
 */
final class TopicReader implements AutoCloseable {

    /** One record as received: the header resourceVersion, and the WatchEvent it carries. */
    record Event(String topic, String key, long resourceVersion, String type, JsonNode object) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final KafkaConsumer<String, String> consumer;
    private final Predicate<String> keys;
    private final List<Event> events = new ArrayList<>();

    TopicReader(String bootstrapServers, Collection<String> topics, Predicate<String> keys) {
        this.consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "relay-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer());
        this.consumer.subscribe(List.copyOf(topics));
        this.keys = keys;
    }

    /** Polls until every one of {@code resourceVersions} has arrived at least once; returns all events so far. */
    List<Event> awaitResourceVersions(Collection<Long> resourceVersions, Duration timeout) {
        Set<Long> missing = new HashSet<>(resourceVersions);
        events.forEach(e -> missing.remove(e.resourceVersion()));
        await("resourceVersions from Kafka").atMost(timeout).pollDelay(Duration.ZERO).until(() -> {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (keys.test(record.key())) {
                    Event event = decode(record);
                    events.add(event);
                    missing.remove(event.resourceVersion());
                }
            }
            return missing.isEmpty();
        });
        return List.copyOf(events);
    }

    /**
     * The events an informer keeps: per key, only those newer than the last one it kept, so a
     * redelivered batch changes nothing. Keyed by object key, in arrival order.
     */
    static Map<String, List<Event>> deduplicated(List<Event> events) {
        Map<String, Long> newest = new HashMap<>();
        Map<String, List<Event>> kept = new LinkedHashMap<>();
        for (Event e : events) {
            if (e.resourceVersion() > newest.getOrDefault(e.key(), 0L)) {
                newest.put(e.key(), e.resourceVersion());
                kept.computeIfAbsent(e.key(), k -> new ArrayList<>()).add(e);
            }
        }
        return kept;
    }

    private static Event decode(ConsumerRecord<String, String> record) {
        JsonNode value = JSON.readTree(record.value());
        long rv = Long.parseLong(new String(record.headers().lastHeader(KafkaChangePublisher.RESOURCE_VERSION_HEADER)
                .value(), StandardCharsets.UTF_8));
        return new Event(record.topic(), record.key(), rv, value.path("type").asString(), value.path("object"));
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
