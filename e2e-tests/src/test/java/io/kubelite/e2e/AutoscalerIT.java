package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notes' §12: a HorizontalPodAutoscaler made with {@code kubectl autoscale} scales a
 * Deployment on its pods' CPU use, measured by the node agents and served by autoscaler-service as
 * the metrics API that {@code kubectl top} reads.
 */
class AutoscalerIT {

    static final String NS = "hpa";
    static SuiteNamespace suite;
    static LocalCluster cluster;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        cluster = suite.cluster();
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    static int replicas() {
        String r = kubectl.run("get", "deployment", "burner", "-n", NS, "-o", "jsonpath={.spec.replicas}").stdout().trim();
        return r.isEmpty() ? -1 : Integer.parseInt(r);
    }

    @Test
    void aDeploymentScalesOutOnCpuAndBackWhenItsPodsIdle() {
        // Each pod burns what its limit allows, 200m: 200 % of its 100m request.
        suite.apply("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: burner}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: burner}}
                  template:
                    metadata: {labels: {app: burner}}
                    spec:
                      terminationGracePeriodSeconds: 1
                      containers:
                      - name: burn
                        image: IMAGE
                        command: ["sh", "-c", "while :; do :; done"]
                        resources:
                          requests: {cpu: 100m}
                          limits: {cpu: 200m}
                """);
        var autoscaled = kubectl.run("autoscale", "deployment", "burner", "-n", NS, "--cpu-percent=50", "--min=1", "--max=3");
        assertThat(autoscaled.code()).as(autoscaled.all()).isZero();
        assertThat(autoscaled.stdout()).contains("horizontalpodautoscaler.autoscaling/burner autoscaled");

        // kubectl top reads the metrics API once the agent has sampled the pod (a second after it started).
        await("kubectl top pods").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            var top = kubectl.run("top", "pods", "-n", NS);
            assertThat(top.code()).as(top.all()).isZero();
            assertThat(top.stdout()).containsPattern("burner-\\S+\\s+(1\\d\\d|2\\d\\d)m");
        });
        var nodes = kubectl.run("top", "nodes");
        assertThat(nodes.code()).as(nodes.all()).isZero();
        assertThat(nodes.stdout()).contains("node-1", "node-2").contains("CPU(cores)")
                .as("the machine's usage, as a kubelet reports its node's, not the few pods' sum")
                .containsPattern("node-1\\s+[1-9]\\d*m\\s+\\d+%\\s+[1-9]\\d*Mi\\s+\\d+%");

        await("scaled out to the maximum").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                .until(() -> replicas() == 3);
        await("the HPA shows its measurement").atMost(Duration.ofSeconds(45)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> assertThat(kubectl.run("get", "hpa", "burner", "-n", NS).stdout())
                        .containsPattern("burner\\s+Deployment/burner\\s+cpu: \\d+%/50%\\s+1\\s+3\\s+3"));
        assertThat(kubectl.run("describe", "hpa", "burner", "-n", NS).stdout())
                .contains("SuccessfulRescale", "New size: 3; reason: cpu resource utilization (percentage of request) above target");

        // Idle pods, and no stabilization window: back to the minimum.
        var patched = kubectl.run("patch", "hpa", "burner", "-n", NS, "--type=merge", "-p",
                "{\"spec\":{\"behavior\":{\"scaleDown\":{\"stabilizationWindowSeconds\":0}}}}");
        assertThat(patched.code()).as(patched.all()).isZero();
        var idle = kubectl.run("patch", "deployment", "burner", "-n", NS, "--type=json", "-p",
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/command\",\"value\":[\"sleep\",\"3600\"]}]");
        assertThat(idle.code()).as(idle.all()).isZero();
        await("scaled in to the minimum").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofSeconds(2))
                .until(() -> replicas() == 1);
        // The scaled-in pods are gone from kubectl top as soon as they are deleted, though their
        // last records are younger than the store's two minutes.
        await("kubectl top shows the remaining pod only").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2))
                .untilAsserted(() -> {
                    var top = kubectl.run("top", "pods", "-n", NS);
                    assertThat(top.code()).as(top.all()).isZero();
                    assertThat(top.stdout().lines().filter(l -> l.startsWith("burner-"))).hasSize(1);
                });
    }

    @Test
    void theMetricsApiAnswersLikeMetricsServer() {
        var missing = kubectl.run("get", "--raw", "/apis/metrics.k8s.io/v1beta1/namespaces/" + NS + "/pods/no-such-pod");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("podmetrics.metrics.k8s.io \"" + NS + "/no-such-pod\" not found");
        var bad = kubectl.run("get", "--raw", "/apis/metrics.k8s.io/v1beta1/pods?labelSelector=a%20in%20(");
        assertThat(bad.code()).isNotZero();
        assertThat(bad.stderr()).contains("unable to parse requirement");
        assertThat(kubectl.run("api-resources", "--api-group=metrics.k8s.io").stdout())
                .containsPattern("nodes\\s+metrics.k8s.io/v1beta1\\s+false\\s+NodeMetrics")
                .containsPattern("pods\\s+metrics.k8s.io/v1beta1\\s+true\\s+PodMetrics");
    }
}
