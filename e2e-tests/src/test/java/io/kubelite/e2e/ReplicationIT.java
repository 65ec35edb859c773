package io.kubelite.e2e;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The replication controllers (ReplicationController, ReplicaSet, Deployment, garbage
 * collection) driven by the real kubectl against the cluster {@code ./kubelite up} starts.
 *
 * <p>Pods that must become Ready use a nodeSelector no node has, so neither the scheduler nor
 * a node agent touches them, and a {@link SimulatedKubelet} in this test marks them Running and
 * Ready through the status subresource (as a node agent would).
 */
class ReplicationIT {

    static LocalCluster cluster;
    static Kubectl kubectl;
    static KubernetesClient client;
    static SimulatedKubelet kubelet;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
        client = new KubernetesClientBuilder()
                .withConfig(Config.fromKubeconfig(Files.readString(cluster.kubeconfig()))).build();
        kubelet = new SimulatedKubelet(client);
        kubelet.start();
    }

    @AfterAll
    static void stop() {
        if (kubelet != null) {
            kubelet.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    static String example(String name) {
        return cluster.home.resolve("examples").resolve(name).toString();
    }

    static Kubectl.Result ok(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.code()).as(r.all()).isZero();
        return r;
    }

    /** Pods of {@code namespace} matching {@code selector}, leaving out those being deleted. */
    static List<Pod> livePods(String namespace, String selector) {
        return client.pods().inNamespace(namespace).withLabelSelector(selector).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static void namespace(String name) {
        kubectl.run("create", "namespace", name);
    }

    @Test
    void theNotesFrontendReplicationControllerKeepsItsPodsScalesAndReplacesDeletedOnes() {
        String ns = "repl-rc";
        namespace(ns);
        ok("-n", ns, "apply", "-f", example("frontend-rc.yaml"));
        await("one pod").atMost(Duration.ofSeconds(30)).until(() -> livePods(ns, "tier=frontend").size() == 1);
        Pod first = livePods(ns, "tier=frontend").get(0);
        assertThat(first.getMetadata().getName()).startsWith("frontend-");
        assertThat(first.getMetadata().getLabels()).containsEntry("app", "app-demo");
        assertThat(first.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("ReplicationController");
            assertThat(ref.getController()).isTrue();
        });

        ok("-n", ns, "scale", "rc", "frontend", "--replicas=3");
        await("three pods").atMost(Duration.ofSeconds(30)).until(() -> livePods(ns, "tier=frontend").size() == 3);
        await("rc status counts them").atMost(Duration.ofSeconds(30)).until(() ->
                kubectl.run("-n", ns, "get", "rc", "frontend", "-o", "jsonpath={.status.replicas}").stdout().equals("3"));

        ok("-n", ns, "delete", "pod", first.getMetadata().getName(), "--wait=false");
        await("the deleted pod is replaced").atMost(Duration.ofSeconds(30)).until(() -> {
            List<Pod> pods = livePods(ns, "tier=frontend");
            return pods.size() == 3 && pods.stream().noneMatch(p -> p.getMetadata().getName().equals(first.getMetadata().getName()));
        });

        ok("-n", ns, "scale", "rc", "frontend", "--replicas=0");
        await("no pods").atMost(Duration.ofSeconds(30)).until(() -> livePods(ns, "tier=frontend").isEmpty());
        await("the RC's events say what it did").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(ok("-n", ns, "describe", "rc", "frontend").stdout())
                        .containsPattern("Normal\\s+SuccessfulCreate\\s.*replication-controller\\s+Created pod: frontend-")
                        .containsPattern("Normal\\s+SuccessfulDelete\\s.*replication-controller\\s+Deleted pod: frontend-"));

        ok("-n", ns, "scale", "rc", "frontend", "--replicas=2");
        await("two pods").atMost(Duration.ofSeconds(30)).until(() -> livePods(ns, "tier=frontend").size() == 2);
        ok("-n", ns, "delete", "rc", "frontend", "--cascade=orphan");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> {
            List<Pod> pods = livePods(ns, "tier=frontend");
            return pods.size() == 2 && pods.stream().allMatch(p -> p.getMetadata().getOwnerReferences() == null
                    || p.getMetadata().getOwnerReferences().isEmpty());
        });

        ok("-n", ns, "apply", "-f", example("frontend-rc.yaml"));
        await("the new RC adopts one orphan and deletes the surplus one").atMost(Duration.ofSeconds(30)).until(() -> {
            List<Pod> pods = livePods(ns, "tier=frontend");
            return pods.size() == 1 && pods.get(0).getMetadata().getOwnerReferences() != null
                    && pods.get(0).getMetadata().getOwnerReferences().size() == 1;
        });

        ok("-n", ns, "delete", "rc", "frontend");
        await("the garbage collector deletes the pods of a deleted RC").atMost(Duration.ofSeconds(30))
                .until(() -> livePods(ns, "tier=frontend").isEmpty());
    }

    @Test
    void aReplicaSetAQuotaStopsSaysWhyInItsEvents() {
        String ns = "repl-quota";
        namespace(ns);
        ok("-n", ns, "create", "quota", "two-pods", "--hard=pods=1");
        ok("-n", ns, "create", "deployment", "web", "--image=busybox", "--replicas=2", "--", "sleep", "3600");
        await("one pod, and the refusal of the second in the ReplicaSet's events").atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> {
                    assertThat(livePods(ns, "app=web")).hasSize(1);
                    assertThat(ok("-n", ns, "describe", "rs").stdout())
                            .containsPattern("Normal\\s+SuccessfulCreate\\s.*replicaset-controller\\s+Created pod: web-")
                            .containsPattern("Warning\\s+FailedCreate\\s.*replicaset-controller\\s+Error creating: pods \"web-\\S+\" is "
                                    + "forbidden: exceeded quota: two-pods");
                });
    }

    /** A ConfigMap, Secret, Service and Role owned by {@code ownerKind/ownerName} (uid {@code uid}), as an operator makes them. */
    static String ownedObjects(String ns, String suffix, String ownerApiVersion, String ownerKind, String ownerName, String uid) {
        String owner = """
                  ownerReferences:
                  - {apiVersion: %s, kind: %s, name: %s, uid: %s}
                """.formatted(ownerApiVersion, ownerKind, ownerName, uid);
        return ("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: settings-%1$s
                  namespace: %2$s
                %3$sdata: {mode: fast}
                ---
                apiVersion: v1
                kind: Secret
                metadata:
                  name: token-%1$s
                  namespace: %2$s
                %3$sstringData: {token: s3cr3t}
                ---
                apiVersion: v1
                kind: Service
                metadata:
                  name: front-%1$s
                  namespace: %2$s
                %3$sspec:
                  selector: {app: front}
                  ports: [{port: 80}]
                ---
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata:
                  name: reader-%1$s
                  namespace: %2$s
                %3$srules: [{apiGroups: [""], resources: [configmaps], verbs: [get]}]
                """).formatted(suffix, ns, owner);
    }

    static boolean exists(String ns, String what) {
        return kubectl.run("-n", ns, "get", what, "-o", "name").code() == 0;
    }

    @Test
    void theGarbageCollectorTakesConfigMapsSecretsServicesAndRolesWithTheirOwner() {
        String ns = "repl-gc";
        namespace(ns);
        ok("-n", ns, "create", "deployment", "front", "--image=busybox", "--replicas=0");
        String uid = ok("-n", ns, "get", "deployment", "front", "-o", "jsonpath={.metadata.uid}").stdout();
        Kubectl.Result created = kubectl.runWithInput(ownedObjects(ns, "a", "apps/v1", "Deployment", "front", uid), "apply", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        // a second owner keeps the ConfigMap; the Secret is owned by the ConfigMap in turn
        String cmUid = ok("-n", ns, "get", "configmap", "settings-a", "-o", "jsonpath={.metadata.uid}").stdout();
        ok("-n", ns, "create", "serviceaccount", "keeper");
        String saUid = ok("-n", ns, "get", "serviceaccount", "keeper", "-o", "jsonpath={.metadata.uid}").stdout();
        ok("-n", ns, "patch", "configmap", "settings-a", "--type=merge", "-p",
                "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"name\":\"front\",\"uid\":\"%s\"},{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"name\":\"keeper\",\"uid\":\"%s\"}]}}"
                        .formatted(uid, saUid));
        ok("-n", ns, "create", "secret", "generic", "derived", "--from-literal=k=v");
        ok("-n", ns, "patch", "secret", "derived", "--type=merge", "-p",
                "{\"metadata\":{\"ownerReferences\":[{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"name\":\"settings-a\",\"uid\":\"%s\"}]}}"
                        .formatted(cmUid));

        ok("-n", ns, "delete", "deployment", "front");
        await("the Secret, Service and Role of the deleted Deployment are collected").atMost(Duration.ofSeconds(30))
                .until(() -> !exists(ns, "secret/token-a") && !exists(ns, "service/front-a") && !exists(ns, "role/reader-a"));
        assertThat(ok("-n", ns, "get", "configmap", "settings-a", "-o",
                "jsonpath={.metadata.ownerReferences[*].kind}").stdout())
                .as("the ConfigMap still has an owner, and loses only the reference to the gone one").isEqualTo("ServiceAccount");
        assertThat(exists(ns, "secret/derived")).isTrue();

        ok("-n", ns, "delete", "serviceaccount", "keeper");
        await("a chain of owners is collected link by link").atMost(Duration.ofSeconds(30))
                .until(() -> !exists(ns, "configmap/settings-a") && !exists(ns, "secret/derived"));
    }

    @Test
    void foregroundDeletionWaitsForAServiceAndOrphaningKeepsASecret() {
        String ns = "repl-gc-fg";
        namespace(ns);
        ok("-n", ns, "create", "deployment", "front", "--image=busybox", "--replicas=0");
        String uid = ok("-n", ns, "get", "deployment", "front", "-o", "jsonpath={.metadata.uid}").stdout();
        Kubectl.Result created = kubectl.runWithInput(ownedObjects(ns, "b", "apps/v1", "Deployment", "front", uid), "apply", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();

        ok("-n", ns, "delete", "deployment", "front", "--cascade=foreground");
        assertThat(exists(ns, "deployment/front")).as("foreground: the owner goes last").isFalse();
        assertThat(exists(ns, "service/front-b")).isFalse();
        assertThat(exists(ns, "secret/token-b")).isFalse();

        ok("-n", ns, "create", "deployment", "back", "--image=busybox", "--replicas=0");
        String backUid = ok("-n", ns, "get", "deployment", "back", "-o", "jsonpath={.metadata.uid}").stdout();
        created = kubectl.runWithInput(ownedObjects(ns, "c", "apps/v1", "Deployment", "back", backUid), "apply", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        ok("-n", ns, "delete", "deployment", "back", "--cascade=orphan");
        await("orphaned dependents lose their owner reference").atMost(Duration.ofSeconds(30)).until(() ->
                ok("-n", ns, "get", "secret", "token-c", "-o", "jsonpath={.metadata.ownerReferences}").stdout().isEmpty()
                        && ok("-n", ns, "get", "service", "front-c", "-o", "jsonpath={.metadata.ownerReferences}").stdout().isEmpty());
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .until(() -> exists(ns, "secret/token-c") && exists(ns, "role/reader-c") && exists(ns, "configmap/settings-c"));
    }

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
            spec:
              replicas: 4
              selector:
                matchLabels: {app: web}
              strategy:
                type: RollingUpdate
                rollingUpdate: {maxSurge: 1, maxUnavailable: 1}
              template:
                metadata:
                  labels: {app: web}
                spec:
                  nodeSelector: {kubelite.io/simulated: "true"}
                  containers:
                  - name: web
                    image: tomcat:8
            """;

    @Test
    void aDeploymentRollsOutWithinMaxUnavailableRollsBackPausesAndResumes() throws Exception {
        String ns = "repl-deploy";
        namespace(ns);
        Kubectl.Result applied = kubectl.runWithInput(WEB, "-n", ns, "apply", "-f", "-");
        assertThat(applied.code()).as(applied.all()).isZero();
        assertThat(ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=60s").stdout())
                .contains("deployment \"web\" successfully rolled out");
        assertThat(livePods(ns, "app=web")).hasSize(4);

        AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                int ready = (int) livePods(ns, "app=web").stream().filter(SimulatedKubelet::isReady).count();
                minReady.accumulateAndGet(ready, Math::min);
            }
        });
        sampler.start();
        try {
            ok("-n", ns, "set", "image", "deployment/web", "web=tomcat:9");
            assertThat(ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s").stdout())
                    .contains("successfully rolled out");
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(minReady.get()).as("ready pods during the rollout never below replicas - maxUnavailable = 3")
                .isGreaterThanOrEqualTo(3);
        assertThat(livePods(ns, "app=web")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("tomcat:9"));
        assertThat(ok("-n", ns, "rollout", "history", "deployment/web").stdout()).containsPattern("(?m)^1 ")
                .containsPattern("(?m)^2 ");

        ok("-n", ns, "rollout", "undo", "deployment/web");
        ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        assertThat(livePods(ns, "app=web")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("tomcat:8"));
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).as("undo reuses the first ReplicaSet")
                .hasSize(2);
        assertThat(ok("-n", ns, "rollout", "history", "deployment/web").stdout()).containsPattern("(?m)^2 ")
                .containsPattern("(?m)^3 ").doesNotContainPattern("(?m)^1 ");

        ok("-n", ns, "rollout", "pause", "deployment/web");
        ok("-n", ns, "set", "image", "deployment/web", "web=tomcat:10");
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() ->
                client.apps().replicaSets().inNamespace(ns).list().getItems().size() == 2);
        ok("-n", ns, "rollout", "resume", "deployment/web");
        ok("-n", ns, "rollout", "status", "deployment/web", "--timeout=90s");
        assertThat(livePods(ns, "app=web")).hasSize(4)
                .allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("tomcat:10"));

        ok("-n", ns, "scale", "deployment/web", "--replicas=2");
        await("scaled down").atMost(Duration.ofSeconds(30)).until(() -> livePods(ns, "app=web").size() == 2);

        // Foreground: the Deployment (deletionTimestamp + foregroundDeletion finalizer) outlives its
        // ReplicaSets; kubectl waits until it is gone, and by then they are too.
        ok("-n", ns, "delete", "deployment", "web", "--cascade=foreground", "--timeout=60s");
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).isEmpty();
        await("the pods of the deleted ReplicaSets are collected").atMost(Duration.ofSeconds(30))
                .until(() -> livePods(ns, "app=web").isEmpty());
    }

    static final String PI_JOB = """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: pi
            spec:
              completions: 3
              parallelism: 2
              template:
                spec:
                  nodeSelector: {kubelite.io/simulated: "true"}
                  restartPolicy: Never
                  containers:
                  - name: pi
                    image: busybox
            """;

    @Test
    void aJobRunsThreeCompletionsAndIsComplete() {
        String ns = "repl-job";
        namespace(ns);
        Kubectl.Result applied = kubectl.runWithInput(PI_JOB, "-n", ns, "apply", "-f", "-");
        assertThat(applied.code()).as(applied.all()).isZero();
        ok("-n", ns, "wait", "--for=condition=complete", "job/pi", "--timeout=60s");
        assertThat(ok("-n", ns, "get", "job", "pi", "-o", "jsonpath={.status.succeeded}/{.status.active}").stdout())
                .isEqualTo("3/0");
        assertThat(ok("-n", ns, "get", "job", "pi", "-o", "jsonpath={.status.completionTime}").stdout()).isNotBlank();
        assertThat(client.pods().inNamespace(ns).withLabel("job-name", "pi").list().getItems()).hasSize(3)
                .allSatisfy(p -> assertThat(p.getStatus().getPhase()).isEqualTo("Succeeded"));
        // the API server generated the Job's selector, so kubectl finds its pods and no others
        String uid = ok("-n", ns, "get", "job", "pi", "-o", "jsonpath={.metadata.uid}").stdout();
        assertThat(ok("-n", ns, "get", "job", "pi", "-o", "jsonpath={.spec.selector.matchLabels}").stdout())
                .isEqualTo("{\"batch.kubernetes.io/controller-uid\":\"" + uid + "\"}");
        // (these pods were never bound to a node — the test's kubelet runs them — so there is no log to read)
        Kubectl.Result logs = kubectl.run("-n", ns, "logs", "job/pi");
        assertThat(logs.stderr()).as(logs.all()).contains("Found 3 pods, using pod/pi-");
    }

    /**
     * A Job created suspended runs nothing until resumed; once finished, its
     * {@code ttlSecondsAfterFinished} has it deleted with its pods.
     */
    @Test
    void aSuspendedJobWaitsAndAFinishedOneGoesAfterItsTtl() {
        String ns = "repl-job-ttl";
        namespace(ns);
        String job = PI_JOB.replace("name: pi", "name: brief").replace("completions: 3", "completions: 1")
                .replace("parallelism: 2", "parallelism: 1\n  suspend: true\n  ttlSecondsAfterFinished: 3");
        Kubectl.Result applied = kubectl.runWithInput(job, "-n", ns, "apply", "-f", "-");
        assertThat(applied.code()).as(applied.all()).isZero();
        await("suspended").atMost(Duration.ofSeconds(30)).until(() ->
                ok("-n", ns, "get", "job", "brief", "--no-headers").stdout().contains("Suspended"));
        assertThat(client.pods().inNamespace(ns).list().getItems()).as("a suspended Job runs no pods").isEmpty();

        ok("-n", ns, "patch", "job", "brief", "--type=merge", "-p", "{\"spec\":{\"suspend\":false}}");
        ok("-n", ns, "wait", "--for=condition=complete", "job/brief", "--timeout=60s");
        assertThat(ok("-n", ns, "get", "job", "brief", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Suspended\")].reason}").stdout()).isEqualTo("JobResumed");
        await("deleted with its pods after its TTL").atMost(Duration.ofSeconds(60)).until(() ->
                client.batch().v1().jobs().inNamespace(ns).withName("brief").get() == null
                        && client.pods().inNamespace(ns).list().getItems().isEmpty());
    }

    /**
     * {@code kubectl create deployment} sends protobuf, where Go writes every non-pointer field
     * ({@code stdin: false}, {@code hostNetwork: false}); stored as Go's JSON would store them, the
     * template of a rollback equals the first ReplicaSet's, which is used again.
     */
    @Test
    void aDeploymentKubectlCreatedRollsBackToItsFirstReplicaSet() {
        String ns = "repl-created";
        namespace(ns);
        ok("-n", ns, "create", "deployment", "made", "--image=tomcat:8", "--replicas=0");
        ok("-n", ns, "rollout", "status", "deployment/made", "--timeout=60s");
        String yaml = ok("-n", ns, "get", "deployment", "made", "-o", "yaml").stdout();
        assertThat(yaml).doesNotContain("stdin:", "tty:", "hostNetwork:", "hostPID:", "generation: 0");
        ok("-n", ns, "set", "image", "deployment/made", "tomcat=tomcat:9");
        ok("-n", ns, "rollout", "status", "deployment/made", "--timeout=60s");
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).hasSize(2);

        ok("-n", ns, "rollout", "undo", "deployment/made");
        ok("-n", ns, "rollout", "status", "deployment/made", "--timeout=60s");
        assertThat(ok("-n", ns, "get", "deployment", "made", "-o", "jsonpath={.spec.template.spec.containers[0].image}")
                .stdout()).isEqualTo("tomcat:8");
        assertThat(client.apps().replicaSets().inNamespace(ns).list().getItems()).as("undo reuses the first ReplicaSet")
                .hasSize(2);
        assertThat(ok("-n", ns, "rollout", "history", "deployment/made").stdout()).containsPattern("(?m)^2 ")
                .containsPattern("(?m)^3 ").doesNotContainPattern("(?m)^1 ");
    }

    static final String AGENT_DS = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata:
              name: agent
            spec:
              selector:
                matchLabels: {app: agent}
              template:
                metadata:
                  labels: {app: agent}
                spec:
                  nodeSelector: {kubelite.io/simulated: "true"}
                  # the simulated nodes send no heartbeats, so the node lifecycle taints them unreachable
                  tolerations: [{operator: Exists}]
                  containers:
                  - name: agent
                    image: busybox
            """;

    static void simulatedNode(String name) {
        Kubectl.Result r = kubectl.runWithInput("""
                apiVersion: v1
                kind: Node
                metadata:
                  name: %s
                  labels: {kubelite.io/simulated: "true"}
                """.formatted(name), "apply", "-f", "-");
        assertThat(r.code()).as(r.all()).isZero();
    }

    @Test
    void aDaemonSetRunsOnePodPerMatchingNodeAndFollowsNodesJoiningAndLeaving() {
        String ns = "repl-ds";
        namespace(ns);
        simulatedNode("sim-node-1");
        Kubectl.Result applied = kubectl.runWithInput(AGENT_DS, "-n", ns, "apply", "-f", "-");
        assertThat(applied.code()).as(applied.all()).isZero();
        await("a pod on sim-node-1").atMost(Duration.ofSeconds(30)).until(() ->
                livePods(ns, "app=agent").stream().map(p -> p.getSpec().getNodeName()).toList().equals(List.of("sim-node-1")));

        simulatedNode("sim-node-2");
        await("a pod on the node that joined").atMost(Duration.ofSeconds(30)).until(() ->
                livePods(ns, "app=agent").stream().map(p -> p.getSpec().getNodeName()).sorted().toList()
                        .equals(List.of("sim-node-1", "sim-node-2")));
        await("status").atMost(Duration.ofSeconds(30)).until(() -> ok("-n", ns, "get", "ds", "agent", "-o",
                "jsonpath={.status.desiredNumberScheduled}/{.status.currentNumberScheduled}/{.status.numberReady}")
                .stdout().equals("2/2/2"));

        ok("delete", "node", "sim-node-1");
        await("the pod of the node that left is removed").atMost(Duration.ofSeconds(30)).until(() ->
                livePods(ns, "app=agent").stream().map(p -> p.getSpec().getNodeName()).toList().equals(List.of("sim-node-2")));
        ok("delete", "node", "sim-node-2");
    }

    @Test
    void aDaemonSetKeepsItsTemplatesForRolloutHistoryAndUndo() {
        String ns = "repl-ds-history";
        namespace(ns);
        simulatedNode("sim-node-h");
        Kubectl.Result applied = kubectl.runWithInput(AGENT_DS, "-n", ns, "apply", "-f", "-");
        assertThat(applied.code()).as(applied.all()).isZero();
        await("a pod of the first template").atMost(Duration.ofSeconds(30)).until(() -> images(ns).equals(List.of("busybox")));
        ok("-n", ns, "set", "image", "ds/agent", "agent=busybox:v2");
        await("replaced by the second template").atMost(Duration.ofSeconds(30)).until(() -> images(ns).equals(List.of("busybox:v2")));

        assertThat(ok("-n", ns, "rollout", "history", "ds/agent").stdout())
                .containsPattern("REVISION\\s+CHANGE-CAUSE\\n1\\s+<none>\\n2\\s+<none>");
        assertThat(ok("-n", ns, "rollout", "history", "ds/agent", "--revision=1").stdout())
                .contains("daemonset.apps/agent with revision #1").containsPattern("Image:\\s+busybox\\n");
        assertThat(ok("-n", ns, "get", "controllerrevisions").stdout())
                .containsPattern("agent-\\w+\\s+daemonset.apps/agent\\s+1\\s")
                .containsPattern("agent-\\w+\\s+daemonset.apps/agent\\s+2\\s");

        assertThat(ok("-n", ns, "rollout", "undo", "ds/agent").stdout()).contains("daemonset.apps/agent rolled back");
        await("back on the first template").atMost(Duration.ofSeconds(30)).until(() -> images(ns).equals(List.of("busybox")));
        await("the first template is the newest revision").atMost(Duration.ofSeconds(30)).until(() ->
                ok("-n", ns, "rollout", "history", "ds/agent").stdout().matches("(?s).*\\n2\\s+<none>\\n3\\s+<none>\\s*"));
        // kubectl compares the revision's data byte for byte with the live template's
        assertThat(ok("-n", ns, "rollout", "undo", "ds/agent", "--to-revision=3").stdout())
                .contains("daemonset.apps/agent skipped rollback (current template already matches revision 3)");
        Kubectl.Result missing = kubectl.run("-n", ns, "rollout", "undo", "ds/agent", "--to-revision=9");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("unable to find specified revision 9 in history");

        ok("-n", ns, "delete", "ds", "agent");
        await("the revisions go with their DaemonSet").atMost(Duration.ofSeconds(30)).until(() ->
                client.apps().controllerRevisions().inNamespace(ns).list().getItems().isEmpty());
        ok("delete", "node", "sim-node-h");
    }

    /** The images of the namespace's live pods, sorted. */
    static List<String> images(String ns) {
        return livePods(ns, "app=agent").stream().map(p -> p.getSpec().getContainers().get(0).getImage()).sorted().toList();
    }

    static String redisSlave(String name, String version, String image) {
        return """
                apiVersion: v1
                kind: ReplicationController
                metadata:
                  name: %s
                spec:
                  replicas: 3
                  selector: {name: redis-slave, version: %s}
                  template:
                    metadata:
                      labels: {name: redis-slave, version: %s}
                    spec:
                      nodeSelector: {kubelite.io/simulated: "true"}
                      containers:
                      - name: slave
                        image: %s
                """.formatted(name, version, version, image);
    }

    @Test
    void rollingUpdateReplacesAReplicationControllerPodByPodAndDeletesTheOldOne() throws Exception {
        String ns = "repl-rolling";
        namespace(ns);
        Kubectl.Result applied = kubectl.runWithInput(redisSlave("redis-slave", "v1", "redis:v1"), "-n", ns, "apply", "-f", "-");
        assertThat(applied.code()).as(applied.all()).isZero();
        await("three ready v1 pods").atMost(Duration.ofSeconds(30)).until(() ->
                livePods(ns, "version=v1").stream().filter(SimulatedKubelet::isReady).count() == 3);
        java.nio.file.Path v2 = Files.createTempFile("redis-slave-v2", ".yaml");
        Files.writeString(v2, redisSlave("redis-slave-v2", "v2", "redis:v2"));

        AtomicInteger minReady = new AtomicInteger(Integer.MAX_VALUE);
        AtomicInteger maxPods = new AtomicInteger();
        AtomicBoolean sampling = new AtomicBoolean(true);
        Thread sampler = new Thread(() -> {
            while (sampling.get()) {
                List<Pod> pods = livePods(ns, "name=redis-slave");
                minReady.accumulateAndGet((int) pods.stream().filter(SimulatedKubelet::isReady).count(), Math::min);
                maxPods.accumulateAndGet(pods.size(), Math::max);
            }
        });
        sampler.start();
        LocalCluster.Run run;
        try {
            run = cluster.run(List.of(cluster.home.resolve("kubelite").toString(), "rolling-update", "redis-slave",
                    "-f", v2.toString(), "-n", ns, "--timeout", "2m"), 180);
        } finally {
            sampling.set(false);
            sampler.join();
        }
        assertThat(run.code()).as(run.output()).isZero();
        assertThat(run.output()).contains("Created redis-slave-v2").contains("Scaling redis-slave-v2 up to 3")
                .contains("replicationcontroller/redis-slave rolling updated to \"redis-slave-v2\"");
        assertThat(minReady.get()).as("never fewer than 3 ready pods").isGreaterThanOrEqualTo(3);
        assertThat(maxPods.get()).as("never more than 3 + 1 pods").isLessThanOrEqualTo(4);
        assertThat(kubectl.run("-n", ns, "get", "rc", "redis-slave").code()).as("the old RC is gone").isNotZero();
        await("only v2 pods are left").atMost(Duration.ofSeconds(30)).until(() -> {
            List<Pod> pods = livePods(ns, "name=redis-slave");
            return pods.size() == 3 && pods.stream().allMatch(p -> p.getSpec().getContainers().get(0).getImage().equals("redis:v2"));
        });
    }

    /**
     * Plays the node agent for pods with nodeSelector {@code kubelite.io/simulated: "true"}: a pod
     * appears Running and Ready a moment after it is created; a Job's pod then Succeeds; a pod
     * being deleted gracefully is removed.
     */
    static final class SimulatedKubelet {

        private final KubernetesClient client;
        private final AtomicBoolean running = new AtomicBoolean();
        private Thread thread;

        SimulatedKubelet(KubernetesClient client) {
            this.client = client;
        }

        static boolean isReady(Pod pod) {
            return pod.getStatus() != null && pod.getStatus().getConditions() != null && pod.getStatus().getConditions()
                    .stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"));
        }

        void start() {
            running.set(true);
            thread = new Thread(this::run, "simulated-kubelet");
            thread.setDaemon(true);
            thread.start();
        }

        void stop() {
            running.set(false);
        }

        private void run() {
            while (running.get()) {
                try {
                    for (Pod pod : client.pods().inAnyNamespace().list().getItems()) {
                        Map<String, String> sel = pod.getSpec().getNodeSelector();
                        if (sel == null || !"true".equals(sel.get("kubelite.io/simulated"))) {
                            continue;
                        }
                        if (pod.getMetadata().getDeletionTimestamp() != null) {
                            // the containers "stopped": finish the graceful deletion as a node agent does
                            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                                    .withGracePeriod(0).delete();
                            continue;
                        }
                        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                        boolean job = pod.getMetadata().getLabels() != null && pod.getMetadata().getLabels().containsKey("job-name");
                        if (phase == null || phase.equals("Pending") || (phase.equals("Running") && !job && !isReady(pod))) {
                            setStatus(pod, "Running", true);
                        } else if (job && phase.equals("Running")) {
                            setStatus(pod, "Succeeded", false);
                        }
                    }
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    // the pod changed or went away meanwhile; the next round sees it again
                }
            }
        }

        private void setStatus(Pod pod, String phase, boolean ready) {
            String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            String patch = "{\"status\":{\"phase\":\"" + phase + "\",\"conditions\":[{\"type\":\"Ready\",\"status\":\""
                    + (ready ? "True" : "False") + "\",\"lastTransitionTime\":\"" + now + "\"}]}}";
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
    }
}
