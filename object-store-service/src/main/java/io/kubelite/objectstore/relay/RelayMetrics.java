package io.kubelite.objectstore.relay;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.springframework.stereotype.Component;

/**
 * Relay gauges (Prometheus names in brackets): {@code kubelite.relay.lag}
 * [{@code kubelite_relay_lag_resourceversions}], latest change-log resourceVersion minus the last
 * one published; {@code kubelite.relay.oldest.unpublished.age}
 * [{@code kubelite_relay_oldest_unpublished_age_seconds}]; {@code kubelite.relay.active}, 1 on the
 * replica holding the relay lock; and the counter {@code kubelite.relay.published}.
 */
@Component
class RelayMetrics implements MeterBinder {

    private final RelayProperties properties;
    private final OutboxRelay relay;
    private final RelayLagProbe probe;

    RelayMetrics(RelayProperties properties, OutboxRelay relay, RelayLagProbe probe) {
        this.properties = properties;
        this.relay = relay;
        this.probe = probe;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        if (!properties.enabled()) {
            return;
        }
        Gauge.builder("kubelite.relay.lag", probe, p -> p.current().resourceVersions())
                .description("Latest change-log resourceVersion minus the last one published to Kafka")
                .baseUnit("resourceversions")
                .register(registry);
        Gauge.builder("kubelite.relay.oldest.unpublished.age", probe,
                        p -> p.current().oldestUnpublishedAge().toMillis() / 1000.0)
                .description("How long the oldest change not yet published to Kafka has been committed")
                .baseUnit("seconds")
                .register(registry);
        Gauge.builder("kubelite.relay.active", relay, r -> r.state().role() == RelayState.Role.ACTIVE ? 1 : 0)
                .description("1 on the replica whose relay holds the relay lock")
                .register(registry);
        FunctionCounter.builder("kubelite.relay.published", relay, OutboxRelay::publishedCount)
                .description("Change events this replica has had acknowledged by Kafka")
                .baseUnit("events")
                .register(registry);
    }
}
