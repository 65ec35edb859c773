package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl drain} against a PodDisruptionBudget, with real node agents: while the budget
 * allows no disruption the drain waits with kube's message; once it allows one, the drain
 * evicts, the Deployment replaces the pod on the other node, and the drain completes.
 */
class DisruptionBudgetIT {

    static final String NS = "pdb";
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void cleanUp() {
        suite.delete();
    }

    static Kubectl.Result ok(String... args) {
        return suite.ok(args);
    }

    @Test
    void drainWaitsForTheBudgetAndEvictsWhenItAllows() {
        suite.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: web
                        image: IMAGE
                        command: ["sleep", "3600"]
                """);
        ok("-n", NS, "rollout", "status", "deployment/web", "--timeout=90s");
        ok("-n", NS, "create", "pdb", "web-pdb", "--selector=app=web", "--min-available=2");
        await("the budget's status").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(kubectl.run("-n", NS, "get", "pdb", "web-pdb", "-o",
                        "jsonpath={.status.currentHealthy}/{.status.desiredHealthy}/{.status.expectedPods}/{.status.disruptionsAllowed}")
                        .stdout()).isEqualTo("2/2/2/0"));
        assertThat(ok("-n", NS, "get", "pdb").stdout())
                .containsPattern("NAME\\s+MIN AVAILABLE\\s+MAX UNAVAILABLE\\s+ALLOWED DISRUPTIONS\\s+AGE\\n")
                .containsPattern("web-pdb\\s+2\\s+N/A\\s+0\\s+");
        String node = ok("-n", NS, "get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].spec.nodeName}").stdout();
        try {
            var blocked = kubectl.run("drain", node, "--pod-selector=app=web", "--ignore-daemonsets", "--timeout=8s");
            assertThat(blocked.code()).as(blocked.all()).isNotZero();
            assertThat(blocked.all()).contains("Cannot evict pod as it would violate the pod's disruption budget.");
            assertThat(ok("-n", NS, "get", "pods", "-l", "app=web", "-o", "name").stdout().lines()).hasSize(2);

            ok("-n", NS, "patch", "pdb", "web-pdb", "--type=merge", "-p", "{\"spec\":{\"minAvailable\":1}}");
            var drained = kubectl.run("drain", node, "--pod-selector=app=web", "--ignore-daemonsets", "--timeout=120s");
            assertThat(drained.code()).as(drained.all()).isZero();
            assertThat(drained.stdout()).contains("evicted").contains("node/" + node + " drained");
            await("two pods again, none on the drained node").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(kubectl.run("-n", NS, "get", "pods", "-l", "app=web", "-o",
                            "jsonpath={range .items[*]}{.spec.nodeName}{\" \"}{.status.phase}{\"\\n\"}{end}").stdout().lines()
                            .filter(l -> l.endsWith("Running")).toList())
                            .hasSize(2).noneMatch(l -> l.startsWith(node + " ")));
        } finally {
            kubectl.run("uncordon", node);
        }
    }
}
