package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetOutOfRangeException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A kind's Kafka topic as a {@link ChangeStream}. The consumer is assigned every partition of
 * the topic (no consumer group: an informer always starts from its own LIST, so there is
 * nothing to commit), positions are end offsets, and a position that retention has passed
 * surfaces as a {@link ChangeStream.GapException} ({@code auto.offset.reset=none}).
 *
 * <p>Values are the relay's WatchEvent JSON ({@code {"type":"ADDED","object":{…}}}).
 */
public final class KafkaChangeStream<T extends HasMetadata> implements ChangeStream<T> {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaChangeStream.class);

    /**
     * How long the broker holds a fetch that finds nothing new. A change ends the wait at once
     * (the minimum fetch is one byte), so this sets only how often an idle informer asks; a
     * cluster has some twenty of them. Kafka's default.
     */
    private static final int FETCH_MAX_WAIT_MS = 500;
    /** How long a topic the broker is creating may take to show partitions, and how often to ask. */
    private static final Duration TOPIC_CREATION = Duration.ofSeconds(15);
    private static final Duration TOPIC_CREATION_POLL = Duration.ofMillis(200);

    private final String topic;
    private final WatchEventDecoder<T> decoder;
    private final KafkaConsumer<String, String> consumer;
    private List<TopicPartition> partitions;

    public KafkaChangeStream(String bootstrapServers, String topic, Class<T> type, KubernetesSerialization serialization) {
        this.topic = topic;
        this.decoder = new WatchEventDecoder<>(type, serialization);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "kubelite-informer-" + topic);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "none");
        props.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, true);
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(props);
    }

    /** {@code kubelite.v1.pods}, {@code kubelite.apps.v1.deployments}: what the relay publishes to. */
    public static String topicFor(Class<? extends HasMetadata> type) {
        String apiVersion = HasMetadata.getApiVersion(type);
        return "kubelite." + apiVersion.replace('/', '.') + "." + HasMetadata.getPlural(type);
    }

    record Offsets(Map<TopicPartition, Long> offsets) implements Position {
    }

    @Override
    public Position mark() {
        if (partitions == null) {
            partitions = discoverPartitions();
            consumer.assign(partitions);
        }
        return new Offsets(new HashMap<>(consumer.endOffsets(partitions, Duration.ofSeconds(30))));
    }

    /**
     * The topic's partitions. A topic nobody has written to yet is created by the broker when first
     * asked for (auto-creation) and answers with partitions a moment later, so a fresh cluster's
     * informers wait up to {@link #TOPIC_CREATION} for it before failing (and being retried).
     */
    private List<TopicPartition> discoverPartitions() {
        long deadline = System.nanoTime() + TOPIC_CREATION.toNanos();
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        while ((infos == null || infos.isEmpty()) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(TOPIC_CREATION_POLL.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        }
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " has no partitions (is auto-creation off?)");
        }
        List<TopicPartition> result = new ArrayList<>();
        for (PartitionInfo info : infos) {
            result.add(new TopicPartition(topic, info.partition()));
        }
        return result;
    }

    @Override
    public void seek(Position position) {
        ((Offsets) position).offsets().forEach(consumer::seek);
    }

    @Override
    public List<ChangeEvent<T>> poll(Duration timeout) throws GapException {
        ConsumerRecords<String, String> records;
        try {
            records = consumer.poll(timeout);
        } catch (OffsetOutOfRangeException e) {
            throw new GapException("offsets " + e.offsetOutOfRangePartitions() + " are past retention", e);
        } catch (WakeupException e) {
            return List.of();
        }
        List<ChangeEvent<T>> events = new ArrayList<>(records.count());
        for (ConsumerRecord<String, String> record : records) {
            ChangeEvent<T> event = decode(record);
            if (event != null) {
                events.add(event);
            }
        }
        return events;
    }

    private ChangeEvent<T> decode(ConsumerRecord<String, String> record) {
        try {
            return decoder.decode(record.value(), Instant.ofEpochMilli(record.timestamp()));
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("topic", topic).addKeyValue("offset", record.offset())
                    .addKeyValue("key", record.key()).log("Skipping undecodable change event: {}", e.toString());
            return null;
        }
    }

    @Override
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
