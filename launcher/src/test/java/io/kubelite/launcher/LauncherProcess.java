package io.kubelite.launcher;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One launcher main run as a child JVM, the way {@code ./kubelite up} runs it: same classpath,
 * output in a log file, readiness from its {@code ... ready: } line, stopped with SIGTERM.
 */
final class LauncherProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private LauncherProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static LauncherProcess start(Class<?> main, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .start();
        return new LauncherProcess(process, log);
    }

    /** Waits for the line that starts with {@code prefix} and returns what follows it. */
    String awaitLine(String prefix, Duration timeout) {
        return await("'" + prefix + "' in " + log)
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .failFast("the launcher exited early; see " + log, () -> !process.isAlive())
                .until(() -> lineStartingWith(prefix), Optional::isPresent)
                .orElseThrow();
    }

    /** Sends SIGTERM and waits for the JVM to exit; true when it exited in time. */
    boolean stop(Duration timeout) throws InterruptedException {
        process.destroy();
        return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits for the JVM to exit on its own and returns its exit code. */
    int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the launcher still runs after " + timeout.toSeconds() + " s; see " + log);
        }
        return process.exitValue();
    }

    String output() {
        try {
            return Files.readString(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Optional<String> lineStartingWith(String prefix) throws IOException {
        return Files.readAllLines(log).stream()
                .filter(line -> line.startsWith(prefix))
                .map(line -> line.substring(prefix.length()))
                .findFirst();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !stop(Duration.ofSeconds(30))) {
            process.destroyForcibly().waitFor();
        }
    }
}
