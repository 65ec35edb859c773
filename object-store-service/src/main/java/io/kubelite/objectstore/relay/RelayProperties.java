package io.kubelite.objectstore.relay;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * Where and how the change log is published to Kafka.
 *
 * @param bootstrapServers       Kafka bootstrap servers, e.g. {@code 127.0.0.1:19092}; empty disables the relay
 *                               (the API server then runs without Kafka)
 * @param topicPrefix            prepended to every topic: {@code kubelite.} gives {@code kubelite.apps.v1.deployments}
 * @param relayBatchSize         change-log rows read, sent and acknowledged as one batch
 * @param relayPollInterval      how often an idle relay looks for new rows when no commit signal arrives
 * @param relayLinger            after publishing a batch that held everything there was, how long the relay
 *                               lets new commits gather before it reads again (Kafka's {@code linger.ms}
 *                               for the change log); zero reads at once
 * @param relayLockRetryInterval how often a standby replica tries to take the relay lock
 * @param relayMaxBackoff        longest pause between attempts while Kafka rejects or cannot be reached
 */
@ConfigurationProperties("kubelite.kafka")
public record RelayProperties(
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("kubelite.") String topicPrefix,
        @DefaultValue("500") int relayBatchSize,
        @DefaultValue("200ms") Duration relayPollInterval,
        @DefaultValue("5ms") Duration relayLinger,
        @DefaultValue("1s") Duration relayLockRetryInterval,
        @DefaultValue("30s") Duration relayMaxBackoff) {

    public RelayProperties {
        if (relayBatchSize < 1) {
            throw new IllegalArgumentException("kubelite.kafka.relay-batch-size must be at least 1, got " + relayBatchSize);
        }
        requirePositive("relay-poll-interval", relayPollInterval);
        if (relayLinger == null || relayLinger.isNegative()) {
            throw new IllegalArgumentException("kubelite.kafka.relay-linger must be zero or positive, got " + relayLinger);
        }
        requirePositive("relay-lock-retry-interval", relayLockRetryInterval);
        requirePositive("relay-max-backoff", relayMaxBackoff);
    }

    /** The relay runs only when Kafka is configured. */
    public boolean enabled() {
        return bootstrapServers != null && !bootstrapServers.isBlank();
    }

    private static void requirePositive(String name, Duration value) {
        if (value == null || value.isZero() || value.isNegative()) {
            throw new IllegalArgumentException("kubelite.kafka." + name + " must be positive, got " + value);
        }
    }
}
