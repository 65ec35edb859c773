package io.kubelite.objectstore.relay;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.stereotype.Component;

import java.time.Clock;
import java.time.Duration;

/**
 * The {@code relay} component of {@code /actuator/health}. Always UP: the API keeps serving while
 * Kafka is away, so relay trouble is reported in the details (lag, last error), never as an
 * outage, e.g.
 *
 * <pre>
 * "relay": {"status": "UP", "details": {"role": "active", "publishedThrough": 4700,
 *   "latestResourceVersion": 5200, "lagResourceVersions": 500, "oldestUnpublishedAgeSeconds": 12.4,
 *   "waitingForKafkaSeconds": 11.9}}
 * </pre>
 */
@Component
class RelayHealthIndicator extends AbstractHealthIndicator {

    private final RelayProperties properties;
    private final OutboxRelay relay;
    private final RelayLagProbe probe;
    private final Clock clock;

    RelayHealthIndicator(RelayProperties properties, OutboxRelay relay, RelayLagProbe probe, Clock clock) {
        this.properties = properties;
        this.relay = relay;
        this.probe = probe;
        this.clock = clock;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        builder.up();
        if (!properties.enabled()) {
            builder.withDetail("role", "disabled").withDetail("reason", "kubelite.kafka.bootstrap-servers is empty");
            return;
        }
        RelayState state = relay.state();
        RelayLag lag = probe.current();
        builder.withDetail("role", state.role().name().toLowerCase())
                .withDetail("bootstrapServers", properties.bootstrapServers())
                .withDetail("publishedThrough", lag.publishedThrough())
                .withDetail("latestResourceVersion", lag.latestResourceVersion())
                .withDetail("lagResourceVersions", lag.resourceVersions())
                .withDetail("oldestUnpublishedAgeSeconds", seconds(lag.oldestUnpublishedAge()));
        if (state.sendingSince() != null) {
            builder.withDetail("waitingForKafkaSeconds", seconds(Duration.between(state.sendingSince(), clock.instant())));
        }
        if (state.lastError() != null) {
            builder.withDetail("lastError", state.lastError());
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
