package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Pods on the real Docker engine through the node agents, driven by kubectl: what the notes' pods
 * do (a web server, two containers on localhost, ConfigMaps as env and files, emptyDir), restart
 * policies and probes, logs, deletion, and an agent killed with SIGKILL and started again by its supervisor.
 * Pods name their node (spec.nodeName) so that these tests do not depend on the scheduler.
 */
class NodeAgentIT {

    static LocalCluster cluster;
    static Kubectl kubectl;
    static String image;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
        image = BusyboxImage.ensure();
        kubectl.awaitBothNodesReady();
    }

    /** The pods here live in the shared cluster's default namespace: leave it as the other suites expect it. */
    @AfterAll
    static void removeThePodsOfThisSuite() {
        List<String> pods = List.of("cm-missing", "cm-test-pod", "counter", "dapi", "doomed-pod", "exec-target", "exit0-onfailure", "farewell", "exit1-always",
                "exit1-never", "exit1-onfailure", "hooked", "initialized", "busy", "kata-pod", "myweb", "on-host", "no-image", "orphan", "probed", "redis-php", "rootless",
                "runc-pod", "secured", "shared", "survivor");
        List<String> args = new java.util.ArrayList<>(List.of("delete", "pod", "--ignore-not-found", "--grace-period=0",
                "--force", "--wait=false"));
        args.addAll(pods);
        kubectl.run(args.toArray(String[]::new));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pods", "-o", "name").stdout()).doesNotContain("pod/myweb", "pod/no-image"));
    }

    static void apply(String yaml) {
        var r = kubectl.runWithInput(yaml, "apply", "-f", "-");
        assertThat(r.code()).as(r.all()).isZero();
    }

    static String pod(String name, String node, String spec) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 2
                %s""".formatted(name, node, spec.indent(2)).replace("IMAGE", image);
    }

    static String row(String pod) {
        return kubectl.run("get", "pod", pod, "--no-headers").stdout();
    }

    static String logs(String... args) {
        return kubectl.run(concat("logs", args)).stdout();
    }

    static String[] concat(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    /** The Docker containers of one pod of this cluster's node, "name status" per line. */
    static List<String> dockerContainers(String pod, String node) {
        try {
            Process p = new ProcessBuilder("docker", "ps", "-a", "--filter", "label=io.kubernetes.pod.name=" + pod,
                    "--filter", "label=io.kubelite.node=" + node, "--filter", "label=io.kubernetes.pod.namespace=default",
                    "--format", "{{.ID}} {{.Label \"io.kubernetes.container.name\"}} {{.Status}}")
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(30, TimeUnit.SECONDS);
            return out.lines().filter(l -> !l.isBlank()).toList();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void initContainersRunInOrderBeforeTheAppContainerAndASidecarRunsBesideIt() {
        apply(pod("initialized", "node-2", """
                initContainers:
                - name: fetch
                  image: IMAGE
                  command: ["sh", "-c", "sleep 2; echo fetched > /work/data"]
                  volumeMounts: [{name: work, mountPath: /work}]
                - name: sidecar
                  image: IMAGE
                  restartPolicy: Always
                  command: ["sh", "-c", "echo sidecar-up; exec sleep 3600"]
                - name: check
                  image: IMAGE
                  command: ["sh", "-c", "cat /work/data && echo checked >> /work/data"]
                  volumeMounts: [{name: work, mountPath: /work}]
                containers:
                - name: app
                  image: IMAGE
                  command: ["sh", "-c", "cat /work/data; exec sleep 3600"]
                  volumeMounts: [{name: work, mountPath: /work}]
                volumes:
                - name: work
                  emptyDir: {}
                """));
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(row("initialized")).containsPattern("initialized\\s+0/2\\s+Init:0/3\\s+0"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(row("initialized")).containsPattern("initialized\\s+2/2\\s+Running\\s+0"));
        assertThat(logs("initialized", "-c", "check")).isEqualTo("fetched\n");
        assertThat(logs("initialized", "-c", "app")).isEqualTo("fetched\nchecked\n");
        assertThat(logs("initialized", "-c", "sidecar")).isEqualTo("sidecar-up\n");
        String yaml = kubectl.run("get", "pod", "initialized", "-o", "yaml").stdout();
        assertThat(yaml).contains("initContainerStatuses:").contains("reason: Completed");
        assertThat(kubectl.run("describe", "pod", "initialized").stdout()).contains("Init Containers:")
                .contains("Started container fetch");
        kubectl.run("delete", "pod", "initialized", "--wait=false");
    }

    @Test
    void aSecurityContextAndHostAliasesShapeTheContainerAndRunAsNonRootRefusesARootImage() {
        apply(pod("secured", "node-1", """
                hostAliases:
                - ip: 10.9.8.7
                  hostnames: [db.internal]
                securityContext:
                  runAsUser: 1000
                  runAsGroup: 3000
                  fsGroup: 2000
                containers:
                - name: app
                  image: IMAGE
                  command: ["sleep", "3600"]
                  securityContext:
                    readOnlyRootFilesystem: true
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [ALL]}
                """));
        apply(pod("rootless", "node-1", """
                securityContext:
                  runAsNonRoot: true
                containers:
                - name: app
                  image: IMAGE
                  command: ["sleep", "3600"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("secured")).containsPattern("secured\\s+1/1\\s+Running"));
        var id = kubectl.run("exec", "secured", "--", "id");
        assertThat(id.stdout()).as(id.all()).contains("uid=1000").contains("gid=3000").contains("2000");
        var write = kubectl.run("exec", "secured", "--", "touch", "/written");
        assertThat(write.code()).isNotZero();
        assertThat(write.all()).contains("Read-only file system");
        assertThat(kubectl.run("exec", "secured", "--", "cat", "/etc/hosts").stdout()).containsPattern("10.9.8.7\\s+db.internal");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("rootless")).containsPattern("rootless\\s+0/1\\s+CreateContainerConfigError"));
        assertThat(kubectl.run("describe", "pod", "rootless").stdout())
                .contains("container has runAsNonRoot and image will run as root");
        kubectl.run("delete", "pod", "secured", "rootless", "--wait=false");
    }

    @Test
    void startupProbesHoldReadinessAndLifecycleHooksRunAfterStartAndBeforeStop() throws Exception {
        java.nio.file.Path host = java.nio.file.Files.createTempDirectory("kubelite-hooks");
        host.toFile().setWritable(true, false);
        apply(pod("hooked", "node-2", """
                containers:
                - name: app
                  image: IMAGE
                  command: ["sh", "-c", "sleep 3; touch /tmp/up; exec sleep 3600"]
                  startupProbe:
                    exec: {command: ["test", "-f", "/tmp/up"]}
                    periodSeconds: 1
                    failureThreshold: 30
                  lifecycle:
                    postStart:
                      exec: {command: ["sh", "-c", "echo post-start > /tmp/hook"]}
                    preStop:
                      exec: {command: ["sh", "-c", "echo pre-stop > /host/stopped"]}
                  volumeMounts: [{name: host, mountPath: /host}]
                volumes:
                - name: host
                  hostPath: {path: HOST}
                """.replace("HOST", host.toString())));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(row("hooked")).containsPattern("hooked\\s+0/1\\s+Running"));
        assertThat(kubectl.run("get", "pod", "hooked", "-o", "jsonpath={.status.containerStatuses[0].started}").stdout())
                .as("not started before its startup probe succeeds").isEqualTo("false");
        assertThat(kubectl.run("exec", "hooked", "--", "cat", "/tmp/hook").stdout()).isEqualTo("post-start\n");
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(row("hooked")).containsPattern("hooked\\s+1/1\\s+Running"));
        assertThat(kubectl.run("get", "pod", "hooked", "-o", "jsonpath={.status.containerStatuses[0].started}").stdout())
                .isEqualTo("true");
        assertThat(kubectl.run("delete", "pod", "hooked", "--timeout=60s").code()).isZero();
        assertThat(java.nio.file.Files.readString(host.resolve("stopped"))).isEqualTo("pre-stop\n");
    }

    /** The notes' §29: with {@code hostNetwork: true} the pod's ports are the node's own. */
    @Test
    void aPodOnTheHostNetworkServesOnTheNodesAddress() throws Exception {
        apply(pod("on-host", "node-1", """
                hostNetwork: true
                containers:
                - name: web
                  image: IMAGE
                  command: ["sh", "-c", "mkdir -p /www && echo on-the-host > /www/index.html && exec httpd -f -p 28573 -h /www"]
                  ports:
                  - containerPort: 28573
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("on-host")).containsPattern("on-host\\s+1/1\\s+Running"));
        String ips = kubectl.run("get", "pod", "on-host", "-o", "jsonpath={.status.podIP} {.status.hostIP} "
                + "{.spec.containers[0].ports[0].hostPort}").stdout();
        assertThat(ips).isEqualTo("127.0.0.1 127.0.0.1 28573");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:28573/")).timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.body()).isEqualTo("on-the-host\n");
        });
        kubectl.run("delete", "pod", "on-host", "--wait=false");
    }

    @Test
    void theDownwardApiGivesResourcesAndLabelsAndAnActiveDeadlineEndsThePod() {
        apply(pod("dapi", "node-1", """
                activeDeadlineSeconds: 8
                containers:
                - name: client
                  image: IMAGE
                  command: ["sh", "-c", "echo mem=$MEM_LIMIT cpu=$CPU_REQUEST; cat /podinfo/labels; echo; exec sleep 3600"]
                  resources:
                    requests: {cpu: 250m}
                    limits: {memory: 64Mi}
                  env:
                  - name: MEM_LIMIT
                    valueFrom: {resourceFieldRef: {resource: limits.memory, divisor: 1Mi}}
                  - name: CPU_REQUEST
                    valueFrom: {resourceFieldRef: {resource: requests.cpu, divisor: 1m}}
                  volumeMounts: [{name: podinfo, mountPath: /podinfo}]
                volumes:
                - name: podinfo
                  downwardAPI:
                    items:
                    - path: labels
                      fieldRef: {fieldPath: metadata.labels}
                """).replace("metadata:\n  name: dapi", "metadata:\n  name: dapi\n  labels: {tier: backend}"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(logs("dapi")).isEqualTo("mem=64 cpu=250\ntier=\"backend\"\n"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "dapi", "-o", "jsonpath={.status.phase} {.status.reason}: {.status.message}")
                        .stdout()).isEqualTo("Failed DeadlineExceeded: Pod was active on the node longer than the specified deadline"));
        assertThat(row("dapi")).containsPattern("dapi\\s+0/1\\s+");
        kubectl.run("delete", "pod", "dapi", "--wait=false");
    }

    @Test
    void aFinishedContainerTellsWhyThroughItsTerminationLogOrItsLastLogLines() {
        apply(pod("farewell", "node-2", """
                restartPolicy: Never
                containers:
                - name: file
                  image: IMAGE
                  command: ["sh", "-c", "echo 'disk full' > /dev/termination-log; exit 1"]
                - name: logs
                  image: IMAGE
                  terminationMessagePolicy: FallbackToLogsOnError
                  command: ["sh", "-c", "echo starting; sleep 1; echo 'cannot reach db' >&2; exit 2"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "farewell", "-o", "jsonpath={.status.phase}").stdout()).isEqualTo("Failed"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(kubectl.run("get", "pod", "farewell", "-o",
                "jsonpath={range .status.containerStatuses[*]}{.name}={.state.terminated.message}|{end}").stdout())
                .isEqualTo("file=disk full\n|logs=starting\ncannot reach db\n|"));
        assertThat(kubectl.run("describe", "pod", "farewell").stdout()).contains("Message:").contains("disk full");
        kubectl.run("delete", "pod", "farewell", "--wait=false");
    }

    @Test
    void aDeletedNamespaceIsTerminatingUntilItsPodsHaveStoppedOnTheirNodes() {
        assertThat(kubectl.run("create", "namespace", "leaving").code()).isZero();
        var created = kubectl.runWithInput(pod("sleeper", "node-1", """
                containers:
                - name: sleeper
                  image: IMAGE
                  command: ["sleep", "3600"]
                """), "apply", "-n", "leaving", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        assertThat(kubectl.run("wait", "-n", "leaving", "--for=condition=Ready", "pod/sleeper", "--timeout=60s").code()).isZero();

        assertThat(kubectl.run("delete", "namespace", "leaving", "--wait=false").stdout()).contains("namespace \"leaving\" deleted");
        assertThat(kubectl.run("get", "namespace", "leaving").stdout()).containsPattern("leaving\\s+Terminating");
        assertThat(kubectl.run("get", "pod", "sleeper", "-n", "leaving").stdout()).containsPattern("sleeper\\s+\\S+\\s+Terminating");
        var refused = kubectl.run("create", "configmap", "late", "-n", "leaving");
        assertThat(refused.stderr()).contains("unable to create new content in namespace leaving because it is being terminated");
        var gone = kubectl.run("wait", "--for=delete", "namespace/leaving", "--timeout=60s");
        assertThat(gone.code()).as("the pod stops within its 2 s grace period, then the namespace goes: " + gone.all()).isZero();
    }

    @Test
    void aBusyboxWebServerPodRunsWithItsOwnIpAndBecomesReady() throws Exception {
        apply(pod("myweb", "node-1", """
                containers:
                - name: myweb
                  image: IMAGE
                  command: ["sh", "-c", "echo hello-from-myweb > /var/www/index.html && exec httpd -f -p 8080 -h /var/www"]
                  ports:
                  - containerPort: 8080
                  readinessProbe:
                    httpGet: {path: /, port: 8080}
                    periodSeconds: 1
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("myweb")).containsPattern("myweb\\s+1/1\\s+Running\\s+0"));
        String ip = kubectl.run("get", "pod", "myweb", "-o", "jsonpath={.status.podIP}").stdout().trim();
        assertThat(ip).matches("\\d+\\.\\d+\\.\\d+\\.\\d+");
        assertThat(kubectl.run("get", "pod", "myweb", "-o", "wide").stdout()).contains(ip).contains("node-1");
        HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://" + ip + ":8080/"))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(page.body()).isEqualTo("hello-from-myweb\n");
        String yaml = kubectl.run("get", "pod", "myweb", "-o", "yaml").stdout();
        assertThat(yaml).contains("containerID: docker://").contains("hostIP: 127.0.0.1").contains("qosClass: BestEffort")
                .contains("type: Ready");
        assertThat(kubectl.run("describe", "pod", "myweb").stdout()).contains("Started container myweb");
    }

    @Test
    void theContainersOfOnePodTalkOverLocalhost() {
        apply(pod("redis-php", "node-2", """
                containers:
                - name: frontend
                  image: IMAGE
                  command: ["sh", "-c", "while true; do wget -q -O - http://localhost:6379/ && sleep 1 || sleep 1; done"]
                - name: redis
                  image: IMAGE
                  command: ["sh", "-c", "echo PONG-from-redis-container > /tmp/index.html && exec httpd -f -p 6379 -h /tmp"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("redis-php")).containsPattern("2/2\\s+Running"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(logs("redis-php", "-c", "frontend")).contains("PONG-from-redis-container"));
        assertThat(dockerContainers("redis-php", "node-2")).hasSize(3);
    }

    @Test
    void environmentAndFilesComeFromConfigMaps() {
        var cms = kubectl.run("apply", "-f", cluster.home.resolve("examples/cm-appvars.yaml").toString(),
                "-f", cluster.home.resolve("examples/cm-appconfigfiles.yaml").toString());
        assertThat(cms.code()).as(cms.all()).isZero();
        apply(pod("cm-test-pod", "node-1", """
                restartPolicy: Never
                containers:
                - name: cm-test
                  image: IMAGE
                  command: ["/bin/sh", "-c", "env | grep APP; ls /configfiles; grep -c Server /configfiles/server.xml"]
                  env:
                  - name: APPLOGLEVEL
                    valueFrom: {configMapKeyRef: {name: cm-appvars, key: apploglevel}}
                  - name: APPDATADIR
                    valueFrom: {configMapKeyRef: {name: cm-appvars, key: appdatadir}}
                  volumeMounts:
                  - {name: serverxml, mountPath: /configfiles}
                volumes:
                - name: serverxml
                  configMap:
                    name: cm-appconfigfiles
                    items:
                    - {key: key-serverxml, path: server.xml}
                    - {key: key-loggingproperties, path: logging.properties}
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("cm-test-pod")).containsPattern("0/1\\s+Completed\\s+0"));
        assertThat(logs("cm-test-pod")).contains("APPLOGLEVEL=info").contains("APPDATADIR=/var/data")
                .contains("logging.properties\nserver.xml");
    }

    @Test
    void aMissingConfigMapKeyIsACreateContainerConfigError() {
        apply(pod("cm-missing", "node-1", """
                containers:
                - name: c
                  image: IMAGE
                  command: ["sleep", "3600"]
                  env:
                  - name: X
                    valueFrom: {configMapKeyRef: {name: no-such-configmap, key: k}}
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("cm-missing")).containsPattern("0/1\\s+CreateContainerConfigError"));
    }

    @Test
    void anEmptyDirIsSharedByThePodsContainers() {
        apply(pod("shared", "node-2", """
                containers:
                - name: writer
                  image: IMAGE
                  command: ["sh", "-c", "echo written-by-writer > /data/note; sleep 3600"]
                  volumeMounts: [{name: data, mountPath: /data}]
                - name: reader
                  image: IMAGE
                  command: ["sh", "-c", "while true; do cat /data/note 2>/dev/null; sleep 1; done"]
                  volumeMounts: [{name: data, mountPath: /data}]
                volumes:
                - name: data
                  emptyDir: {}
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(logs("shared", "-c", "reader")).contains("written-by-writer"));
    }

    @Test
    void aMissingImageIsErrImagePullThenImagePullBackOff() {
        apply(pod("no-image", "node-1", """
                containers:
                - name: c
                  image: kubelite/does-not-exist:1.0
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("no-image")).containsPattern("0/1\\s+(ErrImagePull|ImagePullBackOff)"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("no-image")).containsPattern("0/1\\s+ImagePullBackOff"));
        var logs = kubectl.run("logs", "no-image");
        assertThat(logs.code()).isNotZero();
        assertThat(logs.stderr()).containsPattern("container \"c\" in pod \"no-image\" is waiting to start: (ErrImagePull|ImagePullBackOff)");
    }

    /** The Docker runtime a container runs on ({@code docker inspect}'s HostConfig.Runtime). */
    static String dockerRuntime(String containerId) {
        try {
            Process p = new ProcessBuilder("docker", "inspect", "-f", "{{.HostConfig.Runtime}}", containerId)
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(30, TimeUnit.SECONDS);
            return out;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * examples/runtimeclass.yaml as it is (but for the test image): its pod, which the scheduler
     * places, runs with the class's overhead on Docker's runc; a class whose handler the engine
     * lacks leaves its pod creating with the kubelet's event; a missing class is refused by the API.
     */
    @Test
    void aRuntimeClassGivesItsPodsTheirOverheadAndTheirDockerRuntime() throws Exception {
        String example = Files.readString(cluster.home.resolve("examples/runtimeclass.yaml"))
                .replace("image: busybox", "image: " + image);
        try {
            apply(example);
            assertThat(kubectl.run("get", "runtimeclass", "runc").stdout()).containsPattern("NAME\\s+HANDLER\\s+AGE")
                    .containsPattern("runc\\s+runc\\s+");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(row("runc-pod")).containsPattern("runc-pod\\s+1/1\\s+Running"));
            assertThat(kubectl.run("get", "pod", "runc-pod", "-o", "jsonpath={.spec.overhead}").stdout())
                    .isEqualTo("{\"cpu\":\"50m\",\"memory\":\"16Mi\"}");
            String node = kubectl.run("get", "pod", "runc-pod", "-o", "jsonpath={.spec.nodeName}").stdout();
            List<String> containers = dockerContainers("runc-pod", node);
            assertThat(containers).as("the pause container and the app container").hasSize(2);
            for (String container : containers) {
                assertThat(dockerRuntime(container.split(" ")[0])).as(container).isEqualTo("runc");
            }

            apply("""
                    apiVersion: node.k8s.io/v1
                    kind: RuntimeClass
                    metadata:
                      name: kata
                    handler: kata
                    ---
                    """ + pod("kata-pod", "node-1", """
                    runtimeClassName: kata
                    containers:
                    - name: c
                      image: IMAGE
                      command: ["sleep", "3600"]
                    """));
            String noRuntime = "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to get sandbox runtime: "
                    + "no runtime for \"kata\" is configured";
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    kubectl.run("get", "events", "--field-selector", "involvedObject.name=kata-pod").stdout())
                    .contains("FailedCreatePodSandBox").contains(noRuntime));
            assertThat(row("kata-pod")).containsPattern("kata-pod\\s+0/1\\s+ContainerCreating");
            assertThat(kubectl.run("describe", "pod", "kata-pod").stdout()).containsPattern("Runtime Class Name:\\s+kata")
                    .contains("FailedCreatePodSandBox").contains(noRuntime);
            assertThat(dockerContainers("kata-pod", "node-1")).as("no container is made").isEmpty();

            var missing = kubectl.runWithInput(pod("classless", "node-1", """
                    runtimeClassName: no-such-class
                    containers:
                    - name: c
                      image: IMAGE
                    """), "apply", "-f", "-");
            assertThat(missing.code()).isNotZero();
            assertThat(missing.stderr()).contains("Error from server (Forbidden)")
                    .contains("pods \"classless\" is forbidden: pod rejected: RuntimeClass \"no-such-class\" not found");
            assertThat(kubectl.run("get", "pod", "classless").code()).isNotZero();
        } finally {
            kubectl.run("delete", "pod", "runc-pod", "kata-pod", "--ignore-not-found", "--grace-period=0", "--force",
                    "--wait=false");
            kubectl.run("delete", "runtimeclass", "runc", "kata", "--ignore-not-found");
        }
    }

    @Test
    void exitingContainersFollowTheirRestartPolicy() {
        for (String policy : List.of("Always", "OnFailure", "Never")) {
            apply(pod("exit1-" + policy.toLowerCase(), "node-2", """
                    restartPolicy: %s
                    containers:
                    - name: c
                      image: IMAGE
                      command: ["sh", "-c", "echo failing; exit 1"]
                    """.formatted(policy)));
        }
        apply(pod("exit0-onfailure", "node-2", """
                restartPolicy: OnFailure
                containers:
                - name: c
                  image: IMAGE
                  command: ["sh", "-c", "exit 0"]
                """));
        await().atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            assertThat(row("exit1-always")).containsPattern("0/1\\s+CrashLoopBackOff\\s+[1-9]");
            assertThat(row("exit1-onfailure")).containsPattern("0/1\\s+CrashLoopBackOff\\s+[1-9]");
            assertThat(row("exit1-never")).containsPattern("0/1\\s+Error\\s+0");
            assertThat(row("exit0-onfailure")).containsPattern("0/1\\s+Completed\\s+0");
        });
        assertThat(kubectl.run("get", "pod", "exit1-never", "-o", "jsonpath={.status.phase}").stdout()).isEqualTo("Failed");
        assertThat(kubectl.run("get", "pod", "exit1-always", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}")
                .stdout()).isEqualTo("1");
        assertThat(logs("exit1-always", "--previous")).contains("failing");
        assertThat(kubectl.run("describe", "pod", "exit1-always").stdout()).contains("Back-off restarting failed container c");
        // between its restarts the container is not there to exec into or attach to, and kubectl says so
        // (its SPDY retry of the refused WebSocket is told the same)
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            var exec = kubectl.run("exec", "exit1-always", "--", "ls");
            assertThat(exec.code()).as(exec.all()).isNotZero();
            assertThat(exec.stderr()).contains("container not found (\"c\")").doesNotContain("WebSocket");
            var attach = kubectl.run("attach", "exit1-always");
            assertThat(attach.code()).as(attach.all()).isNotZero();
            assertThat(attach.stderr()).contains("container not found (\"c\")").doesNotContain("WebSocket");
        });
    }

    @Test
    void aFailingLivenessProbeRestartsTheContainerAndReadinessFollowsItsProbe() {
        apply(pod("probed", "node-1", """
                containers:
                - name: c
                  image: IMAGE
                  command: ["sh", "-c", "touch /tmp/ready; sleep 6; rm /tmp/ready; sleep 3600"]
                  readinessProbe:
                    exec: {command: ["cat", "/tmp/ready"]}
                    periodSeconds: 1
                - name: doomed
                  image: IMAGE
                  command: ["sh", "-c", "trap 'exit 0' TERM; touch /tmp/alive; sleep 2; rm /tmp/alive; while true; do sleep 1; done"]
                  livenessProbe:
                    exec: {command: ["cat", "/tmp/alive"]}
                    periodSeconds: 1
                    failureThreshold: 2
                """));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "probed", "-o", "jsonpath={.status.containerStatuses[?(@.name==\"c\")].ready}")
                        .stdout()).isEqualTo("true"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "probed", "-o",
                        "jsonpath={.status.containerStatuses[?(@.name==\"doomed\")].restartCount}").stdout()).isNotIn("", "0"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "probed", "-o", "jsonpath={.status.containerStatuses[?(@.name==\"c\")].ready}")
                        .stdout()).isEqualTo("false"));
        String events = kubectl.run("describe", "pod", "probed").stdout();
        assertThat(events).contains("Container doomed failed liveness probe, will be restarted").contains("Unhealthy");
    }

    @Test
    void logsFollowTheContainersOutput() throws Exception {
        apply(pod("counter", "node-1", """
                containers:
                - name: c
                  image: IMAGE
                  command: ["sh", "-c", "i=0; while true; do echo line-$i; i=$((i+1)); sleep 1; done"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(logs("counter")).contains("line-2"));
        assertThat(logs("counter", "--tail=1").lines().count()).isEqualTo(1);
        try (var follow = kubectl.stream("logs", "-f", "counter")) {
            assertSeesALaterLine(follow, "counter", "line-", 3);
        }
    }

    /** kubectl exec over WebSocket: gateway → API server → the pod's node agent → docker exec. */
    @Test
    void execRunsCommandsInTheNamedContainerWithStdinAndTheirExitCodes() throws Exception {
        apply(pod("exec-target", "node-2", """
                containers:
                - name: main
                  image: IMAGE
                  command: ["sleep", "3600"]
                - name: side
                  image: IMAGE
                  command: ["sh", "-c", "echo side-container > /tmp/who; exec sleep 3600"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("exec-target")).containsPattern("2/2\\s+Running"));

        var streams = kubectl.run("exec", "exec-target", "-c", "main", "--", "sh", "-c", "echo to-out; echo to-err >&2");
        assertThat(streams.code()).as(streams.all()).isZero();
        assertThat(streams.stdout()).isEqualTo("to-out\n");
        assertThat(streams.stderr()).contains("to-err");

        assertThat(kubectl.run("exec", "exec-target", "-c", "side", "--", "cat", "/tmp/who").stdout())
                .isEqualTo("side-container\n");

        var failed = kubectl.run("exec", "exec-target", "-c", "main", "--", "sh", "-c", "exit 3");
        assertThat(failed.code()).isEqualTo(3);
        assertThat(failed.stderr()).contains("command terminated with exit code 3");

        String input = "line-1\nline-2\n".repeat(5000);
        var copied = kubectl.runWithInput(input, "exec", "-i", "exec-target", "-c", "main", "--", "sh", "-c",
                "cat > /tmp/input; wc -c < /tmp/input");
        assertThat(copied.code()).as(copied.all()).isZero();
        assertThat(copied.stdout().strip()).isEqualTo(Integer.toString(input.length()));
        assertThat(kubectl.runWithInput("", "exec", "-i", "exec-target", "-c", "main", "--", "md5sum", "/tmp/input")
                .stdout()).startsWith(md5(input));

        Path local = Files.createTempFile("cp-in", ".txt");
        Files.writeString(local, "copied-by-kubectl-cp\n");
        var cpIn = kubectl.run("cp", local.toString(), "exec-target:/tmp/cp-in.txt", "-c", "main");
        assertThat(cpIn.code()).as(cpIn.all()).isZero();
        assertThat(kubectl.run("exec", "exec-target", "-c", "main", "--", "cat", "/tmp/cp-in.txt").stdout())
                .isEqualTo("copied-by-kubectl-cp\n");
        Path back = Files.createTempFile("cp-out", ".txt");
        var cpOut = kubectl.run("cp", "exec-target:/tmp/cp-in.txt", back.toString(), "-c", "main");
        assertThat(cpOut.code()).as(cpOut.all()).isZero();
        assertThat(Files.readString(back)).isEqualTo("copied-by-kubectl-cp\n");

        var wrongContainer = kubectl.run("exec", "exec-target", "-c", "nope", "--", "ls");
        assertThat(wrongContainer.code()).isEqualTo(1);
        assertThat(wrongContainer.stderr()).contains("container nope is not valid for pod exec-target");

        var noSuchCommand = kubectl.run("exec", "exec-target", "-c", "main", "--", "no-such-command");
        assertThat(noSuchCommand.code()).isNotZero();
        assertThat(noSuchCommand.stdout() + noSuchCommand.stderr()).contains("no-such-command");
    }

    /**
     * {@code kubectl run -i --rm} and {@code kubectl attach}: the container keeps its stdin open
     * ({@code stdin: true}, as kubectl run -i sets it), the user's input reaches its own process, its
     * output and exit code come back, and the pod is removed after.
     */
    @Test
    void runInteractiveAndAttachJoinTheContainersOwnProcess() throws Exception {
        var run = kubectl.runWithInput("hello-attach\n", "run", "attach-once", "--image=" + image, "-i", "--rm",
                "--restart=Never", "--",
                "sh", "-c", "read line; echo got $line; echo to-err >&2; exit 4");
        assertThat(run.stdout()).as(run.all()).contains("got hello-attach");
        assertThat(run.stderr()).as(run.all()).contains("to-err").doesNotContain("falling back to streaming logs");
        assertThat(run.code()).as(run.all()).isEqualTo(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> kubectl.run("get", "pod", "attach-once").code() != 0);

        apply(pod("ticker", "node-2", """
                containers:
                - name: main
                  image: IMAGE
                  command: ["sh", "-c", "i=0; while true; do echo tick-$i; i=$((i+1)); sleep 1; done"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row("ticker")).containsPattern("1/1\\s+Running"));
        try (var attached = kubectl.stream("attach", "ticker")) {
            assertSeesALaterLine(attached, "ticker", "tick-", 2);
        }
        var missing = kubectl.run("attach", "no-such-pod");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("pods \"no-such-pod\" not found");
    }

    /**
     * {@code stream} shows the line {@code ahead} counts after the pod's last logged one: the pod
     * writes {@code prefix<n>} once a second, so the stream follows what the container writes now.
     */
    private void assertSeesALaterLine(Kubectl.Streaming stream, String pod, String prefix, int ahead)
            throws InterruptedException {
        String seen = kubectl.run("logs", pod, "--tail=1").stdout().trim();
        String next = prefix + (Integer.parseInt(seen.substring(prefix.length())) + ahead);
        assertThat(stream.await(next, 20)).isEqualTo(next);
    }

    static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theNodeProxyServesTheKubeletsHealthPodsSummaryAndMetrics() {
        apply(pod("busy", "node-2", """
                containers:
                - name: c
                  image: IMAGE
                  command: ["sh", "-c", "while true; do :; done"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(row("busy")).containsPattern("1/1\\s+Running"));
        String node = "/api/v1/nodes/node-2/proxy";
        // the agent samples its containers every 5 s; a rate needs two samples
        await("the pod's CPU rate in the summary").atMost(Duration.ofSeconds(40)).untilAsserted(() -> {
            JsonNode summary = JSON.readTree(raw(node + "/stats/summary"));
            assertThat(summary.path("node").path("nodeName").asString()).isEqualTo("node-2");
            assertThat(summary.path("node").path("cpu").path("usageCoreNanoSeconds").asLong()).isPositive();
            assertThat(summary.path("node").path("memory").path("workingSetBytes").asLong()).isPositive();
            JsonNode busy = null;
            for (JsonNode pod : summary.path("pods")) {
                if (pod.path("podRef").path("name").asString().equals("busy")) {
                    busy = pod;
                }
            }
            assertThat(busy).as("pod busy in " + summary).isNotNull();
            JsonNode c = busy.path("containers").get(0);
            assertThat(c.path("name").asString()).isEqualTo("c");
            assertThat(c.path("cpu").path("usageNanoCores").asLong()).as("a busy loop uses a tenth of a core at least")
                    .isGreaterThan(100_000_000L);
            assertThat(c.path("memory").path("workingSetBytes").asLong()).isPositive();
        });
        assertThat(raw(node + "/metrics/resource"))
                .containsPattern("(?m)^container_cpu_usage_seconds_total\\{container=\"c\",namespace=\"default\",pod=\"busy\"} [0-9.E]+ \\d{13}$")
                .containsPattern("(?m)^pod_memory_working_set_bytes\\{namespace=\"default\",pod=\"busy\"} [0-9.E]+ \\d{13}$")
                .contains("# TYPE node_cpu_usage_seconds_total counter");
        assertThat(raw(node + "/metrics/cadvisor")).containsPattern(
                "(?m)^container_memory_working_set_bytes\\{container=\"c\",id=\"[0-9a-f]+\",image=\"[^\"]+\",name=\"[^\"]+\","
                        + "namespace=\"default\",pod=\"busy\"}");
        assertThat(raw(node + "/metrics")).contains("kubelet_node_name{node=\"node-2\"} 1.0").contains("kubelet_running_pods ");
        assertThat(raw(node + "/healthz")).isEqualTo("ok");
        assertThat(raw(node + "/pods")).contains("\"kind\":\"PodList\"").contains("\"name\":\"busy\"");
        assertThat(raw(node + "/configz")).contains("\"kubeletconfig\"").contains("\"clusterDomain\":\"cluster.local\"");

        var unknownPath = kubectl.run("get", "--raw", node + "/nothing/here");
        assertThat(unknownPath.code()).isNotZero();
        assertThat(unknownPath.stderr()).contains("NotFound");
        var unknownNode = kubectl.run("get", "--raw", "/api/v1/nodes/nope/proxy/healthz");
        assertThat(unknownNode.code()).isNotZero();
        assertThat(unknownNode.stderr()).contains("nodes \"nope\" not found");
        var otherPort = kubectl.run("get", "--raw", "/api/v1/nodes/node-2:1/proxy/healthz");
        assertThat(otherPort.stderr()).contains("kubelite proxies to no other port of a node");
        var forbidden = kubectl.run("get", "--raw", node + "/healthz", "--as=system:serviceaccount:default:default");
        assertThat(forbidden.code()).isNotZero();
        assertThat(forbidden.stderr()).contains("cannot get resource \"nodes/proxy\"");
    }

    private static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder().build();

    private static String raw(String path) {
        var r = kubectl.run("get", "--raw", path);
        assertThat(r.code()).as(path + "\n" + r.all()).isZero();
        return r.stdout();
    }

    @Test
    void deletingAPodStopsAndRemovesItsContainers() {
        apply(pod("doomed-pod", "node-2", """
                containers:
                - name: c
                  image: IMAGE
                  command: ["sleep", "3600"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(row("doomed-pod")).containsPattern("1/1\\s+Running"));
        assertThat(dockerContainers("doomed-pod", "node-2")).hasSize(2);
        var deleted = kubectl.run("delete", "pod", "doomed-pod", "--timeout=60s");
        assertThat(deleted.code()).as(deleted.all()).isZero();
        assertThat(kubectl.run("get", "pod", "doomed-pod").stderr()).contains("NotFound");
        assertThat(dockerContainers("doomed-pod", "node-2")).isEmpty();
    }

    @Test
    void anAgentKilledAndRestartedAdoptsItsContainersWithoutRestartingThem() throws Exception {
        // tolerates the unreachable node for longer than the agent needs to come back
        apply(pod("survivor", "node-2", """
                tolerations:
                - {key: node.kubernetes.io/unreachable, operator: Exists, effect: NoExecute, tolerationSeconds: 600}
                - {key: node.kubernetes.io/not-ready, operator: Exists, effect: NoExecute, tolerationSeconds: 600}
                containers:
                - name: c
                  image: IMAGE
                  command: ["sleep", "3600"]
                """));
        apply(pod("orphan", "node-2", """
                containers:
                - name: c
                  image: IMAGE
                  command: ["sleep", "3600"]
                """));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(row("survivor")).containsPattern("1/1\\s+Running\\s+0");
            assertThat(row("orphan")).containsPattern("1/1\\s+Running\\s+0");
        });
        List<String> before = dockerContainers("survivor", "node-2");
        Path pidFile = cluster.state.resolve("pids/node-2.pid");
        long pid = Long.parseLong(Files.readString(pidFile).trim());
        new ProcessBuilder("kill", "-9", Long.toString(pid)).start().waitFor();
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        // while the agent is down (its supervisor starts it again after 1 s; it needs ~20 s to come
        // up) the pod is removed from the API: its containers become orphans
        var forced = kubectl.run("delete", "pod", "orphan", "--grace-period=0", "--force");
        assertThat(forced.code()).as(forced.all()).isZero();

        // ./kubelite's supervisor starts the agent again, as the same command
        String port = cluster.env.get("KUBELITE_NODE_2_PORT");
        await().atMost(Duration.ofSeconds(90)).ignoreExceptions().until(() -> HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()).body().contains("UP"));
        assertThat(Long.parseLong(Files.readString(pidFile).trim())).as("a new agent process").isNotEqualTo(pid);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(dockerContainers("orphan", "node-2")).isEmpty());
        assertThat(idsAndNames(dockerContainers("survivor", "node-2"))).isEqualTo(idsAndNames(before));
        assertThat(dockerContainers("survivor", "node-2")).allMatch(l -> l.contains(" Up "));
        assertThat(row("survivor")).containsPattern("1/1\\s+Running\\s+0");
    }

    /** "id name" of each container, sorted: what must not change when an agent adopts its containers. */
    private static List<String> idsAndNames(List<String> containers) {
        return containers.stream().map(l -> l.split(" ")[0] + " " + l.split(" ")[1]).sorted().toList();
    }
}
