package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerMainIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final String TOPIC = "kubelite.v1.pods";

    @TempDir
    Path dir;

    @Test
    void autoCreatesTopicsAndKeepsClusterIdAndRecordsAcrossRestarts() throws Exception {
        int port = LauncherProcess.freePort();
        int controllerPort = LauncherProcess.freePort();
        Path data = dir.resolve("kafka");
        String bootstrap = "127.0.0.1:" + port;

        String firstClusterId;
        try (LauncherProcess first = startBroker(data, port, controllerPort, "first.log")) {
            String ready = first.awaitLine(KafkaBrokerMain.READY, START_TIMEOUT);
            assertThat(ready).startsWith("bootstrap=" + bootstrap + " cluster-id=");
            firstClusterId = clusterId(bootstrap);
            assertThat(ready).contains("cluster-id=" + firstClusterId);
            assertThat(Files.readString(data.resolve("cluster-id")).strip()).isEqualTo(firstClusterId);

            try (KafkaProducer<String, String> producer = producer(bootstrap)) {
                producer.send(new ProducerRecord<>(TOPIC, "default/web-1", "ADDED")).get(60, TimeUnit.SECONDS);
            }
            assertThat(consumeAll(bootstrap)).containsExactly("default/web-1=ADDED");

            assertThat(first.stop(Duration.ofSeconds(60))).as("exits on SIGTERM").isTrue();
            assertThat(first.output()).contains("kubelite-kafka stopped");
        }

        try (LauncherProcess second = startBroker(data, port, controllerPort, "second.log")) {
            second.awaitLine(KafkaBrokerMain.READY, START_TIMEOUT);
            assertThat(second.output()).as("storage is formatted only once").doesNotContain("formatted");
            assertThat(clusterId(bootstrap)).isEqualTo(firstClusterId);
            try (Admin admin = admin(bootstrap)) {
                assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains(TOPIC);
            }
            assertThat(consumeAll(bootstrap)).containsExactly("default/web-1=ADDED");
        }
    }

    private LauncherProcess startBroker(Path data, int port, int controllerPort, String log) throws Exception {
        return LauncherProcess.start(KafkaBrokerMain.class, dir.resolve(log), "--data-dir", data.toString(),
                "--port", Integer.toString(port), "--controller-port", Integer.toString(controllerPort));
    }

    private static String clusterId(String bootstrap) throws Exception {
        try (Admin admin = admin(bootstrap)) {
            return admin.describeCluster().clusterId().get(30, TimeUnit.SECONDS);
        }
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap));
    }

    private static KafkaProducer<String, String> producer(String bootstrap) {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 60_000),
                new StringSerializer(), new StringSerializer());
    }

    /** Reads the topic from the beginning with a fresh consumer group until one record arrives. */
    private static List<String> consumeAll(String bootstrap) {
        List<String> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + System.nanoTime(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(TOPIC));
            await("a record on " + TOPIC).atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    seen.add(record.key() + "=" + record.value());
                }
                return !seen.isEmpty();
            });
        }
        return seen;
    }
}
