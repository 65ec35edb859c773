package io.kubelite.objectstore.storage;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Compaction removes change-log rows only once they are older than the retention. */
class ChangeLogCompactionIT extends ApiServerTest {

    static final String CMS = "/api/v1/namespaces/default/configmaps";

    @Autowired
    ObjectStore store;
    @Autowired
    JdbcTemplate jdbc;

    private long create(String name) {
        var created = api.post(CMS, "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"" + name + "\"}}");
        assertThat(created.code()).isEqualTo(201);
        return Long.parseLong(created.body().path("metadata").path("resourceVersion").asString());
    }

    @Test
    void keepsChangesYoungerThanTheRetentionAndRemovesThemOnceTheyAged() {
        Duration retention = Duration.ofSeconds(1);
        long young = create("compaction-young");

        store.compact(retention, 0);
        assertThat(store.compactedThrough()).as("a change written just now is kept").isLessThan(young);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM changes WHERE resource_version = ?", Long.class, young))
                .isEqualTo(1);

        // Runs of compaction until the retention has passed for the young change.
        await("the change is compacted once older than the retention").atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(100)).until(() -> {
                    store.compact(retention, 0);
                    return store.compactedThrough() >= young;
                });
        long later = create("compaction-later");
        store.compact(retention, 0);

        assertThat(store.compactedThrough()).as("the change written after the last run is kept").isLessThan(later);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM changes WHERE resource_version <= ?", Long.class, young))
                .isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM changes WHERE resource_version = ?", Long.class, later))
                .isEqualTo(1);
    }

    @Test
    void keepsTheNewestRowsWhateverTheirAge() {
        long first = create("compaction-min-1");
        long second = create("compaction-min-2");

        store.compact(Duration.ZERO, 1);

        assertThat(store.compactedThrough()).isGreaterThanOrEqualTo(first).isLessThan(second);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM changes WHERE resource_version = ?", Long.class, second))
                .isEqualTo(1);
    }
}
