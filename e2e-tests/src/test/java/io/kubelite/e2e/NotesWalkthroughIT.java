package io.kubelite.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every part of the cluster together, as the notes use it: a ReplicationController's pods are
 * created by the replication service, placed by the scheduler, run as Docker containers by the
 * node agents, replaced when deleted, counted by the Service's Endpoints, and removed (or left,
 * with {@code --cascade=orphan}) with their controller. Only kubectl drives it.
 */
class NotesWalkthroughIT {

    static LocalCluster cluster;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.trim().split("\n")).filter(l -> !l.isBlank()).toList();
    }

    /** name, ready, status, ip, node of each pod with the label, from {@code get pods -o wide}. */
    private static List<String[]> pods(String selector) {
        var r = kubectl.run("get", "pods", "-l", selector, "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.status.phase} {.status.podIP} {.spec.nodeName} {.metadata.deletionTimestamp}{\"\\n\"}{end}");
        assertThat(r.code()).as(r.all()).isZero();
        return lines(r.stdout()).stream().map(l -> l.trim().split("\\s+")).toList();
    }

    private static long running(String selector) {
        return pods(selector).stream().filter(p -> p.length == 4 && p[1].equals("Running")).count();
    }

    @Test
    void aReplicationControllersPodsRunOnTheNodesAreReplacedScaledAndServed() {
        assertThat(kubectl.run("get", "nodes").stdout()).containsPattern("node-1\\s+Ready").containsPattern("node-2\\s+Ready");

        var applied = kubectl.run("apply", "-f", cluster.home.resolve("examples/webapp-rc.yaml").toString());
        assertThat(applied.code()).as(applied.all()).isZero();
        assertThat(kubectl.run("apply", "-f", cluster.home.resolve("examples/webapp-svc.yaml").toString()).code()).isZero();

        await("2 webapp pods Running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> running("app=webapp") == 2);
        List<String[]> pods = pods("app=webapp");
        assertThat(pods).allSatisfy(p -> {
            assertThat(p[2]).as("pod IP").matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
            assertThat(p[3]).as("node").isIn("node-1", "node-2");
        });
        assertThat(pods.stream().map(p -> p[3]).distinct().count()).as("spread over both nodes").isEqualTo(2);
        await("rc webapp READY 2").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("get", "rc", "webapp").stdout().matches("(?s).*webapp\\s+2\\s+2\\s+2\\s+.*"));

        // The Service's Endpoints list both pods on the target port.
        await("endpoints of webapp").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    String eps = kubectl.run("get", "endpoints", "webapp", "-o",
                            "jsonpath={.subsets[*].addresses[*].ip}").stdout().trim();
                    return eps.split("\\s+").length == 2 && pods.stream().allMatch(p -> eps.contains(p[2]));
                });
        assertThat(kubectl.run("get", "endpoints", "webapp").stdout()).contains(":8080");

        // The Service answers on its ClusterIP and port 8081 from inside a pod (node-1's proxy).
        String clusterIp = kubectl.run("get", "service", "webapp", "-o", "jsonpath={.spec.clusterIP}").stdout().trim();
        await("the ClusterIP held by this machine").atMost(Duration.ofSeconds(15)).until(() -> ServiceProxyIT.boundHere(clusterIp));
        await("webapp answering on its ClusterIP").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(kubectl.run("exec", pods.get(0)[0], "--", "wget", "-q", "-O", "-", "http://" + clusterIp + ":8081/")
                        .stdout()).contains("tomcat"));

        // A deleted pod is replaced.
        String victim = pods.get(0)[0];
        assertThat(kubectl.run("delete", "pod", victim).code()).isZero();
        await("a replacement Running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> running("app=webapp") == 2 && pods("app=webapp").stream().noneMatch(p -> p[0].equals(victim)));

        // Scale down and up.
        assertThat(kubectl.run("scale", "rc", "webapp", "--replicas=1").stdout()).contains("scaled");
        await("scaled to 1").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .until(() -> pods("app=webapp").size() == 1);
        assertThat(kubectl.run("scale", "rc", "webapp", "--replicas=3").code()).isZero();
        await("scaled to 3 Running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> running("app=webapp") == 3);

        // Deleting the controller removes its pods (Background cascade by the garbage collector).
        assertThat(kubectl.run("delete", "rc", "webapp").code()).isZero();
        await("pods gone with their controller").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> pods("app=webapp").isEmpty());
        assertThat(kubectl.run("delete", "svc", "webapp").code()).isZero();
        await("the Service's Endpoints go with it").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("get", "endpoints", "webapp").code() != 0);
    }

    @Test
    void deletingWithCascadeOrphanLeavesThePodsRunning() {
        var applied = kubectl.run("apply", "-f", cluster.home.resolve("examples/frontend-rc.yaml").toString());
        assertThat(applied.code()).as(applied.all()).isZero();
        await("frontend pod Running").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> running("tier=frontend") == 1);

        var deleted = kubectl.run("delete", "rc", "frontend", "--cascade=orphan");
        assertThat(deleted.code()).as(deleted.all()).isZero();
        await("rc gone").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .until(() -> kubectl.run("get", "rc", "frontend").code() != 0);
        assertThat(running("tier=frontend")).as("the orphaned pod keeps running").isEqualTo(1);
        String owners = kubectl.run("get", "pods", "-l", "tier=frontend", "-o",
                "jsonpath={.items[*].metadata.ownerReferences}").stdout().trim();
        assertThat(owners).as("its ownerReference is gone").isEmpty();

        assertThat(kubectl.run("delete", "rc", "frontend", "--ignore-not-found").code()).isZero();
        assertThat(kubectl.run("delete", "pods", "-l", "tier=frontend", "--wait=false").code()).isZero();
    }
}
