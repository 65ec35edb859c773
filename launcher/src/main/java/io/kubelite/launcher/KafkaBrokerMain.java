package io.kubelite.launcher;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs a Kafka broker for the local cluster, in KRaft combined mode, until the JVM is told to stop.
 *
 * <pre>
 * java -cp 'launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*' \
 *     io.kubelite.launcher.KafkaBrokerMain --data-dir .kubelite/data/kafka --port 19092 --controller-port 19093
 * </pre>
 *
 * Formats the storage on first start, then prints
 * {@code kubelite-kafka ready: bootstrap=127.0.0.1:19092 cluster-id=...} once the broker answers
 * clients; SIGTERM shuts the broker down cleanly and exits.
 */
public final class KafkaBrokerMain {

    static final String READY = "kubelite-kafka ready: ";

    private KafkaBrokerMain() {
    }

    public static void main(String[] args) throws Exception {
        KafkaBrokerConfig config;
        try {
            Options options = Options.parse(args, Set.of("data-dir", "port", "controller-port"));
            config = new KafkaBrokerConfig(options.path("data-dir"), options.port("port"), options.port("controller-port"));
        } catch (IllegalArgumentException e) {
            System.err.println("KafkaBrokerMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        String clusterId = new KafkaStorage(config).prepare();
        KafkaBroker broker = KafkaBroker.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                broker.close();
            } finally {
                System.out.println("kubelite-kafka stopped");
                stopped.countDown();
            }
        }, "kafka-stop"));
        String servedId = broker.awaitReady(Duration.ofSeconds(120));
        if (!servedId.equals(clusterId)) {
            throw new IllegalStateException("broker serves cluster id " + servedId + " but storage says " + clusterId);
        }
        System.out.println(READY + "bootstrap=" + config.bootstrapServers() + " cluster-id=" + clusterId
                + " data=" + config.dataDir());
        stopped.await();
    }
}
