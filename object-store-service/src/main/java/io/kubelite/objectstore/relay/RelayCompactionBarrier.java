package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.storage.CompactionBarrier;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/** While the relay is enabled, compaction keeps every change-log row Kafka has not acknowledged yet. */
@Component
class RelayCompactionBarrier implements CompactionBarrier {

    private final RelayProperties properties;
    private final JdbcTemplate jdbc;

    RelayCompactionBarrier(RelayProperties properties, JdbcTemplate jdbc) {
        this.properties = properties;
        this.jdbc = jdbc;
    }

    @Override
    public long compactableThrough() {
        if (!properties.enabled()) {
            return Long.MAX_VALUE;
        }
        Long published = jdbc.queryForObject("SELECT published_through FROM relay_progress WHERE id = 1", Long.class);
        return published == null ? 0 : published;
    }
}
