package io.kubelite.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The peer the API is compared with: single-row {@code INSERT} + {@code COMMIT} (autocommit, one
 * statement per transaction) into {@code raw_writes} of a scratch database {@code kubelite_bench}
 * on the cluster's own PostgreSQL, with the same JSON body the API phases store. Every commit
 * waits for its WAL flush exactly as the object store's commits do.
 */
final class RawPostgres implements AutoCloseable {

    static final String DATABASE = "kubelite_bench";
    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost");

    private final String url;
    private final String user;
    private final Connection admin;

    private RawPostgres(String url, String user, Connection admin) {
        this.url = url;
        this.user = user;
        this.admin = admin;
    }

    /** Creates {@code kubelite_bench} if it is missing, and in it a fresh {@code raw_writes} table. */
    static RawPostgres prepare(String clusterUrl, String user) throws SQLException {
        if (!LOOPBACK.contains(JdbcUrls.host(clusterUrl))) {
            throw new IllegalArgumentException("the benchmark only writes to a PostgreSQL on 127.0.0.1 or localhost, not "
                    + clusterUrl);
        }
        try (Connection c = DriverManager.getConnection(clusterUrl, user, "");
             var rs = c.createStatement().executeQuery(
                     "SELECT 1 FROM pg_database WHERE datname = '" + DATABASE + "'")) {
            if (!rs.next()) {
                c.createStatement().execute("CREATE DATABASE " + DATABASE);
            }
        }
        String url = JdbcUrls.withDatabase(clusterUrl, DATABASE);
        Connection admin = DriverManager.getConnection(url, user, "");
        try (Statement s = admin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS raw_writes");
            s.execute("CREATE TABLE raw_writes (id bigserial PRIMARY KEY, name text, body jsonb)");
        }
        return new RawPostgres(url, user, admin);
    }

    /** PostgreSQL's version and the settings that decide what a commit costs. */
    String settings() throws SQLException {
        List<String> out = new ArrayList<>();
        for (String setting : List.of("server_version", "fsync", "synchronous_commit", "wal_sync_method")) {
            try (var rs = admin.createStatement().executeQuery("SHOW " + setting)) {
                rs.next();
                out.add(setting + "=" + rs.getString(1));
            }
        }
        return String.join(", ", out);
    }

    /** {@code connections} closed-loop writers, each on its own autocommit connection, for {@code duration}. */
    PhaseResult insert(String phase, int connections, Duration duration, String body) throws Exception {
        List<Connection> opened = new ArrayList<>();
        try {
            List<Write> writers = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                Connection c = DriverManager.getConnection(url, user, "");
                opened.add(c);
                c.setAutoCommit(true);
                PreparedStatement insert = c.prepareStatement("INSERT INTO raw_writes (name, body) VALUES (?, ?::jsonb)");
                String name = phase + "-" + i;
                writers.add(() -> {
                    insert.setString(1, name);
                    insert.setString(2, body);
                    insert.executeUpdate();
                });
            }
            var next = writers.iterator();
            return new ClosedLoopRunner().run(phase, connections, duration, next::next);
        } finally {
            for (Connection c : opened) {
                c.close();
            }
        }
    }

    /** Drops {@code raw_writes}; the empty scratch database stays for the next run. */
    @Override
    public void close() throws SQLException {
        try (admin; Statement s = admin.createStatement()) {
            s.execute("DROP TABLE IF EXISTS raw_writes");
        }
    }
}
