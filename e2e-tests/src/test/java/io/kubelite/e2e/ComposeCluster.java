package io.kubelite.e2e;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The cluster as containers, started as a user starts it: {@code ./kubelite images}, then
 * {@code docker compose up -d} with the repository's docker-compose.yml (the {@code docker-compose}
 * command where Docker has no compose plugin). Its own state directory, ports and ClusterIP range,
 * so it runs beside {@link LocalCluster} and a user's own cluster.
 */
final class ComposeCluster {

    static final String PROJECT = "kubelite-e2e";
    static final String SERVICE_CIDR = "10.97.0.0/16";

    final Path home;
    final Path state;
    final Map<String, String> env = new HashMap<>();
    /** {@code docker compose} or {@code docker-compose}, found once. */
    private List<String> composeCommand;

    ComposeCluster() {
        String root = System.getenv().getOrDefault("KUBELITE_HOME", Path.of("..").toAbsolutePath().normalize().toString());
        home = Path.of(root);
        state = home.resolve("e2e-tests/target/compose-cluster");
        env.put("KUBELITE_STATE_DIR", state.toString());
        env.put("KUBELITE_API_PORT", "17443");
        env.put("KUBELITE_OBJECT_STORE_PORT", "27081");
        env.put("KUBELITE_SCHEDULER_PORT", "27082");
        env.put("KUBELITE_REPLICATION_PORT", "27083");
        env.put("KUBELITE_AUTOSCALER_PORT", "27084");
        env.put("KUBELITE_DNS_PORT", "27085");
        env.put("KUBELITE_NODE_1_PORT", "27086");
        env.put("KUBELITE_INGRESS_PORT", "27080");
        env.put("KUBELITE_INGRESS_HTTPS_PORT", "27443");
        env.put("KUBELITE_NODE_2_PORT", "27087");
        env.put("KUBELITE_DNS_SERVER_PORT", "27053");
        env.put("KUBELITE_SERVICE_CIDR", SERVICE_CIDR);
        env.put("KUBELITE_DNS_CLUSTER_IP", "10.97.0.10");
        env.put("KUBELITE_PG_PORT", "27432");
        env.put("KUBELITE_KAFKA_PORT", "27092");
        env.put("KUBELITE_KAFKA_CONTROLLER_PORT", "27093");
    }

    Path kubeconfig() {
        return state.resolve("kubeconfig");
    }

    /** Builds the images and starts the containers on an empty state directory. */
    void up() {
        compose("down");
        LocalCluster.deleteRecursively(state);
        LocalCluster.Run images = run(List.of(home.resolve("kubelite").toString(), "images"), 900);
        if (images.code() != 0) {
            throw new IllegalStateException("./kubelite images failed (" + images.code() + "):\n" + images.output());
        }
        LocalCluster.Run up = compose("up", "-d");
        if (up.code() != 0) {
            throw new IllegalStateException("docker compose up -d failed (" + up.code() + "):\n" + up.output() + "\n" + logs());
        }
    }

    LocalCluster.Run compose(String... args) {
        List<String> command = new ArrayList<>(composeCommand());
        command.addAll(List.of("-p", PROJECT, "-f", home.resolve("docker-compose.yml").toString()));
        command.addAll(List.of(args));
        return run(command, 300);
    }

    String logs() {
        return compose("logs", "--tail", "30").output();
    }

    /**
     * Stops the containers, removes the pods' containers (left behind as by a stopped kubelet) and
     * the Services' addresses on lo ({@code ./kubelite down} with this state directory).
     */
    void down() {
        compose("down");
        LocalCluster.Run ids = run(List.of("docker", "ps", "-aq", "--filter", "label=io.kubelite.cluster="
                + LocalCluster.clusterIdOf(state)), 60);
        List<String> containers = ids.output().lines().map(String::strip).filter(l -> l.matches("[0-9a-f]{12,}")).toList();
        if (!containers.isEmpty()) {
            List<String> rm = new ArrayList<>(List.of("docker", "rm", "-f"));
            rm.addAll(containers);
            run(rm, 120);
        }
        run(List.of(home.resolve("kubelite").toString(), "down"), 120);
    }

    /** {@code docker compose} where the plugin is installed, otherwise the standalone {@code docker-compose}. */
    private List<String> composeCommand() {
        if (composeCommand == null) {
            LocalCluster.Run plugin = run(List.of("docker", "compose", "version"), 30);
            composeCommand = plugin.code() == 0 ? List.of("docker", "compose") : List.of("docker-compose");
        }
        return composeCommand;
    }

    LocalCluster.Run run(List<String> command, long timeoutSeconds) {
        return LocalCluster.run(command, home, env, timeoutSeconds);
    }
}
