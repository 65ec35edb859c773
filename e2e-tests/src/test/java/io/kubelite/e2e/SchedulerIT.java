package io.kubelite.e2e;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The scheduler of the cluster {@code ./kubelite up} starts, driven with kubectl. The test registers
 * Nodes of its own through the API (capacity, Ready condition through the status subresource, a Lease
 * in kube-node-lease it renews like a node agent), tainted {@code kubelite.io/e2e-node=scheduler:NoSchedule}
 * so that only this test's pods (which tolerate it) land there, and removed at the end; its pods select
 * the nodes by label, so the node agents' own nodes never take them.
 */
class SchedulerIT {

    static final String NS = "scheduler-e2e";
    static LocalCluster cluster;
    static Kubectl kubectl;
    static KubernetesClient client;
    static final Set<String> renewing = ConcurrentHashMap.newKeySet();
    static ScheduledExecutorService heartbeats;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
        client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build();
        kubectl.run("create", "namespace", NS);
        kubectl.run("create", "namespace", "kube-node-lease");
        heartbeats = Executors.newSingleThreadScheduledExecutor();
        heartbeats.scheduleAtFixedRate(() -> renewing.forEach(SchedulerIT::renewLease), 0, 3, TimeUnit.SECONDS);
        registerNode("sched-small-a", "1", "2Gi");
        registerNode("sched-small-b", "1", "2Gi");
        registerNode("sched-big", "8", "16Gi");
    }

    @AfterAll
    static void cleanUp() {
        if (heartbeats != null) {
            heartbeats.shutdownNow();
        }
        if (kubectl != null) {
            kubectl.run("delete", "namespace", NS, "--wait=false");
            kubectl.run("delete", "nodes", "-l", "kubelite.io/e2e-node=scheduler", "--wait=false");
        }
        if (client != null) {
            client.close();
        }
    }

    @Test
    void placesAPodOnTheOnlyNodeItsRequestsFit() {
        apply(pod("fits-big", "4", "8Gi", ""));

        awaitNodeOf("fits-big", "sched-big");
        assertThat(kubectl.run("get", "pod", "fits-big", "-n", NS, "-o", "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].status}")
                .stdout()).isEqualTo("True");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(
                kubectl.run("get", "events", "-n", NS, "--field-selector", "involvedObject.name=fits-big,reason=Scheduled",
                        "-o", "jsonpath={.items[*].message}").stdout())
                .isEqualTo("Successfully assigned " + NS + "/fits-big to sched-big"));
    }

    @Test
    void avoidsACordonedNodeUntilItIsUncordoned() {
        registerNode("sched-cordon", "16", "4Gi");
        assertThat(kubectl.run("cordon", "sched-cordon").stdout()).contains("node/sched-cordon cordoned");

        apply(pod("needs-cordoned", "12", "1Gi", ""));

        awaitPendingWith("needs-cordoned", "node(s) were unschedulable");
        assertThat(message("needs-cordoned")).containsPattern("[1-9] node\\(s\\) were unschedulable")
                .contains("Insufficient cpu");
        assertThat(kubectl.run("uncordon", "sched-cordon").stdout()).contains("node/sched-cordon uncordoned");
        awaitNodeOf("needs-cordoned", "sched-cordon");
    }

    @Test
    void followsANodeSelectorOnceKubectlLabelsANode() {
        apply(pod("wants-ssd", "100m", "64Mi", "    disk: ssd\n"));

        awaitPendingWith("wants-ssd", "didn't match Pod's node affinity/selector");
        assertThat(kubectl.run("label", "nodes", "sched-small-b", "disk=ssd").stdout()).contains("node/sched-small-b labeled");
        awaitNodeOf("wants-ssd", "sched-small-b");
    }

    /** Required pod anti-affinity on the hostname: replicas on distinct nodes, the one too many Pending with kube's reason. */
    @Test
    void podAntiAffinityKeepsReplicasOnDistinctNodes() {
        String antiAffinity = """
                  affinity:
                    podAntiAffinity:
                      requiredDuringSchedulingIgnoredDuringExecution:
                      - topologyKey: kubernetes.io/hostname
                        labelSelector: {matchLabels: {app: apart}}
                """;
        // as many replicas as the test's nodes (other tests add some), then one more
        int pool = kubectl.run("get", "nodes", "-l", "e2e-pool=scheduler", "-o", "name").stdout().trim().split("\n").length;
        List<String> nodes = new java.util.ArrayList<>();
        for (int i = 1; i <= pool + 1; i++) {
            String name = "apart-" + i;
            apply(pod(name, "10m", "16Mi", antiAffinity).replace("  name: " + name + "\n",
                    "  name: " + name + "\n  labels: {app: apart}\n"));
            if (i <= pool) {
                await(name + " bound").atMost(Duration.ofSeconds(30)).until(() ->
                        !kubectl.run("get", "pod", name, "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout().isBlank());
                nodes.add(kubectl.run("get", "pod", name, "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout());
            }
        }
        assertThat(nodes).hasSize(pool).doesNotHaveDuplicates().allMatch(n -> n.startsWith("sched-"));
        awaitPendingWith("apart-" + (pool + 1), pool + " node(s) didn't match pod anti-affinity rules");
    }

    @Test
    void leavesATooBigPodPendingWithKubeSchedulersMessage() {
        apply(pod("too-big", "100m", "1000Gi", ""));

        awaitPendingWith("too-big", "Insufficient memory");
        String nodes = kubectl.run("get", "nodes", "-o", "name").stdout().trim();
        int nodeCount = nodes.split("\n").length;
        String message = message("too-big");
        assertThat(message).startsWith("0/" + nodeCount + " nodes are available: ").endsWith(".")
                .containsPattern("\\b[3-9] Insufficient memory");
        assertThat(kubectl.run("get", "pod", "too-big", "-n", NS, "-o",
                "jsonpath={.status.phase} {.status.conditions[?(@.type==\"PodScheduled\")].reason}").stdout())
                .isEqualTo("Pending Unschedulable");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kubectl.run("get", "events", "-n", NS,
                "--field-selector", "involvedObject.name=too-big,reason=FailedScheduling", "-o",
                "jsonpath={.items[0].type} {.items[0].message}").stdout()).isEqualTo("Warning " + message));
        assertThat(kubectl.run("describe", "pod", "too-big", "-n", NS).stdout()).contains("FailedScheduling")
                .contains("Insufficient memory");
        // kube-scheduler's metrics, as Prometheus scrapes them from the scheduler itself
        String metrics = schedulerMetrics();
        assertThat(metrics)
                .containsPattern("(?m)^scheduler_schedule_attempts_total\\{profile=\"default-scheduler\",result=\"unschedulable\"} [1-9]")
                .containsPattern("(?m)^scheduler_pending_pods\\{queue=\"unschedulable\"} [1-9]")
                .containsPattern("(?m)^scheduler_preemption_attempts_total [1-9]")
                .contains("scheduler_scheduling_attempt_duration_seconds_bucket{profile=\"default-scheduler\",result=\"unschedulable\",le=\"0.001\"}");
    }

    static String schedulerMetrics() {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://127.0.0.1:" + cluster.env.get("KUBELITE_SCHEDULER_PORT") + "/metrics")).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * kube-scheduler's preemption through PriorityClasses: a pod of higher priority that fits nowhere
     * has a lower-priority pod deleted (DisruptionTarget condition, Preempted event), waits nominated
     * to the node (NOMINATED NODE in {@code -o wide}) while its victim terminates, and is bound there
     * once the victim is gone; a pod of low priority cannot preempt it back.
     */
    @Test
    void aPodOfHigherPriorityPreemptsALowerOneAndTakesItsNode() {
        registerNode("sched-preempt", "2", "2Gi", "e2e-preempt: node");
        apply("""
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata:
                  name: e2e-batch
                value: 100
                ---
                apiVersion: scheduling.k8s.io/v1
                kind: PriorityClass
                metadata:
                  name: e2e-urgent
                value: 100000
                description: preempts e2e-batch
                """);
        try {
            apply(preemptingPod("batch", "1500m", "e2e-batch"));
            awaitNodeOf("batch", "sched-preempt");

            apply(preemptingPod("urgent", "1", "e2e-urgent"));
            String urgentUid = kubectl.run("get", "pod", "urgent", "-n", NS, "-o", "jsonpath={.metadata.uid}").stdout();
            await("batch preempted").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                    assertThat(kubectl.run("get", "pod", "batch", "-n", NS, "-o",
                            "jsonpath={.metadata.deletionTimestamp} {.status.conditions[?(@.type==\"DisruptionTarget\")].reason}")
                            .stdout()).matches("\\S+ PreemptionByScheduler"));
            assertThat(kubectl.run("get", "pod", "batch", "-n", NS, "-o",
                    "jsonpath={.status.conditions[?(@.type==\"DisruptionTarget\")].message}").stdout())
                    .isEqualTo("default-scheduler: preempting to accommodate a higher priority pod");
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kubectl.run("get", "events", "-n", NS,
                    "--field-selector", "involvedObject.name=batch,reason=Preempted", "-o", "jsonpath={.items[*].message}")
                    .stdout()).isEqualTo("Preempted by pod " + urgentUid + " on node sched-preempt"));
            // the victim (on a node without an agent) stays Terminating: the pod waits nominated to its node
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(kubectl.run("get", "pod", "urgent", "-n", NS,
                    "-o", "wide", "--no-headers").stdout()).containsPattern("urgent\\s+0/1\\s+Pending.*<none>\\s+<none>\\s+sched-preempt"));
            assertThat(kubectl.run("get", "pod", "urgent", "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout()).isEmpty();
            assertThat(message("urgent")).startsWith("0/").contains("Insufficient cpu");

            var gone = kubectl.run("delete", "pod", "batch", "-n", NS, "--grace-period=0", "--force");
            assertThat(gone.code()).as(gone.all()).isZero();
            awaitNodeOf("urgent", "sched-preempt");
            assertThat(kubectl.run("get", "pod", "urgent", "-n", NS, "-o", "jsonpath={.spec.priority}").stdout())
                    .isEqualTo("100000");

            apply(preemptingPod("late", "1500m", "e2e-batch"));
            awaitPendingWith("late", ". preemption: ");
            assertThat(message("late")).contains("1 Insufficient cpu");
            assertThat(message("late")).containsPattern("preemption: 0/\\d+ nodes are available: 1 No preemption victims found"
                    + " for incoming pod, \\d+ Preemption is not helpful for scheduling\\.$");
            assertThat(kubectl.run("get", "pod", "urgent", "-n", NS, "-o", "jsonpath={.metadata.deletionTimestamp}").stdout())
                    .isEmpty();
        } finally {
            kubectl.run("delete", "pod", "late", "urgent", "-n", NS, "--grace-period=0", "--force", "--ignore-not-found");
            kubectl.run("delete", "priorityclass", "e2e-batch", "e2e-urgent", "--ignore-not-found");
        }
    }

    /** A pod of {@code priorityClass} for the preemption test's node, with the default grace period. */
    static String preemptingPod(String name, String cpu, String priorityClass) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  priorityClassName: %s
                  nodeSelector:
                    e2e-preempt: node
                  tolerations:
                  - key: kubelite.io/e2e-node
                    operator: Exists
                  containers:
                  - name: app
                    image: kubelite/busybox:e2e
                    resources:
                      requests:
                        cpu: %s
                        memory: 64Mi
                """.formatted(name, NS, priorityClass, cpu);
    }

    @Test
    void replacesThePodsOfANodeWhoseLeaseExpires() {
        registerNode("sched-doomed", "2", "2Gi", "e2e-lifecycle: doomed");
        registerNode("sched-spare", "2", "2Gi", "e2e-lifecycle: spare");
        apply("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: survivor
                  namespace: %s
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: survivor
                  template:
                    metadata:
                      labels:
                        app: survivor
                    spec:
                      tolerations:
                      - key: kubelite.io/e2e-node
                        operator: Exists
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                            - matchExpressions:
                              - key: e2e-lifecycle
                                operator: Exists
                          preferredDuringSchedulingIgnoredDuringExecution:
                          - weight: 100
                            preference:
                              matchExpressions:
                              - key: e2e-lifecycle
                                operator: In
                                values: [doomed]
                      containers:
                      - name: app
                        image: kubelite/busybox:e2e
                        resources:
                          requests:
                            cpu: 500m
                            memory: 256Mi
                """.formatted(NS));
        String first = awaitPodOfReplicaSetOn("survivor", "sched-doomed");

        long stopped = System.nanoTime();
        renewing.remove("sched-doomed");
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                kubectl.run("get", "nodes", "sched-doomed", "--no-headers").stdout()).containsPattern("sched-doomed\\s+NotReady"));
        long notReadySeconds = (System.nanoTime() - stopped) / 1_000_000_000;
        assertThat(kubectl.run("get", "node", "sched-doomed", "-o", "jsonpath={.spec.taints[?(@.effect==\"NoExecute\")].key}")
                .stdout()).isEqualTo("node.kubernetes.io/unreachable");
        assertThat(kubectl.run("get", "node", "sched-doomed", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}").stdout()).isEqualTo("Unknown");

        String replacement = awaitPodOfReplicaSetOn("survivor", "sched-spare");
        long replacedSeconds = (System.nanoTime() - stopped) / 1_000_000_000;
        System.out.printf("lease stopped → NotReady after %d s, replacement bound after %d s%n", notReadySeconds, replacedSeconds);
        assertThat(replacement).isNotEqualTo(first);
        assertThat(kubectl.run("get", "pod", first, "-n", NS, "-o", "jsonpath={.metadata.deletionTimestamp}").all())
                .satisfiesAnyOf(out -> assertThat(out).contains("NotFound"), out -> assertThat(out).isNotBlank());
        assertThat(replacedSeconds).isLessThanOrEqualTo(45);

        renewing.add("sched-doomed");
        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertThat(
                kubectl.run("get", "node", "sched-doomed", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].status}"
                        + " {.spec.taints[*].key}").stdout()).isEqualTo("True kubelite.io/e2e-node"));
    }

    @Test
    void drainsANodeWithKubectlAndItsPodsMoveToAnother() {
        registerNode("sched-drain-a", "2", "2Gi", "e2e-drain: a");
        registerNode("sched-drain-b", "2", "2Gi", "e2e-drain: b");
        apply("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: drained
                  namespace: %s
                spec:
                  replicas: 2
                  selector:
                    matchLabels:
                      app: drained
                  template:
                    metadata:
                      labels:
                        app: drained
                    spec:
                      tolerations:
                      - key: kubelite.io/e2e-node
                        operator: Exists
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                            - matchExpressions:
                              - key: e2e-drain
                                operator: Exists
                      containers:
                      - name: app
                        image: kubelite/busybox:e2e
                        resources:
                          requests:
                            cpu: 100m
                            memory: 64Mi
                """.formatted(NS));
        String onA = awaitPodOfReplicaSetOn("drained", "sched-drain-a");
        awaitPodOfReplicaSetOn("drained", "sched-drain-b");

        var drain = kubectl.run("drain", "sched-drain-a", "--grace-period=0", "--timeout=60s");

        assertThat(drain.code()).as(drain.all()).isZero();
        assertThat(drain.all()).contains("node/sched-drain-a cordoned").contains("evicting pod " + NS + "/" + onA)
                .contains("node/sched-drain-a drained");
        assertThat(kubectl.run("get", "nodes", "sched-drain-a", "--no-headers").stdout())
                .containsPattern("sched-drain-a\\s+Ready,SchedulingDisabled");
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                kubectl.run("get", "pods", "-n", NS, "-l", "app=drained", "-o",
                        "jsonpath={range .items[*]}{.spec.nodeName}{\" \"}{end}").stdout().trim())
                .isEqualTo("sched-drain-b sched-drain-b"));
        assertThat(kubectl.run("uncordon", "sched-drain-a").stdout()).contains("node/sched-drain-a uncordoned");
    }

    /**
     * kube-controller-manager's pod garbage collector: the pods of a deleted Node are deleted (after
     * the 40 s quarantine and a check with the API), so their ReplicaSet replaces them elsewhere.
     */
    @Test
    void theReplicaSetPodOfADeletedNodeIsReplacedOnAnother() {
        registerNode("sched-gone", "2", "2Gi", "e2e-gone: a");
        apply("""
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata:
                  name: orphaned
                  namespace: %s
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: orphaned
                  template:
                    metadata:
                      labels:
                        app: orphaned
                    spec:
                      tolerations:
                      - key: kubelite.io/e2e-node
                        operator: Exists
                      affinity:
                        nodeAffinity:
                          requiredDuringSchedulingIgnoredDuringExecution:
                            nodeSelectorTerms:
                            - matchExpressions:
                              - key: e2e-gone
                                operator: Exists
                      containers:
                      - name: app
                        image: kubelite/busybox:e2e
                """.formatted(NS));
        String first = awaitPodOfReplicaSetOn("orphaned", "sched-gone");
        registerNode("sched-gone-next", "2", "2Gi", "e2e-gone: b");
        renewing.remove("sched-gone");
        var deleted = kubectl.run("delete", "node", "sched-gone");
        assertThat(deleted.code()).as(deleted.all()).isZero();

        String replacement = await("a replacement on the remaining node").atMost(Duration.ofSeconds(100))
                .pollInterval(Duration.ofSeconds(1)).until(() -> podOfReplicaSetOn("orphaned", "sched-gone-next"), name -> name != null);
        assertThat(replacement).isNotEqualTo(first);
        assertThat(kubectl.run("get", "pod", first, "-n", NS).all()).contains("NotFound");
    }

    /** Waits until the ReplicaSet has a live (not terminating) pod bound to {@code node}; returns its name. */
    static String awaitPodOfReplicaSetOn(String app, String node) {
        return await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(500))
                .until(() -> podOfReplicaSetOn(app, node), name -> name != null);
    }

    /** The ReplicaSet's live (not terminating) pod bound to {@code node}, or null. */
    static String podOfReplicaSetOn(String app, String node) {
        String out = kubectl.run("get", "pods", "-n", NS, "-l", "app=" + app, "-o",
                "jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.metadata.deletionTimestamp}{\"\\n\"}{end}").stdout();
        for (String line : lines(out)) {
            String[] f = line.trim().split(" ");
            if (f.length == 2 && f[1].equals(node)) {
                return f[0];
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ helpers

    static void registerNode(String name, String cpu, String memory) {
        registerNode(name, cpu, memory, "e2e-pool: scheduler");
    }

    static void registerNode(String name, String cpu, String memory, String label) {
        var created = kubectl.runWithInput("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: %s
                  labels:
                    %s
                    kubelite.io/e2e-node: scheduler
                    kubernetes.io/hostname: %s
                spec:
                  taints:
                  - key: kubelite.io/e2e-node
                    value: scheduler
                    effect: NoSchedule
                """.formatted(name, label, name), "apply", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        String now = ZonedDateTime.now().truncatedTo(ChronoUnit.SECONDS).toInstant().toString();
        var status = kubectl.run("patch", "node", name, "--subresource=status", "--type=merge", "-p", """
                {"status":{"capacity":{"cpu":"%s","memory":"%s","pods":"110"},
                 "allocatable":{"cpu":"%s","memory":"%s","pods":"110"},
                 "conditions":[{"type":"Ready","status":"True","reason":"KubeletReady","message":"e2e node",
                   "lastHeartbeatTime":"%s","lastTransitionTime":"%s"}]}}""".formatted(cpu, memory, cpu, memory, now, now));
        assertThat(status.code()).as(status.all()).isZero();
        renewLease(name);
        renewing.add(name);
    }

    static void renewLease(String node) {
        try {
            Lease existing = client.leases().inNamespace("kube-node-lease").withName(node).get();
            ZonedDateTime now = ZonedDateTime.now().truncatedTo(ChronoUnit.MICROS);
            if (existing == null) {
                client.leases().inNamespace("kube-node-lease").resource(new LeaseBuilder().withNewMetadata()
                        .withName(node).endMetadata().withNewSpec().withHolderIdentity(node).withLeaseDurationSeconds(40)
                        .withRenewTime(now).endSpec().build()).create();
            } else {
                existing.getSpec().setRenewTime(now);
                client.leases().inNamespace("kube-node-lease").resource(existing).update();
            }
        } catch (RuntimeException e) {
            System.out.println("lease renewal of " + node + " failed: " + e);
        }
    }

    /** A pod in the test namespace selecting the test's nodes (plus {@code extraSelector} lines). */
    static String pod(String name, String cpu, String memory, String extraSelector) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  namespace: %s
                spec:
                  nodeSelector:
                    e2e-pool: scheduler
                %s  tolerations:
                  - key: kubelite.io/e2e-node
                    operator: Exists
                  containers:
                  - name: app
                    image: kubelite/busybox:e2e
                    resources:
                      requests:
                        cpu: %s
                        memory: %s
                """.formatted(name, NS, extraSelector, cpu, memory);
    }

    static void apply(String manifest) {
        var r = kubectl.runWithInput(manifest, "apply", "-f", "-");
        assertThat(r.code()).as(r.all()).isZero();
    }

    static void awaitNodeOf(String pod, String node) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> assertThat(
                kubectl.run("get", "pod", pod, "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout()).isEqualTo(node));
    }

    static void awaitPendingWith(String pod, String text) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(message(pod)).contains(text));
        assertThat(kubectl.run("get", "pod", pod, "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout()).isEmpty();
    }

    static String message(String pod) {
        return kubectl.run("get", "pod", pod, "-n", NS, "-o",
                "jsonpath={.status.conditions[?(@.type==\"PodScheduled\")].message}").stdout();
    }

    static List<String> lines(String s) {
        return s.isBlank() ? List.of() : List.of(s.trim().split("\n"));
    }
}
