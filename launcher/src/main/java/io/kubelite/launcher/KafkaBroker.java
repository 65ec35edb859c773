package io.kubelite.launcher;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;

/** A running single-node KRaft server, started from formatted storage. */
final class KafkaBroker implements AutoCloseable {

    private final KafkaRaftServer server;
    private final KafkaBrokerConfig config;

    private KafkaBroker(KafkaRaftServer server, KafkaBrokerConfig config) {
        this.server = server;
        this.config = config;
    }

    static KafkaBroker start(KafkaBrokerConfig config) {
        KafkaRaftServer server = new KafkaRaftServer(KafkaConfig.fromProps(config.toProperties(), false), Time.SYSTEM);
        server.startup();
        return new KafkaBroker(server, config);
    }

    /**
     * Waits until a client can reach the broker and learn the cluster id, which is when the
     * broker has caught up with the metadata log and unfenced itself.
     */
    String awaitReady(Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        Map<String, Object> adminConfig = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        Exception last = null;
        try (Admin admin = Admin.create(adminConfig)) {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return admin.describeCluster().clusterId().get(5, TimeUnit.SECONDS);
                    }
                } catch (ExecutionException | TimeoutException e) {
                    last = e;
                }
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("broker at " + config.bootstrapServers() + " did not answer within "
                + timeout.toSeconds() + " s", last);
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }
}
