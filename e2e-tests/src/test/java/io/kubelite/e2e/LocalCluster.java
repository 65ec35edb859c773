package io.kubelite.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The whole local cluster, started exactly as a user starts it ({@code ./kubelite up}), in its
 * own state directory and on its own ports so that it never touches a cluster the user runs.
 * One per test JVM; stopped ({@code ./kubelite down}) when the JVM exits.
 */
final class LocalCluster {

    private static LocalCluster instance;

    /** ClusterIPs of this cluster's own, so that a local cluster on the same machine keeps its addresses. */
    static final String SERVICE_CIDR = "10.98.0.0/16";
    static final String DNS_CLUSTER_IP = "10.98.0.10";

    final Path home;
    final Path state;
    final Map<String, String> env = new HashMap<>();

    private LocalCluster(Path home) {
        this.home = home;
        this.state = home.resolve("e2e-tests/target/e2e-cluster");
        env.put("KUBELITE_STATE_DIR", state.toString());
        env.put("KUBELITE_API_PORT", "16443");
        env.put("KUBELITE_OBJECT_STORE_PORT", "28081");
        env.put("KUBELITE_SCHEDULER_PORT", "28082");
        env.put("KUBELITE_REPLICATION_PORT", "28083");
        env.put("KUBELITE_AUTOSCALER_PORT", "28084");
        env.put("KUBELITE_DNS_PORT", "28085");
        env.put("KUBELITE_DNS_SERVER_PORT", "28053");
        env.put("KUBELITE_SERVICE_CIDR", SERVICE_CIDR);
        env.put("KUBELITE_DNS_CLUSTER_IP", DNS_CLUSTER_IP);
        env.put("KUBELITE_NODE_1_PORT", "28086");
        env.put("KUBELITE_NODE_2_PORT", "28087");
        env.put("KUBELITE_INGRESS_PORT", "28080");
        env.put("KUBELITE_INGRESS_HTTPS_PORT", "28443");
        env.put("KUBELITE_PG_PORT", "25432");
        env.put("KUBELITE_KAFKA_PORT", "29092");
        env.put("KUBELITE_KAFKA_CONTROLLER_PORT", "29093");
    }

    static synchronized LocalCluster get() {
        if (instance == null) {
            String home = System.getenv().getOrDefault("KUBELITE_HOME", Path.of("..").toAbsolutePath().normalize().toString());
            instance = new LocalCluster(Path.of(home));
            instance.up();
        }
        return instance;
    }

    /**
     * Stops the suite's cluster if a test started it; called when the test session closes
     * ({@link ClusterTeardown}), inside the test JVM's life rather than in a shutdown hook, which
     * the test runner gives 30 s before it kills the JVM — less than stopping a cluster with the
     * pods of a whole suite takes.
     */
    static synchronized void stopIfStarted() {
        if (instance != null) {
            instance.down();
            instance = null;
        }
    }

    Path kubeconfig() {
        return state.resolve("kubeconfig");
    }

    String apiUrl() {
        return "http://127.0.0.1:" + env.get("KUBELITE_API_PORT");
    }

    String adminToken() {
        try {
            for (String line : Files.readAllLines(state.resolve("tokens.csv"))) {
                if (line.contains(",admin,")) {
                    return line.substring(0, line.indexOf(','));
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("no tokens file in " + state, e);
        }
        throw new IllegalStateException("no admin token in " + state.resolve("tokens.csv"));
    }

    /** Starts from nothing: stops what an earlier, interrupted run may have left, and drops its data. */
    private void up() {
        run(List.of(home.resolve("kubelite").toString(), "down"), 120);
        deleteRecursively(state);
        Run r = run(List.of(home.resolve("kubelite").toString(), "up"), 900);
        if (r.code() != 0) {
            throw new IllegalStateException("./kubelite up failed (" + r.code() + "):\n" + r.output());
        }
    }

    /**
     * Stops the cluster and removes its pods' containers, which {@code ./kubelite down} keeps for the
     * next {@code up}; when {@code down} stopped the Docker engine too (this cluster had started it),
     * they are left to the next {@code up}, whose agents remove containers of pods they do not know.
     */
    private void down() {
        run(List.of(home.resolve("kubelite").toString(), "down"), 120);
        Run ids = run(List.of("docker", "ps", "-aq", "--filter", "label=io.kubelite.cluster=" + clusterId()), home, env, 60,
                false);
        if (ids.code() != 0) {
            return;
        }
        List<String> containers = ids.output().lines().map(String::strip).filter(l -> l.matches("[0-9a-f]{12,}")).toList();
        if (!containers.isEmpty()) {
            List<String> rm = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(containers);
            run(rm, 120);
        }
    }

    /**
     * The id this cluster's node agents label their containers with: the first 10 hex digits of
     * SHA-256 over the state directory's absolute path (NodeAgents.clusterId).
     */
    private String clusterId() {
        return clusterIdOf(state);
    }

    /** The cluster id of the node agents whose working (state) directory is {@code state}. */
    static String clusterIdOf(Path state) {
        try {
            byte[] digest = java.security.MessageDigest.getInstance("SHA-256").digest(
                    state.toAbsolutePath().normalize().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return java.util.HexFormat.of().formatHex(digest).substring(0, 10);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new IllegalStateException("could not clear " + dir, e);
        }
    }

    record Run(int code, String output) {
    }

    Run run(List<String> command, long timeoutSeconds) {
        return run(command, home, env, timeoutSeconds);
    }

    /** Runs {@code command} in {@code dir} with {@code env} added, output and exit code; -1 after the timeout. */
    static Run run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds) {
        return run(command, dir, env, timeoutSeconds, true);
    }

    /** The same, printing the output only when {@code echo}. */
    static Run run(List<String> command, Path dir, Map<String, String> env, long timeoutSeconds, boolean echo) {
        Path log = null;
        try {
            log = Files.createTempFile("kubelite-e2e", ".log");
            ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new Run(-1, Files.readString(log) + "\n(timed out after " + timeoutSeconds + " s)");
            }
            String out = Files.readString(log);
            if (echo) {
                System.out.println(out);
            }
            return new Run(p.exitValue(), out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            if (log != null) {
                log.toFile().delete();
            }
        }
    }
}
