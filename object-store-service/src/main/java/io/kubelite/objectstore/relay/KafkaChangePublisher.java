package io.kubelite.objectstore.relay;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * Publishes change-log batches with an idempotent producer: {@code acks=all}, at most 5 requests in
 * flight (the most idempotence keeps in order), and a flush per batch.
 *
 * <p>Ordering under failure: the producer retries a batch without a deadline
 * ({@code delivery.timeout.ms} = max), so while Kafka is unreachable {@link #publish} waits rather
 * than letting an early record expire while a later one goes through. The only failures left are
 * those of {@code send} itself (metadata not available within {@code max.block.ms}, a record
 * rejected outright); after the first one nothing more of the batch is sent, so what reached Kafka
 * is a prefix of the batch and a retry from the recorded progress keeps every key's events in
 * order once consumers drop resourceVersions they have already seen.
 */
final class KafkaChangePublisher implements ChangePublisher {

    /** Largest record accepted from the producer's side: objects may be up to 3 MiB (the request limit). */
    static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;

    static final String RESOURCE_VERSION_HEADER = "resourceVersion";

    private final Producer<String, String> producer;
    private final ChangeTopics topics;

    KafkaChangePublisher(Producer<String, String> producer, ChangeTopics topics) {
        this.producer = producer;
        this.topics = topics;
    }

    static KafkaChangePublisher connect(String bootstrapServers, ChangeTopics topics) {
        return new KafkaChangePublisher(new KafkaProducer<>(producerConfig(bootstrapServers),
                new StringSerializer(), new StringSerializer()), topics);
    }

    static Map<String, Object> producerConfig(String bootstrapServers) {
        return Map.ofEntries(
                Map.entry(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers),
                Map.entry(ProducerConfig.CLIENT_ID_CONFIG, "kubelite-outbox-relay"),
                Map.entry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true),
                Map.entry(ProducerConfig.ACKS_CONFIG, "all"),
                Map.entry(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5),
                Map.entry(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.MAX_VALUE),
                Map.entry(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000),
                Map.entry(ProducerConfig.LINGER_MS_CONFIG, 5),
                // Uncompressed batches in the producer's pooled 64 KiB buffers: the broker is local,
                // and compression allocated a fresh block buffer per batch (most batches hold a few
                // events at a time, one per topic partition): at 500 writes/s that was 40 % of
                // all the bytes the API server allocated, and its compression CPU ~9 %.
                Map.entry(ProducerConfig.BATCH_SIZE_CONFIG, 64 * 1024),
                Map.entry(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none"),
                Map.entry(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, MAX_REQUEST_BYTES));
    }

    @Override
    public void publish(List<OutboxRecord> batch) throws PublishException, InterruptedException {
        List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
        try {
            for (OutboxRecord change : batch) {
                Future<RecordMetadata> ack = producer.send(record(change));
                acks.add(ack);
                if (ack.isDone()) {
                    // Failed inside send(): stop here so that only a prefix of the batch can arrive.
                    awaitAck(change, ack);
                }
            }
            producer.flush();
        } catch (InterruptException e) {
            throw interrupted(e);
        } catch (KafkaException e) {
            throw new PublishException("Kafka refused the batch: " + e.getMessage(), e);
        }
        for (int i = 0; i < acks.size(); i++) {
            awaitAck(batch.get(i), acks.get(i));
        }
    }

    private ProducerRecord<String, String> record(OutboxRecord change) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(RESOURCE_VERSION_HEADER, Long.toString(change.resourceVersion()).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topics.topicOf(change), null, change.key(), change.watchEvent(), headers);
    }

    private void awaitAck(OutboxRecord change, Future<RecordMetadata> ack) throws PublishException, InterruptedException {
        try {
            ack.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new PublishException("resourceVersion " + change.resourceVersion() + " (" + change.resource() + " "
                    + change.key() + ") to " + topics.topicOf(change) + ": " + cause.getMessage(), cause);
        }
    }

    private static InterruptedException interrupted(InterruptException e) {
        Thread.interrupted(); // InterruptException set the flag again; the checked exception carries it now
        InterruptedException interrupted = new InterruptedException("interrupted while publishing");
        interrupted.initCause(e);
        return interrupted;
    }

    @Override
    public void close() {
        try {
            producer.close(Duration.ZERO);
        } catch (InterruptException e) {
            Thread.currentThread().interrupt();
        }
    }
}
