package io.kubelite.objectstore.relay;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Reads the relay's lag from the database, so every replica, active or standby, reports the same
 * figures. Readings are reused for one second, however often gauges and health checks ask.
 */
@Component
class RelayLagProbe {

    static final Duration REUSE = Duration.ofSeconds(1);

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private volatile RelayLag last;
    private volatile Instant readAt = Instant.MIN;

    RelayLagProbe(JdbcTemplate jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    RelayLag current() {
        Instant now = clock.instant();
        RelayLag lag = last;
        if (lag == null || !now.isBefore(readAt.plus(REUSE))) {
            lag = read();
            last = lag;
            readAt = now;
        }
        return lag;
    }

    private RelayLag read() {
        return jdbc.queryForObject("""
                SELECT (SELECT COALESCE(MAX(resource_version), 0) FROM changes),
                       p.published_through,
                       COALESCE((SELECT EXTRACT(EPOCH FROM clock_timestamp() - c.committed_at) FROM changes c
                                 WHERE c.resource_version > p.published_through
                                 ORDER BY c.resource_version LIMIT 1), 0)
                FROM relay_progress p WHERE p.id = 1
                """, (rs, i) -> new RelayLag(rs.getLong(1), rs.getLong(2),
                Duration.ofMillis(Math.max(0, Math.round(rs.getDouble(3) * 1000)))));
    }
}
