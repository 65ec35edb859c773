package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.EmbeddedDatabase;
import io.kubelite.objectstore.storage.ChangeSignal;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.sql.DriverManager;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import static org.awaitility.Awaitility.await;

/**
 * Relay throughput: commits N ConfigMaps (1 KiB of data each) with the relay off, then times one
 * relay draining that backlog to the in-process broker, progress recorded per acknowledged batch.
 * Named so that the build never runs it; run it with:
 *
 * <pre>
 * ./mvnw -B -o -pl object-store-service verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=RelayThroughputBenchmark -Dkubelite.bench.relay.changes=50000 [-Dkubelite.bench.relay.batch-size=500]
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RelayThroughputBenchmark {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        registry.add("kubelite.kafka.bootstrap-servers", () -> "");
        registry.add("logging.level.kafka", () -> "WARN");
        registry.add("logging.level.org.apache.kafka", () -> "WARN");
    }

    @Autowired
    ObjectStore store;

    @Autowired
    ChangeSignal signal;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void drainsABacklogOfChanges() {
        int changes = Integer.getInteger("kubelite.bench.relay.changes", 50_000);
        int batchSize = Integer.getInteger("kubelite.bench.relay.batch-size", 500);
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        JsonMapper json = JsonMapper.builder().build();
        String payload = "x".repeat(1024);

        jdbc.update("UPDATE relay_progress SET published_through = (SELECT COALESCE(MAX(resource_version), 0) FROM changes)");
        long last = 0;
        for (int i = 0; i < changes; i += 100) {
            List<Mutation> batch = new ArrayList<>();
            for (int j = i; j < Math.min(changes, i + 100); j++) {
                ObjectNode body = json.createObjectNode();
                body.put("apiVersion", "v1").put("kind", "ConfigMap");
                body.putObject("metadata").put("name", "bench-" + j).put("namespace", "relay-bench")
                        .put("uid", UUID.randomUUID().toString());
                body.putObject("data").put("payload", payload);
                batch.add(new Mutation.Create("configmaps", body));
            }
            List<StoredObject> written = store.commit(batch);
            last = written.get(written.size() - 1).resourceVersion();
        }
        long through = last;

        RelayProperties properties = new RelayProperties(kafka.bootstrapServers(), "kubelite.", batchSize,
                Duration.ofMillis(200), Duration.ofMillis(5), Duration.ofSeconds(1), Duration.ofSeconds(1));
        ChangeTopics topics = new ChangeTopics(properties.topicPrefix(), Map.of());
        OutboxRelay relay = new OutboxRelay(properties, () -> {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", "postgres");
            return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(), p);
        }, () -> KafkaChangePublisher.connect(properties.bootstrapServers(), topics), signal, Clock.systemUTC());
        long start = System.nanoTime();
        relay.start();
        try {
            await("backlog drained").atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(20))
                    .until(() -> jdbc.queryForObject("SELECT published_through FROM relay_progress WHERE id = 1",
                            Long.class) >= through);
        } finally {
            relay.stop();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("relay throughput %s: %d changes (ConfigMaps with 1 KiB data), batch %d, "
                        + "idempotent producer acks=all uncompressed, broker in the same JVM: %.2f s = %.0f events/s (%d cores)%n",
                LocalDate.now(), changes, batchSize, seconds, changes / seconds, Runtime.getRuntime().availableProcessors());
    }
}
