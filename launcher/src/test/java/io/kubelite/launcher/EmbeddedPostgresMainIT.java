package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedPostgresMainIT {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    @Test
    void servesTheKubeliteDatabaseAndKeepsRowsAcrossRestarts() throws Exception {
        int port = LauncherProcess.freePort();
        Path data = dir.resolve("pg");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/kubelite";

        long postmasterPid;
        try (LauncherProcess first = startPostgres(data, port, "first.log")) {
            assertThat(first.awaitLine(EmbeddedPostgresMain.READY, START_TIMEOUT)).startsWith(url + " user=postgres");
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 Statement s = c.createStatement()) {
                assertThat(selectOne(s)).isEqualTo(1);
                assertThat(setting(s, "fsync")).as("commits reach the disk").isEqualTo("on");
                assertThat(setting(s, "synchronous_commit")).isEqualTo("on");
                s.execute("create table survivor (name text primary key)");
                s.execute("insert into survivor values ('kept across restarts')");
            }
            postmasterPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());

            assertThat(first.stop(Duration.ofSeconds(30))).as("exits on SIGTERM").isTrue();
            assertThat(first.output()).contains("kubelite-postgres stopped");
        }
        await("postmaster " + postmasterPid + " stops with the launcher").atMost(Duration.ofSeconds(10))
                .until(() -> ProcessHandle.of(postmasterPid).filter(ProcessHandle::isAlive).isEmpty());
        assertThat(data.resolve("postmaster.pid")).doesNotExist();

        try (LauncherProcess second = startPostgres(data, port, "second.log")) {
            second.awaitLine(EmbeddedPostgresMain.READY, START_TIMEOUT);
            assertThat(survivor(url, "any password")).isEqualTo("kept across restarts");
            assertThat(second.output()).as("the second start reuses the data directory").doesNotContain("initdb");
        }
    }

    @Test
    void exitsWithStatusOneWhenItsPostgresServerIsKilledAndTheNextStartServesTheSameData() throws Exception {
        int port = LauncherProcess.freePort();
        Path data = dir.resolve("pg");
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/kubelite";
        try (LauncherProcess launcher = startPostgres(data, port, "crashed.log")) {
            launcher.awaitLine(EmbeddedPostgresMain.READY, START_TIMEOUT);
            try (Connection c = DriverManager.getConnection(url, "postgres", "");
                 Statement s = c.createStatement()) {
                s.execute("create table survivor (name text primary key)");
                s.execute("insert into survivor values ('kept across a crash')");
            }
            long postmasterPid = Long.parseLong(Files.readAllLines(data.resolve("postmaster.pid")).get(0).strip());
            assertThat(launcher.output()).contains("postmaster=" + postmasterPid);

            new ProcessBuilder("kill", "-9", Long.toString(postmasterPid)).start().waitFor();

            assertThat(launcher.awaitExit(Duration.ofSeconds(15))).as("exit status once the server is gone").isEqualTo(1);
            assertThat(launcher.output()).contains(EmbeddedPostgresMain.POSTMASTER_GONE + postmasterPid + " exited");
        }
        // the server's backends notice their postmaster is gone and leave; then a new one can start
        try (LauncherProcess again = startPostgres(data, port, "again.log")) {
            again.awaitLine(EmbeddedPostgresMain.READY, START_TIMEOUT);
            assertThat(survivor(url, "")).isEqualTo("kept across a crash");
        }
    }

    @Test
    void rejectsAMissingPortWithUsage() throws Exception {
        try (LauncherProcess launcher = LauncherProcess.start(EmbeddedPostgresMain.class, dir.resolve("bad.log"),
                "--data-dir", dir.resolve("pg").toString())) {
            assertThat(launcher.awaitExit(Duration.ofSeconds(30))).isEqualTo(2);
            assertThat(launcher.output()).contains("EmbeddedPostgresMain: missing --port; expected");
        }
    }

    /** The one row of table {@code survivor}, read with any password (trust authentication). */
    private static String survivor(String url, String password) throws Exception {
        try (Connection c = DriverManager.getConnection(url, "postgres", password);
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select name from survivor")) {
            assertThat(rs.next()).as("a row in survivor").isTrue();
            return rs.getString(1);
        }
    }

    private LauncherProcess startPostgres(Path data, int port, String log) throws Exception {
        return LauncherProcess.start(EmbeddedPostgresMain.class, dir.resolve(log),
                "--data-dir", data.toString(), "--port", Integer.toString(port));
    }

    private static String setting(Statement s, String name) throws Exception {
        try (ResultSet rs = s.executeQuery("show " + name)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static int selectOne(Statement s) throws Exception {
        try (ResultSet rs = s.executeQuery("select 1")) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
