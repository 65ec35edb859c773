package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.EmbeddedDatabase;
import io.kubelite.objectstore.relay.ChangePublisher.PublishException;
import io.kubelite.objectstore.relay.RelayState.Role;
import io.kubelite.objectstore.relay.TopicReader.Event;
import io.kubelite.objectstore.storage.ChangeSignal;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two relays over one database, as on two API server replicas, each with its own lock connection;
 * the application's own relay is off so these two are the only contenders.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.NONE)
class RelayFailoverIT {

    private static final Logger log = LoggerFactory.getLogger(RelayFailoverIT.class);

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        registry.add("logging.level.kafka", () -> "WARN");
        registry.add("logging.level.org.apache.kafka", () -> "WARN");
        registry.add("kubelite.kafka.bootstrap-servers", () -> "");
    }

    @Autowired
    ObjectStore store;

    @Autowired
    ChangeSignal signal;

    @Autowired
    JdbcTemplate jdbc;

    EmbeddedKafka kafka;
    final JsonMapper json = JsonMapper.builder().build();
    final List<OutboxRelay> relays = new ArrayList<>();

    @BeforeEach
    void broker() {
        kafka = EmbeddedKafka.shared();
    }

    @AfterEach
    void stopRelays() {
        relays.forEach(OutboxRelay::stop);
    }

    @Test
    void standbyTakesOverWithinSecondsWhenTheActiveRelaysSessionEnds() {
        String ns = "relay-failover";
        OutboxRelay first = relay("relay-first");
        first.start();
        await("first relay active").atMost(Duration.ofSeconds(10)).until(() -> first.state().role() == Role.ACTIVE);
        OutboxRelay second = relay("relay-second");
        second.start();
        await("second relay stays standby while the first holds the lock")
                .during(Duration.ofMillis(2500)).atMost(Duration.ofSeconds(5))
                .until(() -> second.state().role() == Role.STANDBY && first.state().role() == Role.ACTIVE);

        List<Long> rvs = new ArrayList<>(commit(ns, "a", 200));
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of("kubelite.v1.configmaps"),
                key -> key.startsWith(ns + "/"))) {
            reader.awaitResourceVersions(rvs, Duration.ofSeconds(30));
            assertThat(second.publishedCount()).isZero();

            long killed = System.nanoTime();
            Integer terminated = jdbc.queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
                    + "WHERE application_name = 'relay-first'", Integer.class);
            assertThat(terminated).as("the first relay's lock session").isEqualTo(1);
            await("second relay takes over").atMost(Duration.ofSeconds(5)).until(() -> second.state().role() == Role.ACTIVE);
            double takeoverSeconds = (System.nanoTime() - killed) / 1e9;

            rvs.addAll(commit(ns, "b", 200));
            List<Event> events = reader.awaitResourceVersions(rvs, Duration.ofSeconds(30));
            assertThat(events.stream().map(Event::resourceVersion).distinct()).containsExactlyElementsOf(rvs);
            assertThat(second.publishedCount()).isPositive();
            await("first relay is now a standby").atMost(Duration.ofSeconds(5))
                    .until(() -> first.state().role() == Role.STANDBY);
            log.info("relay failover: standby active {} s after the active relay's session was terminated",
                    String.format("%.2f", takeoverSeconds));
        }
    }

    @Test
    void aBatchKafkaOnlyPartlyTookIsSentAgainWithBackoffAndNothingIsLostOrReordered() {
        String ns = "relay-retry";
        AtomicInteger failuresLeft = new AtomicInteger(3);
        OutboxRelay relay = relay("relay-retry", topics -> new PartlyFailing(
                KafkaChangePublisher.connect(kafka.bootstrapServers(), topics), failuresLeft));
        // Start the relay right before this test's rows, so each batch holds only them and the
        // half a failing batch delivers is always made of rows the reader below is watching.
        jdbc.update("UPDATE relay_progress SET published_through = (SELECT COALESCE(MAX(resource_version), 0) FROM changes)");
        List<Long> rvs = commit(ns, "r", 300);
        relay.start();

        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of("kubelite.v1.configmaps"),
                key -> key.startsWith(ns + "/"))) {
            List<Event> events = reader.awaitResourceVersions(rvs, Duration.ofSeconds(30));
            assertThat(failuresLeft.get()).as("every injected failure happened").isNotPositive();
            assertThat(events.size()).as("the partly delivered batches came again").isGreaterThan(rvs.size());
            assertThat(events.stream().map(Event::resourceVersion).distinct()).as("first arrivals in commit order")
                    .containsExactlyElementsOf(rvs);
            assertThat(TopicReader.deduplicated(events).values()).allMatch(kept -> kept.size() == 1);
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> relay.state().lastError() == null);
    }

    @Test
    void afterABatchThatHeldEverythingTheRelayLetsCommitsGatherForTheLinger() {
        String ns = "relay-linger";
        Duration linger = Duration.ofMillis(200);
        List<Long> publishedAt = new CopyOnWriteArrayList<>();
        List<Integer> sizes = new CopyOnWriteArrayList<>();
        OutboxRelay relay = relay("relay-linger", topics -> new Timed(
                KafkaChangePublisher.connect(kafka.bootstrapServers(), topics), publishedAt, sizes), linger);
        jdbc.update("UPDATE relay_progress SET published_through = (SELECT COALESCE(MAX(resource_version), 0) FROM changes)");
        relay.start();
        await("relay active").atMost(Duration.ofSeconds(10)).until(() -> relay.state().role() == Role.ACTIVE);

        List<Long> rvs = commit(ns, "l", 300);
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of("kubelite.v1.configmaps"),
                key -> key.startsWith(ns + "/"))) {
            List<Event> events = reader.awaitResourceVersions(rvs, Duration.ofSeconds(30));
            assertThat(events.stream().map(Event::resourceVersion).distinct()).containsExactlyElementsOf(rvs);
        }
        // Every batch was short (300 rows, batches of up to 500), so each read after the first
        // waited out the linger since the batch before it was sent.
        assertThat(sizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(rvs.size());
        assertThat(sizes).as("batch sizes").hasSizeLessThan(rvs.size() / 10);
        for (int i = 1; i < publishedAt.size(); i++) {
            assertThat(publishedAt.get(i) - publishedAt.get(i - 1)).as("nanoseconds between batches %d and %d", i - 1, i)
                    .isGreaterThanOrEqualTo(linger.toNanos());
        }
        log.info("relay linger {}: {} commits published in {} batches", linger, rvs.size(), sizes.size());
    }

    /** Notes when each batch is handed over and how large it is, then publishes it. */
    record Timed(ChangePublisher kafka, List<Long> publishedAt, List<Integer> sizes) implements ChangePublisher {

        @Override
        public void publish(List<OutboxRecord> batch) throws PublishException, InterruptedException {
            publishedAt.add(System.nanoTime());
            sizes.add(batch.size());
            kafka.publish(batch);
        }

        @Override
        public void close() {
            kafka.close();
        }
    }

    /** Delivers the first half of a batch, then fails it, {@code failuresLeft} times. */
    record PartlyFailing(ChangePublisher kafka, AtomicInteger failuresLeft) implements ChangePublisher {

        @Override
        public void publish(List<OutboxRecord> batch) throws PublishException, InterruptedException {
            if (failuresLeft.getAndDecrement() > 0) {
                kafka.publish(batch.subList(0, batch.size() / 2));
                throw new PublishException("injected: broker went away after " + batch.size() / 2 + " records", null);
            }
            kafka.publish(batch);
        }

        @Override
        public void close() {
            kafka.close();
        }
    }

    private OutboxRelay relay(String applicationName) {
        return relay(applicationName, topics -> KafkaChangePublisher.connect(kafka.bootstrapServers(), topics));
    }

    private OutboxRelay relay(String applicationName, Function<ChangeTopics, ChangePublisher> publishers) {
        return relay(applicationName, publishers, Duration.ofMillis(5));
    }

    private OutboxRelay relay(String applicationName, Function<ChangeTopics, ChangePublisher> publishers,
                              Duration linger) {
        RelayProperties properties = new RelayProperties(kafka.bootstrapServers(), "kubelite.", 500,
                Duration.ofMillis(200), linger, Duration.ofSeconds(1), Duration.ofSeconds(1));
        ChangeTopics topics = new ChangeTopics(properties.topicPrefix(), Map.of());
        LockConnections connections = () -> {
            Properties p = new Properties();
            p.setProperty("user", "postgres");
            p.setProperty("password", "postgres");
            p.setProperty("ApplicationName", applicationName);
            return DriverManager.getConnection(EmbeddedDatabase.jdbcUrl(), p);
        };
        OutboxRelay relay = new OutboxRelay(properties, connections, () -> publishers.apply(topics), signal,
                Clock.systemUTC());
        relays.add(relay);
        return relay;
    }

    private List<Long> commit(String ns, String prefix, int count) {
        List<Long> rvs = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ObjectNode body = json.createObjectNode();
            body.put("apiVersion", "v1").put("kind", "ConfigMap");
            body.putObject("metadata").put("name", prefix + "-" + i).put("namespace", ns)
                    .put("uid", UUID.randomUUID().toString());
            rvs.add(store.commit(new Mutation.Create("configmaps", body)).resourceVersion());
        }
        return rvs;
    }
}
