package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.EmbeddedDatabase;
import io.kubelite.objectstore.relay.TopicReader.Event;
import io.kubelite.objectstore.storage.DuplicateObjectException;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StaleWriteException;
import io.kubelite.objectstore.storage.StoredObject;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The API server with its relay publishing to a real broker in this JVM, compaction running every
 * half second with no retention, so only the relay's progress holds rows back.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext
class OutboxRelayIT {

    private static final Logger log = LoggerFactory.getLogger(OutboxRelayIT.class);
    static final String CONFIGMAPS = "configmaps";
    static final String CONFIGMAP_TOPIC = "kubelite.v1.configmaps";
    static final String ROLLED_BACK = "rolled-back";

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        registry.add("logging.level.kafka", () -> "WARN");
        registry.add("logging.level.org.apache.kafka", () -> "WARN");
        registry.add("kubelite.kafka.bootstrap-servers", () -> EmbeddedKafka.shared().bootstrapServers());
        registry.add("kubelite.kafka.relay-max-backoff", () -> "1s");
        registry.add("kubelite.store.compaction-interval", () -> "500ms");
        registry.add("kubelite.store.change-retention", () -> "0s");
        registry.add("kubelite.store.change-retention-min-rows", () -> "0");
    }

    @LocalServerPort
    int port;

    @Autowired
    ObjectStore store;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PlatformTransactionManager transactionManager;

    @Autowired
    MeterRegistry meters;

    final JsonMapper json = JsonMapper.builder().build();
    EmbeddedKafka kafka;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
        kafka = EmbeddedKafka.shared();
    }

    record Committed(long resourceVersion, String key, String type) {
    }

    @Test
    void twentyConcurrentWritersEveryCommittedChangeArrivesOnceInOrderAndNoRolledBackOne() throws Exception {
        String ns = "relay-writers";
        int writers = 20;
        int objectsPerWriter = 200;
        Queue<Committed> committed = new ConcurrentLinkedQueue<>();
        AtomicInteger rolledBack = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        long start = System.nanoTime();
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> {
                write(ns, writer, objectsPerWriter, committed, rolledBack);
                return null;
            }));
        }
        for (Future<?> f : done) {
            f.get(150, TimeUnit.SECONDS);
        }
        pool.shutdown();
        double writeSeconds = (System.nanoTime() - start) / 1e9;
        // per object: create, update, and for every second one a delete
        assertThat(committed).hasSize(writers * objectsPerWriter * 5 / 2).hasSize(10_000);

        List<Committed> inCommitOrder = committed.stream().sorted(Comparator.comparingLong(Committed::resourceVersion)).toList();
        Set<Long> expectedRvs = inCommitOrder.stream().map(Committed::resourceVersion).collect(Collectors.toSet());
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of(CONFIGMAP_TOPIC),
                key -> key.startsWith(ns + "/"))) {
            List<Event> events = reader.awaitResourceVersions(expectedRvs, Duration.ofSeconds(90));
            double deliveredSeconds = (System.nanoTime() - start) / 1e9;

            Set<Long> received = events.stream().map(Event::resourceVersion).collect(Collectors.toSet());
            assertThat(received).as("exactly the committed changes: none lost, none rolled back").isEqualTo(expectedRvs);
            assertThat(events).as("no event of a rolled-back commit")
                    .noneMatch(e -> e.key().endsWith("-ghost") || ROLLED_BACK.equals(e.object().path("data").path("step").asString()));
            assertThat(events).as("header resourceVersion is the object's")
                    .allMatch(e -> e.object().path("metadata").path("resourceVersion").asString()
                            .equals(Long.toString(e.resourceVersion())));

            Map<String, List<String>> expectedPerKey = new LinkedHashMap<>();
            for (Committed c : inCommitOrder) {
                expectedPerKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.resourceVersion() + " " + c.type());
            }
            Map<String, List<String>> keptPerKey = new LinkedHashMap<>();
            TopicReader.deduplicated(events).forEach((key, kept) -> keptPerKey.put(key,
                    kept.stream().map(e -> e.resourceVersion() + " " + e.type()).toList()));
            assertThat(keptPerKey).as("per object, after dropping resourceVersions already seen: every change once, in order")
                    .isEqualTo(expectedPerKey);

            List<Long> firstArrivals = events.stream().map(Event::resourceVersion).distinct().toList();
            assertThat(firstArrivals).as("one partition per topic: first arrivals in commit order").isSorted();

            log.info("relay IT: {} writers committed {} changes ({} rolled-back commits) in {} s; all on Kafka after {} s; "
                            + "{} records received, {} redelivered", writers, committed.size(), rolledBack.get(),
                    String.format("%.1f", writeSeconds), String.format("%.1f", deliveredSeconds), events.size(),
                    events.size() - received.size());
        }
        assertThat(rolledBack.get()).isEqualTo(writers * objectsPerWriter / 5);
        assertThat(store.compactedThrough()).as("compaction ran alongside, never past the relay")
                .isPositive().isLessThanOrEqualTo(publishedThrough());
    }

    /**
     * Per object: create, update (every 25th inside a transaction that stays open 20 ms after its
     * resourceVersion was drawn), delete every second one; every 10th also tries a commit that
     * rolls back (a new object plus a duplicate create), every 10th+5 a stale update.
     */
    private void write(String ns, int writer, int objects, Queue<Committed> committed, AtomicInteger rolledBack) {
        TransactionTemplate transaction = new TransactionTemplate(transactionManager);
        for (int i = 0; i < objects; i++) {
            String name = String.format("w%02d-%03d", writer, i);
            String key = ns + "/" + name;
            StoredObject created = store.commit(new Mutation.Create(CONFIGMAPS, configMap(ns, name, "created")));
            committed.add(new Committed(created.resourceVersion(), key, "ADDED"));
            if (i % 10 == 0) {
                assertThatThrownBy(() -> store.commit(List.of(
                        new Mutation.Create(CONFIGMAPS, configMap(ns, name + "-ghost", ROLLED_BACK)),
                        new Mutation.Create(CONFIGMAPS, configMap(ns, name, ROLLED_BACK)))))
                        .isInstanceOf(DuplicateObjectException.class);
                rolledBack.incrementAndGet();
            }
            if (i % 10 == 5) {
                assertThatThrownBy(() -> store.commit(new Mutation.Update(CONFIGMAPS, created.id(),
                        created.resourceVersion() - 1, configMap(ns, name, ROLLED_BACK))))
                        .isInstanceOf(StaleWriteException.class);
                rolledBack.incrementAndGet();
            }
            Mutation update = new Mutation.Update(CONFIGMAPS, created.id(), created.resourceVersion(),
                    configMap(ns, name, "updated"));
            StoredObject updated = i % 25 == 0
                    ? transaction.execute(status -> {
                        StoredObject written = store.commit(update);
                        jdbc.execute("SELECT pg_sleep(0.02)");
                        return written;
                    })
                    : store.commit(update);
            committed.add(new Committed(updated.resourceVersion(), key, "MODIFIED"));
            if (i % 2 == 0) {
                StoredObject deleted = store.commit(new Mutation.Delete(CONFIGMAPS, updated.id(),
                        updated.resourceVersion(), updated.body()));
                committed.add(new Committed(deleted.resourceVersion(), key, "DELETED"));
            }
        }
    }

    @Test
    void changesCommittedWhileKafkaIsDownArriveOnceItIsBackAndAreNotCompactedMeanwhile() throws Exception {
        String ns = "relay-outage";
        assertThat(api.post("/api/v1/namespaces", namespace(ns)).code()).isEqualTo(201);
        List<Long> written = Collections.synchronizedList(new ArrayList<>());
        AtomicBoolean writing = new AtomicBoolean(true);
        ExecutorService writer = Executors.newSingleThreadExecutor();
        Future<?> writes = writer.submit(() -> {
            for (int i = 0; writing.get(); i++) {
                written.add(created(api.post("/api/v1/namespaces/" + ns + "/configmaps", """
                        {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"cm-%d"},"data":{"step":"created"}}"""
                        .formatted(i))));
            }
            return null;
        });
        try {
            await("writes before the outage are published").atMost(Duration.ofSeconds(30))
                    .until(() -> written.size() >= 50 && publishedThrough() >= written.get(49));

            kafka.stop();
            int atOutage = written.size();
            List<Long> during;
            try {
                await("writes keep succeeding without Kafka").atMost(Duration.ofSeconds(30))
                        .until(() -> written.size() >= atOutage + 200);
                assertThat(api.get("/readyz").code()).as("the API stays ready without Kafka").isEqualTo(200);
                await("lag reported").atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    JsonNode relay = api.get("/actuator/health").body().path("components").path("relay");
                    assertThat(relay.path("status").asString()).isEqualTo("UP");
                    assertThat(relay.path("details").path("lagResourceVersions").asLong()).isGreaterThanOrEqualTo(200);
                    assertThat(meters.get("kubelite.relay.lag").gauge().value()).isGreaterThanOrEqualTo(200);
                    assertThat(meters.get("kubelite.relay.oldest.unpublished.age").gauge().value()).isPositive();
                });
                long published = publishedThrough();
                during = List.copyOf(written).stream().filter(rv -> rv > published).toList();
                assertThat(during).hasSizeGreaterThanOrEqualTo(200);
                await("compaction up to the relay's progress").atMost(Duration.ofSeconds(10))
                        .until(() -> store.compactedThrough() == published);
                assertThat(jdbc.queryForObject("SELECT count(*) FROM changes WHERE resource_version = ANY(?)", Long.class,
                        (Object) during.toArray(Long[]::new))).as("unpublished rows are kept").isEqualTo(during.size());
            } finally {
                kafka.start();
            }
            int atReturn = written.size();
            await("writes go on after Kafka is back").atMost(Duration.ofSeconds(30))
                    .until(() -> written.size() >= atReturn + 50);
        } finally {
            writing.set(false);
            writes.get(30, TimeUnit.SECONDS);
            writer.shutdown();
        }

        List<Long> all = List.copyOf(written);
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of(CONFIGMAP_TOPIC),
                key -> key.startsWith(ns + "/"))) {
            List<Event> events = reader.awaitResourceVersions(all, Duration.ofSeconds(60));
            assertThat(events.stream().map(Event::resourceVersion).distinct()).containsExactlyElementsOf(all);
            log.info("relay IT: {} HTTP creates across a Kafka outage, all received ({} records, {} redelivered)",
                    all.size(), events.size(), events.size() - all.size());
        }
        await("lag drained").atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(api.get("/actuator/health").body().at("/components/relay/details/lagResourceVersions").asLong())
                        .isZero());
    }

    @Test
    void eachKindGoesToItsGroupVersionTopicKeyedByObjectAsAWatchEvent() {
        String ns = "relay-kinds";
        Map<String, Long> rvs = new LinkedHashMap<>();
        rvs.put("kubelite.v1.namespaces " + ns, created(api.post("/api/v1/namespaces", namespace(ns))));
        rvs.put("kubelite.apps.v1.deployments " + ns + "/web", created(api.post(
                "/apis/apps/v1/namespaces/" + ns + "/deployments", """
                        {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},
                         "spec":{"replicas":1,"selector":{"matchLabels":{"app":"web"}},
                          "template":{"metadata":{"labels":{"app":"web"}},
                           "spec":{"containers":[{"name":"web","image":"nginx"}]}}}}""")));
        rvs.put("kubelite.autoscaling.v2.horizontalpodautoscalers " + ns + "/web", created(api.post(
                "/apis/autoscaling/v1/namespaces/" + ns + "/horizontalpodautoscalers", """
                        {"apiVersion":"autoscaling/v1","kind":"HorizontalPodAutoscaler","metadata":{"name":"web"},
                         "spec":{"scaleTargetRef":{"apiVersion":"apps/v1","kind":"Deployment","name":"web"},
                          "minReplicas":1,"maxReplicas":3,"targetCPUUtilizationPercentage":50}}""")));
        rvs.put("kubelite.coordination.k8s.io.v1.leases " + ns + "/leader", created(api.post(
                "/apis/coordination.k8s.io/v1/namespaces/" + ns + "/leases", """
                        {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"leader"},
                         "spec":{"holderIdentity":"replica-1","leaseDurationSeconds":15}}""")));

        List<String> topics = rvs.keySet().stream().map(k -> k.split(" ")[0]).toList();
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), topics,
                key -> key.equals(ns) || key.startsWith(ns + "/"))) {
            List<Event> events = reader.awaitResourceVersions(rvs.values(), Duration.ofSeconds(30));
            Map<String, Long> received = new LinkedHashMap<>();
            for (Event e : events) {
                if (rvs.containsValue(e.resourceVersion())) {
                    assertThat(e.type()).isEqualTo("ADDED");
                    received.put(e.topic() + " " + e.key(), e.resourceVersion());
                }
            }
            assertThat(received).isEqualTo(rvs);
            assertThat(events).filteredOn(e -> e.topic().contains("horizontalpodautoscalers"))
                    .allMatch(e -> e.object().path("apiVersion").asString().equals("autoscaling/v2"));
            // the events carry the object as the API serves it, less the field entries
            assertThat(events).allMatch(e -> e.object().path("metadata").path("managedFields").isMissingNode());
            JsonNode deployment = api.get("/apis/apps/v1/namespaces/" + ns + "/deployments/web").body();
            assertThat(deployment.path("metadata").path("managedFields").isArray()).isTrue();
            ((ObjectNode) deployment.path("metadata")).remove("managedFields");
            assertThat(events).filteredOn(e -> e.topic().contains("deployments")).last()
                    .extracting(Event::object).isEqualTo(deployment);
        }
    }

    private static long created(ApiClient.Response r) {
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
        return Long.parseLong(r.body().path("metadata").path("resourceVersion").asString());
    }

    private long publishedThrough() {
        return jdbc.queryForObject("SELECT published_through FROM relay_progress WHERE id = 1", Long.class);
    }

    private static String namespace(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + name + "\"}}";
    }

    private ObjectNode configMap(String ns, String name, String step) {
        ObjectNode body = json.createObjectNode();
        body.put("apiVersion", "v1").put("kind", "ConfigMap");
        body.putObject("metadata").put("name", name).put("namespace", ns).put("uid", UUID.randomUUID().toString());
        body.putObject("data").put("step", step);
        return body;
    }
}
