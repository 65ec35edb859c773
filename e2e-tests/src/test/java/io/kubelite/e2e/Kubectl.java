package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** The real, installed kubectl, pointed at the local cluster's kubeconfig with a private discovery cache. */
final class Kubectl {

    record Result(int code, String stdout, String stderr) {
        String all() {
            return stdout + stderr;
        }
    }

    private final Path kubeconfig;
    private final Path cacheDir;

    Kubectl(Path kubeconfig) {
        this.kubeconfig = kubeconfig;
        try {
            this.cacheDir = Files.createTempDirectory("kubectl-cache");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Waits (up to a minute) until {@code kubectl get nodes} shows both node agents' Nodes Ready. */
    void awaitBothNodesReady() {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(run("get", "nodes").stdout())
                        .containsPattern("node-1\\s+Ready").containsPattern("node-2\\s+Ready"));
    }

    Result run(String... args) {
        return runWithInput(null, args);
    }

    /**
     * Runs kubectl to completion, at most 60 s: its output goes to files (so a kubectl that never
     * ends cannot block the reader), and one still running after the limit is killed.
     */
    Result runWithInput(String stdin, String... args) {
        Path out = null;
        Path err = null;
        try {
            out = Files.createTempFile("kubectl-out", ".txt");
            err = Files.createTempFile("kubectl-err", ".txt");
            Process p = start(out, err, args);
            if (stdin != null) {
                p.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            p.getOutputStream().close();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                throw new IllegalStateException("kubectl " + String.join(" ", args) + " did not finish in 60 s; output so far:\n"
                        + Files.readString(out) + Files.readString(err));
            }
            Result r = new Result(p.exitValue(), Files.readString(out), Files.readString(err));
            System.out.println("$ kubectl " + String.join(" ", args) + "\n" + r.all());
            return r;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            deleteQuietly(out);
            deleteQuietly(err);
        }
    }

    private static void deleteQuietly(Path file) {
        if (file != null) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // a temp file left behind
            }
        }
    }

    /** A long-running kubectl (e.g. {@code get -w}) whose output lines (stdout and stderr) arrive in a queue. */
    final class Streaming implements AutoCloseable {
        final Process process;
        final BlockingQueue<String> lines = new LinkedBlockingQueue<>();

        Streaming(String... args) throws IOException {
            process = builder(args).redirectErrorStream(true).start();
            Thread reader = new Thread(() -> {
                try (var in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                    }
                } catch (IOException ignored) {
                    // process ended
                }
            });
            reader.setDaemon(true);
            reader.start();
        }

        /** Waits for a line containing {@code text}; returns it, or null after the timeout. */
        String await(String text, long seconds) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            while (System.nanoTime() < deadline) {
                String line = lines.poll(200, TimeUnit.MILLISECONDS);
                if (line != null && line.contains(text)) {
                    return line;
                }
            }
            return null;
        }

        @Override
        public void close() {
            process.destroy();
        }
    }

    Streaming stream(String... args) throws IOException {
        return new Streaming(args);
    }

    private Process start(String... args) throws IOException {
        return builder(args).start();
    }

    private Process start(Path out, Path err, String... args) throws IOException {
        return builder(args).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private ProcessBuilder builder(String... args) {
        List<String> command = new ArrayList<>();
        command.add("kubectl");
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("KUBECONFIG", kubeconfig.toString());
        pb.environment().put("KUBECACHEDIR", cacheDir.toString());
        return pb;
    }
}
