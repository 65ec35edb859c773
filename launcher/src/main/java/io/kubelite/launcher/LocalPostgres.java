package io.kubelite.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A PostgreSQL server run from zonky's bundled binaries, with its data directory kept between
 * runs and a {@value #DATABASE} database created on first start. Authentication is {@code trust}
 * for user {@value #USER} (zonky runs {@code initdb -A trust}), so any password is accepted.
 *
 * <p>{@link #close()} stops the postmaster ({@code pg_ctl stop -m fast}); zonky also registers a
 * shutdown hook that does the same, so SIGTERM to the JVM stops PostgreSQL too.
 */
final class LocalPostgres implements AutoCloseable {

    static final String DATABASE = "kubelite";
    static final String USER = "postgres";

    private final EmbeddedPostgres postgres;
    private final Path dataDir;
    private final int port;

    private LocalPostgres(EmbeddedPostgres postgres, Path dataDir, int port) {
        this.postgres = postgres;
        this.dataDir = dataDir;
        this.port = port;
    }

    static LocalPostgres start(Path dataDir, int port) throws IOException, SQLException {
        Files.createDirectories(dataDir);
        PostgresBinaries.removeIncompleteUnpacks(PostgresBinaries.workingDirectory(), Duration.ofSeconds(10));
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setPort(port)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // The embedded defaults trade durability for speed (fsync and synchronous_commit
                // off); a cluster's source of truth must survive a crash, so turn them back on.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on")
                .setServerConfig("full_page_writes", "on")
                .setPGStartupWait(Duration.ofSeconds(60))
                .start();
        LocalPostgres local = new LocalPostgres(postgres, dataDir, port);
        local.createDatabaseIfMissing();
        return local;
    }

    String jdbcUrl() {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
    }

    Path dataDir() {
        return dataDir;
    }

    /**
     * The postmaster's process, from the first line of {@code postmaster.pid} in the data
     * directory (PostgreSQL writes it at start and removes it at a clean stop); empty when the
     * file is missing or names no live process.
     */
    Optional<ProcessHandle> postmaster() {
        try {
            List<String> lines = Files.readAllLines(dataDir.resolve("postmaster.pid"));
            return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).strip()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private void createDatabaseIfMissing() throws SQLException {
        try (Connection c = postgres.getPostgresDatabase().getConnection();
             PreparedStatement exists = c.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, DATABASE);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = c.createStatement()) {
                create.execute("create database " + DATABASE);
            }
        }
    }

    @Override
    public void close() throws IOException {
        postgres.close();
    }
}
