package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The local cluster keeps itself running when its own processes die, as a node's kubelet keeps
 * its static control-plane pods running: every component {@code ./kubelite up} starts runs under
 * a supervisor that starts it again, and {@code ./kubelite status} counts the restarts. Here the
 * database server, the Kafka broker, the API server, two controllers and a node agent are all
 * killed with SIGKILL at once — the worst case, each coming back while the others are still
 * gone — and the cluster must come back by itself and go on replacing a Deployment's pods.
 */
class SupervisionIT {

    static final String NS = "supervision";
    static final List<String> KILLED = List.of("kafka", "object-store-service", "replication-service",
            "scheduler-service", "node-2");
    static final List<String> UNTOUCHED = List.of("api-gateway", "autoscaler-service", "dns-service", "node-1");
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void createTheNamespace() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    @Test
    void theControlPlaneKilledAllAtOnceComesBackByItselfAndGoesOnReplacingPods() throws Exception {
        suite.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: keeper}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: keeper}}
                  template:
                    metadata: {labels: {app: keeper}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: c
                        image: IMAGE
                        command: ["sleep", "3600"]
                """);
        await("two keeper pods Running").atMost(Duration.ofSeconds(90)).until(() -> runningKeepers().size() == 2);
        Set<String> before = runningKeepers();
        String restartsBefore = status().output();
        for (String name : UNTOUCHED) {
            assertThat(restartsBefore).as("%s has not restarted yet", name).containsPattern(row(name, "UP", "0"));
        }

        Path state = suite.cluster().state;
        long postmaster = Long.parseLong(Files.readAllLines(state.resolve("data/pg/postmaster.pid")).get(0).strip());
        List<String> kill = new java.util.ArrayList<>(List.of("kill", "-9", Long.toString(postmaster)));
        for (String name : KILLED) {
            kill.add(Files.readString(state.resolve("pids/" + name + ".pid")).strip());
        }
        assertThat(new ProcessBuilder(kill).inheritIO().start().waitFor()).as(String.join(" ", kill)).isZero();

        await("every component UP again (./kubelite status exits 0)").atMost(Duration.ofMinutes(3))
                .pollInterval(Duration.ofSeconds(2)).until(() -> status().code() == 0);
        String after = status().output();
        // a restart's reason is the last exit: SIGKILL, or an exit while what it needs was still down
        for (String name : KILLED) {
            assertThat(after).as(name).containsPattern(row(name, "UP", "[1-9]\\d* \\(\\S+ ago, (signal KILL|exit code \\d+)\\)"));
        }
        // the PostgreSQL launcher leaves when its server dies, so that both start again
        assertThat(after).containsPattern(row("postgres", "UP", "[1-9]\\d* \\(\\S+ ago, exit code 1\\)"));
        for (String name : UNTOUCHED) {
            assertThat(after).as("%s kept running", name).containsPattern(row(name, "UP", "0"));
        }
        assertThat(Files.readString(state.resolve("logs/kafka.log")))
                .containsPattern("--- kubelite: kafka \\(pid \\d+\\) stopped after \\d+ s with signal KILL; "
                        + "starting it again in 1 s \\(restart 1\\)")
                .contains("--- kubelite: starting kafka again (restart 1)");
        assertThat(Files.readString(state.resolve("logs/postgres.log")))
                .contains("kubelite-postgres: the PostgreSQL server (postmaster) " + postmaster + " exited");

        kubectl.awaitBothNodesReady();
        suite.ok("-n", NS, "delete", "pods", "-l", "app=keeper", "--wait=false");
        await("two new keeper pods Running").atMost(Duration.ofSeconds(120)).untilAsserted(() -> {
            Set<String> now = runningKeepers();
            assertThat(now).hasSize(2).doesNotContainAnyElementsOf(before);
        });
    }

    /** The status line of one component: name, pid, address, then HEALTH and RESTARTS as given. */
    private static String row(String name, String health, String restarts) {
        return "(?m)^" + name + "\\s+\\d+\\s+\\S+\\s+" + health + "\\s+" + restarts;
    }

    private static LocalCluster.Run status() {
        LocalCluster cluster = suite.cluster();
        return cluster.run(List.of(cluster.home.resolve("kubelite").toString(), "status"), 60);
    }

    private static Set<String> runningKeepers() {
        var r = kubectl.run("-n", NS, "get", "pods", "-l", "app=keeper", "--no-headers");
        return r.stdout().lines().filter(l -> l.matches("\\S+\\s+1/1\\s+Running\\s+.*"))
                .map(l -> l.split("\\s+")[0]).collect(Collectors.toSet());
    }
}
