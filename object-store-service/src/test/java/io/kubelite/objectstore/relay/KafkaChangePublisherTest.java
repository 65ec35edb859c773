package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.relay.ChangePublisher.PublishException;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaChangePublisherTest {

    final ChangeTopics topics = new ChangeTopics("kubelite.", Map.of());

    static OutboxRecord change(long rv, String resource, String namespace, String name, String apiVersion) {
        return new OutboxRecord(rv, resource, namespace, name, "ADDED", apiVersion,
                "{\"apiVersion\":\"" + apiVersion + "\",\"metadata\":{\"name\":\"" + name + "\"}}");
    }

    @Test
    void sendsTheBatchInResourceVersionOrderToEachKindsTopic() throws Exception {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        KafkaChangePublisher publisher = new KafkaChangePublisher(producer, topics);

        publisher.publish(List.of(
                change(11, "pods", "default", "web-1", "v1"),
                change(12, "deployments.apps", "default", "web", "apps/v1"),
                change(13, "nodes", "", "node-1", "v1")));

        assertThat(producer.flushed()).isTrue();
        assertThat(producer.history()).extracting(ProducerRecord::topic, ProducerRecord::key, KafkaChangePublisherTest::rv)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kubelite.v1.pods", "default/web-1", "11"),
                        org.assertj.core.groups.Tuple.tuple("kubelite.apps.v1.deployments", "default/web", "12"),
                        org.assertj.core.groups.Tuple.tuple("kubelite.v1.nodes", "node-1", "13"));
        assertThat(producer.history().get(0).value())
                .isEqualTo("{\"type\":\"ADDED\",\"object\":{\"apiVersion\":\"v1\",\"metadata\":{\"name\":\"web-1\"}}}");
    }

    @Test
    void sendsNothingAfterARecordThatFailedToSendSoOnlyAPrefixCanArrive() {
        MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(), new StringSerializer()) {
            @Override
            public synchronized Future<RecordMetadata> send(ProducerRecord<String, String> record, Callback callback) {
                if (record.key().equals("default/b")) {
                    return CompletableFuture.failedFuture(new TimeoutException("Topic kubelite.v1.pods not present in metadata"));
                }
                return super.send(record, callback);
            }
        };
        KafkaChangePublisher publisher = new KafkaChangePublisher(producer, topics);

        assertThatThrownBy(() -> publisher.publish(List.of(
                change(21, "pods", "default", "a", "v1"),
                change(22, "pods", "default", "b", "v1"),
                change(23, "pods", "default", "c", "v1"))))
                .isInstanceOf(PublishException.class)
                .hasMessageContaining("resourceVersion 22")
                .hasMessageContaining("kubelite.v1.pods");
        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("default/a");
    }

    @Test
    void producerIsIdempotentWaitsForAllReplicasAndKeepsOrderInFlight() {
        Map<String, Object> config = KafkaChangePublisher.producerConfig("127.0.0.1:9092");
        assertThat(config).containsEntry("enable.idempotence", true)
                .containsEntry("acks", "all")
                .containsEntry("delivery.timeout.ms", Integer.MAX_VALUE);
        assertThat((Integer) config.get("max.in.flight.requests.per.connection")).isBetween(1, 5);
    }

    static String rv(ProducerRecord<String, String> record) {
        return new String(record.headers().lastHeader(KafkaChangePublisher.RESOURCE_VERSION_HEADER).value(),
                StandardCharsets.UTF_8);
    }
}
