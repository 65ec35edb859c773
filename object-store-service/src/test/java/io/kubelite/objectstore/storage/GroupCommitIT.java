package io.kubelite.objectstore.storage;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Concurrent commits share transactions, and a request that fails (a taken name, a stale
 * resourceVersion) fails alone and writes nothing, while the requests it shared a transaction
 * with commit.
 */
class GroupCommitIT extends ApiServerTest {

    private static final String NS = "group-commit";

    @Autowired
    ObjectStore store;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    JsonMapper json;

    private ObjectNode configMap(String name) {
        ObjectNode body = json.createObjectNode();
        body.put("apiVersion", "v1").put("kind", "ConfigMap");
        body.putObject("metadata").put("name", name).put("namespace", NS).put("uid", UUID.randomUUID().toString());
        body.putObject("data").put("k", "v");
        return body;
    }

    @Test
    void concurrentRequestsShareCommitsAndFailOneByOne() throws Exception {
        StoredObject taken = store.commit(new Mutation.Create("configmaps", configMap("taken")));
        long staleRv = taken.resourceVersion() - 1;
        int unique = 40;
        int duplicates = 8;
        int stale = 8;
        int halfStalePairs = 8;

        ExecutorService pool = Executors.newFixedThreadPool(unique + duplicates + stale + halfStalePairs);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<List<StoredObject>>> created = new ArrayList<>();
        List<Future<List<StoredObject>>> mustFail = new ArrayList<>();
        try {
            for (int i = 0; i < unique; i++) {
                created.add(pool.submit(gated(go, List.of(new Mutation.Create("configmaps", configMap("unique-" + i))))));
            }
            for (int i = 0; i < duplicates; i++) {
                mustFail.add(pool.submit(gated(go, List.of(new Mutation.Create("configmaps", configMap("taken"))))));
            }
            for (int i = 0; i < stale; i++) {
                mustFail.add(pool.submit(gated(go, List.of(new Mutation.Update("configmaps", taken.id(), staleRv,
                        configMap("taken"))))));
            }
            for (int i = 0; i < halfStalePairs; i++) {
                // Two objects in one request: the first would be written, the second is stale, so
                // neither may be.
                mustFail.add(pool.submit(gated(go, List.of(
                        new Mutation.Create("configmaps", configMap("half-" + i)),
                        new Mutation.Update("configmaps", taken.id(), staleRv, configMap("taken"))))));
            }
            go.countDown();

            List<Long> versions = new ArrayList<>();
            for (Future<List<StoredObject>> f : created) {
                StoredObject o = f.get(30, TimeUnit.SECONDS).get(0);
                assertThat(o.body().path("metadata").path("resourceVersion").asString())
                        .isEqualTo(Long.toString(o.resourceVersion()));
                versions.add(o.resourceVersion());
            }
            assertThat(versions).doesNotHaveDuplicates().allSatisfy(rv -> assertThat(rv).isGreaterThan(taken.resourceVersion()));
            for (int i = 0; i < mustFail.size(); i++) {
                Future<List<StoredObject>> f = mustFail.get(i);
                Throwable failure = catchThrowable(() -> f.get(30, TimeUnit.SECONDS));
                assertThat(failure).as("request %d", i).hasCauseInstanceOf(i < duplicates
                        ? DuplicateObjectException.class : StaleWriteException.class);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(jdbc.queryForObject("SELECT count(*) FROM objects WHERE namespace = ? AND name LIKE 'half-%'",
                Long.class, NS)).as("no part of a failed two-object request").isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM objects WHERE namespace = ? AND name LIKE 'unique-%'",
                Long.class, NS)).isEqualTo(unique);
        assertThat(jdbc.queryForList("SELECT type FROM changes WHERE namespace = ? ORDER BY resource_version",
                String.class, NS)).as("one change per successful write, none for the failed ones")
                .hasSize(unique + 1).containsOnly("ADDED");
        assertThat(store.get("configmaps", NS, "taken").orElseThrow().resourceVersion())
                .as("the stale updates changed nothing").isEqualTo(taken.resourceVersion());
        // Rows written by one transaction share its xmin: fewer transactions than writes means
        // the writes were committed together.
        assertThat(jdbc.queryForObject("SELECT count(DISTINCT xmin::text) FROM objects WHERE namespace = ? "
                + "AND name LIKE 'unique-%'", Long.class, NS)).isLessThan((long) unique);
    }

    private Callable<List<StoredObject>> gated(CountDownLatch go, List<Mutation> mutations) {
        return () -> {
            go.await();
            return store.commit(mutations);
        };
    }
}
