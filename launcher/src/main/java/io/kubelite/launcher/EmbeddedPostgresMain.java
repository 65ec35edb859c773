package io.kubelite.launcher;

import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * Runs PostgreSQL for the local cluster until the JVM is told to stop.
 *
 * <pre>
 * java -cp 'launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*' \
 *     io.kubelite.launcher.EmbeddedPostgresMain --data-dir .kubelite/data/pg --port 15432
 * </pre>
 *
 * Prints {@code kubelite-postgres ready: jdbc:postgresql://127.0.0.1:15432/kubelite user=postgres}
 * once the {@code kubelite} database accepts connections; SIGTERM stops PostgreSQL and exits.
 */
public final class EmbeddedPostgresMain {

    static final String READY = "kubelite-postgres ready: ";

    private EmbeddedPostgresMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args, Set.of("data-dir", "port"));
        } catch (IllegalArgumentException e) {
            System.err.println("EmbeddedPostgresMain: " + e.getMessage());
            System.exit(2);
            return;
        }
        LocalPostgres postgres = LocalPostgres.start(options.path("data-dir"), options.port("port"));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception e) {
                System.err.println("kubelite-postgres: stopping PostgreSQL failed: " + e);
            } finally {
                System.out.println("kubelite-postgres stopped");
                stopped.countDown();
            }
        }, "postgres-stop"));
        System.out.println(READY + postgres.jdbcUrl() + " user=" + LocalPostgres.USER
                + " (trust authentication, any password) data=" + postgres.dataDir());
        stopped.await();
    }
}
