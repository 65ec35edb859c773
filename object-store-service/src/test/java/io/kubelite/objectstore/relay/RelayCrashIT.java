package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.EmbeddedDatabase;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The API server process killed with SIGKILL in the middle of 20 concurrent writers, then
 * started again: every write it confirmed reaches Kafka once (after de-duplication) and in
 * order per object, and nothing reaches Kafka that PostgreSQL did not commit. The API server
 * runs as its own process from the packaged jar, against this JVM's PostgreSQL and broker.
 */
class RelayCrashIT {

    private static final Logger log = LoggerFactory.getLogger(RelayCrashIT.class);
    private static final String NS = "relay-crash";

    private Process server;

    record Confirmed(long resourceVersion, String key, String type) {
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.destroyForcibly();
        }
    }

    @Test
    void confirmedWritesReachKafkaOnceInOrderAcrossAKillMinus9() throws Exception {
        String jdbcUrl = EmbeddedDatabase.jdbcUrl();
        EmbeddedKafka kafka = EmbeddedKafka.shared();
        int port = freePort();
        server = start(port, jdbcUrl, kafka.bootstrapServers(), "first");
        ApiClient api = new ApiClient(port);
        int code = api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\""
                + NS + "\"}}").code();
        assertThat(code).isIn(201, 409);

        int writers = 20;
        int objectsPerWriter = 40;
        Queue<Confirmed> confirmed = new ConcurrentLinkedQueue<>();
        AtomicInteger uncertain = new AtomicInteger();
        AtomicBoolean killed = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<?>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            int writer = w;
            done.add(pool.submit(() -> write(api, writer, objectsPerWriter, confirmed, uncertain)));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> confirmed.size() >= 600);
        server.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        killed.set(true);
        int beforeKill = confirmed.size();
        server = start(port, jdbcUrl, kafka.bootstrapServers(), "second");
        for (Future<?> f : done) {
            f.get(180, TimeUnit.SECONDS);
        }
        pool.shutdown();
        assertThat(killed).isTrue();
        assertThat(confirmed.size()).as("writes confirmed after the restart").isGreaterThan(beforeKill);

        List<Confirmed> inOrder = confirmed.stream().sorted(Comparator.comparingLong(Confirmed::resourceVersion)).toList();
        Set<Long> expected = inOrder.stream().map(Confirmed::resourceVersion).collect(Collectors.toSet());
        try (TopicReader reader = new TopicReader(kafka.bootstrapServers(), List.of("kubelite.v1.configmaps"),
                key -> key.startsWith(NS + "/"))) {
            List<TopicReader.Event> events = reader.awaitResourceVersions(expected, Duration.ofSeconds(90));
            Set<Long> received = events.stream().map(TopicReader.Event::resourceVersion).collect(Collectors.toSet());
            assertThat(received).as("every confirmed write arrived").containsAll(expected);
            assertThat(committedAmong(jdbcUrl, received)).as("nothing arrived that PostgreSQL did not commit")
                    .isEqualTo(received);

            Map<String, List<Long>> confirmedPerKey = new LinkedHashMap<>();
            inOrder.forEach(c -> confirmedPerKey.computeIfAbsent(c.key(), k -> new ArrayList<>()).add(c.resourceVersion()));
            Map<String, List<Long>> keptPerKey = new LinkedHashMap<>();
            TopicReader.deduplicated(events).forEach((key, kept) -> keptPerKey.put(key,
                    kept.stream().map(TopicReader.Event::resourceVersion).toList()));
            confirmedPerKey.forEach((key, rvs) -> assertThat(keptPerKey.get(key))
                    .as("%s: after de-duplication, each change once and in order", key)
                    .isSorted().containsSubsequence(rvs));
            log.info("relay crash IT: {} writes confirmed ({} before the kill), {} uncertain (in flight at the kill), "
                    + "{} records received for {} distinct changes", confirmed.size(), beforeKill, uncertain.get(),
                    events.size(), received.size());
        }
    }

    /**
     * Per object: create, two updates, and a delete for every second one. A request that fails
     * (the server died under it) has an unknown outcome; the writer waits for the server and
     * moves on to its next object.
     */
    private Void write(ApiClient api, int writer, int objects, Queue<Confirmed> confirmed, AtomicInteger uncertain)
            throws InterruptedException {
        String base = "/api/v1/namespaces/" + NS + "/configmaps";
        for (int i = 0; i < objects; i++) {
            String name = String.format("w%02d-%03d", writer, i);
            String key = NS + "/" + name;
            try {
                ApiClient.Response created = api.post(base, configMap(name, "created", null));
                long rv = confirm(created, 201, key, "ADDED", confirmed);
                for (int u = 1; u <= 2; u++) {
                    ApiClient.Response updated = api.put(base + "/" + name, configMap(name, "update-" + u, rv));
                    rv = confirm(updated, 200, key, "MODIFIED", confirmed);
                }
                if (i % 2 == 0) {
                    ApiClient.Response deleted = api.delete(base + "/" + name);
                    assertThat(deleted.code()).as(deleted.raw()).isEqualTo(200);
                    confirmed.add(new Confirmed(Long.parseLong(deleted.body().path("metadata").path("resourceVersion")
                            .asString()), key, "DELETED"));
                }
            } catch (RuntimeException serverGone) {
                uncertain.incrementAndGet();
                awaitServer(api);
            }
        }
        return null;
    }

    private static long confirm(ApiClient.Response r, int expectedCode, String key, String type, Queue<Confirmed> confirmed) {
        assertThat(r.code()).as(r.raw()).isEqualTo(expectedCode);
        long rv = Long.parseLong(r.body().path("metadata").path("resourceVersion").asString());
        confirmed.add(new Confirmed(rv, key, type));
        return rv;
    }

    private static void awaitServer(ApiClient api) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> api.get("/api/v1/namespaces/" + NS).code() == 200);
    }

    private static String configMap(String name, String step, Long rv) {
        String resourceVersion = rv == null ? "" : ",\"resourceVersion\":\"" + rv + "\"";
        return "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"" + resourceVersion
                + "},\"data\":{\"step\":\"" + step + "\"}}";
    }

    private static Set<Long> committedAmong(String jdbcUrl, Set<Long> resourceVersions) throws Exception {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
             PreparedStatement s = c.prepareStatement("SELECT resource_version FROM changes WHERE resource_version = ANY(?)")) {
            Array array = c.createArrayOf("bigint", resourceVersions.toArray());
            s.setArray(1, array);
            Set<Long> found = new HashSet<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getLong(1));
                }
            }
            return found;
        }
    }

    private static Process start(int port, String jdbcUrl, String kafka, String run) throws IOException {
        Path jar = Path.of("target").resolve("object-store-service-0.1.0-SNAPSHOT.jar");
        assertThat(jar).as("the packaged API server (the package phase runs before integration tests)").exists();
        Path logFile = Path.of("target", "relay-crash-" + run + ".log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:TieredStopAtLevel=1", "-jar", jar.toString())
                .redirectErrorStream(true).redirectOutput(logFile.toFile());
        builder.environment().put("SERVER_PORT", Integer.toString(port));
        builder.environment().put("SPRING_DATASOURCE_URL", jdbcUrl);
        builder.environment().put("SPRING_DATASOURCE_USERNAME", "postgres");
        builder.environment().put("SPRING_DATASOURCE_PASSWORD", "postgres");
        builder.environment().put("KUBELITE_KAFKA_BOOTSTRAP_SERVERS", kafka);
        Process process = builder.start();
        HttpClient http = HttpClient.newHttpClient();
        await("API server " + run + " ready (log " + logFile + ")").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(() -> {
                    assertThat(process.isAlive()).as("API server process alive; see " + logFile).isTrue();
                    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/readyz")).build(),
                            HttpResponse.BodyHandlers.ofString()).statusCode() == 200;
                });
        return process;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
