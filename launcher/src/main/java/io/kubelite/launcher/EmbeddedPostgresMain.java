package io.kubelite.launcher;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs PostgreSQL for the local cluster until the JVM is told to stop.
 *
 * <pre>
 * java -cp 'launcher/target/launcher-0.1.0-SNAPSHOT.jar:launcher/target/lib/*' \
 *     io.kubelite.launcher.EmbeddedPostgresMain --data-dir .kubelite/data/pg --port 15432
 * </pre>
 *
 * Prints {@code kubelite-postgres ready: jdbc:postgresql://127.0.0.1:15432/kubelite user=postgres}
 * once the {@code kubelite} database accepts connections; SIGTERM stops PostgreSQL and exits. When
 * the PostgreSQL server dies under it (a crash, {@code kill -9}), it exits with status 1 within a
 * second, so that the process supervising it starts PostgreSQL again.
 */
public final class EmbeddedPostgresMain {

    static final String READY = "kubelite-postgres ready: ";
    static final String POSTMASTER_GONE = "kubelite-postgres: the PostgreSQL server (postmaster) ";
    private static final Duration POSTMASTER_CHECK = Duration.ofSeconds(1);

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
        ProcessHandle postmaster = postgres.postmaster().orElseThrow(() -> new IllegalStateException(
                "PostgreSQL started but " + postgres.dataDir().resolve("postmaster.pid") + " names no running process"));
        AtomicBoolean stopping = new AtomicBoolean();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stopping.set(true);
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
                + " (trust authentication, any password) data=" + postgres.dataDir()
                + " postmaster=" + postmaster.pid());
        while (!stopped.await(POSTMASTER_CHECK.toMillis(), TimeUnit.MILLISECONDS)) {
            if (!postmaster.isAlive() && !stopping.get()) {
                // A launcher that outlived its server would keep reporting a database that is gone;
                // exiting lets whoever started it (./kubelite's supervisor) start both again.
                System.err.println(POSTMASTER_GONE + postmaster.pid() + " exited; stopping so that PostgreSQL is started again");
                System.exit(1);
            }
        }
    }
}
