package io.kubelite.e2e;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The foundation, driven only through the real kubectl against the cluster that
 * {@code ./kubelite up} starts: the notes' manifests and commands, and the bad inputs.
 */
class KubectlIT {

    static LocalCluster cluster;
    static Kubectl kubectl;
    static Path examples;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
        examples = cluster.home.resolve("examples");
    }

    static String example(String name) {
        return examples.resolve(name).toString();
    }

    @Test
    void reportsServerVersion132() {
        var r = kubectl.run("version");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.stdout()).contains("Server Version: v1.32");
    }

    /** {@code kubectl get cs}, as older guides have it: deprecated, still served, every component healthy. */
    @Test
    void componentStatusesShowTheSchedulerTheControllerManagerAndTheStore() {
        var r = kubectl.run("get", "cs");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.stderr()).contains("Warning: v1 ComponentStatus is deprecated in v1.19+");
        assertThat(r.stdout()).containsPattern("NAME\\s+STATUS\\s+MESSAGE\\s+ERROR\\n")
                .containsPattern("scheduler\\s+Healthy\\s+ok")
                .containsPattern("controller-manager\\s+Healthy\\s+ok")
                .containsPattern("etcd-0\\s+Healthy\\s+ok");
        assertThat(kubectl.run("get", "componentstatus", "etcd-0", "-o", "jsonpath={.conditions[0].status}").stdout())
                .isEqualTo("True");
        var missing = kubectl.run("get", "cs", "nosuch");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("componentstatuses \"nosuch\" not found");
    }

    /**
     * {@code kubectl get apiservices}: the group versions served here are Local, and the metrics API
     * behind {@code kubectl top} is Available because autoscaler-service answers; APIServices are
     * read only (kubelite aggregates no other API server).
     */
    @Test
    void apiServicesShowTheLocalGroupsAndTheMetricsApiAvailable() {
        var r = kubectl.run("get", "apiservices");
        assertThat(r.code()).as(r.all()).isZero();
        assertThat(r.stdout()).containsPattern("NAME\\s+SERVICE\\s+AVAILABLE\\s+AGE\\n")
                .containsPattern("(?m)^v1\\.\\s+Local\\s+True\\s+\\S+$")
                .containsPattern("(?m)^v1\\.apps\\s+Local\\s+True\\s+\\S+$")
                .containsPattern("(?m)^v1beta1\\.metrics\\.k8s\\.io\\s+kube-system/autoscaler-service\\s+True\\s+\\S+$");
        assertThat(kubectl.run("get", "apiservice", "v1beta1.metrics.k8s.io", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Available\")].reason}").stdout()).isEqualTo("Passed");
        assertThat(kubectl.run("api-resources", "--api-group=apiregistration.k8s.io", "--no-headers").stdout())
                .containsPattern("apiservices\\s+apiregistration.k8s.io/v1\\s+false\\s+APIService");

        var delete = kubectl.run("delete", "apiservice", "v1.apps");
        assertThat(delete.code()).isNotZero();
        assertThat(delete.stderr()).contains("MethodNotAllowed").contains("aggregates no other API server");
    }

    @Test
    void createsGetsLabelsAnnotatesDescribesAndDeletesThePod() {
        var created = kubectl.run("create", "-f", example("myweb-pod.yaml"));
        assertThat(created.code()).as(created.all()).isZero();
        assertThat(created.stdout()).contains("pod/myweb created");

        var again = kubectl.run("create", "-f", example("myweb-pod.yaml"));
        assertThat(again.code()).isNotZero();
        assertThat(again.stderr()).contains("AlreadyExists").contains("pods \"myweb\" already exists");

        var get = kubectl.run("get", "pods");
        assertThat(get.code()).as(get.all()).isZero();
        assertThat(get.stdout()).containsPattern("NAME\\s+READY\\s+STATUS\\s+RESTARTS\\s+AGE");
        // the scheduler and a node agent may already have it running
        assertThat(get.stdout()).containsPattern("myweb\\s+[01]/1\\s+(Pending|ContainerCreating|Running)\\s+0\\s+\\d+s");

        var wide = kubectl.run("get", "pods", "-o", "wide");
        assertThat(wide.stdout()).containsPattern("IP\\s+NODE");

        var yaml = kubectl.run("get", "pod", "myweb", "-o", "yaml");
        assertThat(yaml.stdout()).contains("name: myweb").contains("containerPort: 8080").contains("uid:");

        assertThat(kubectl.run("get", "pods", "-l", "name=myweb", "-o", "name").stdout().trim()).isEqualTo("pod/myweb");
        assertThat(kubectl.run("get", "pods", "-l", "name in (myweb,redis-php)", "-o", "name").stdout()).contains("pod/myweb");
        assertThat(kubectl.run("get", "pods", "-l", "name notin (myweb)", "-o", "name").stdout()).doesNotContain("pod/myweb");

        var label = kubectl.run("label", "pod", "myweb", "tier=web");
        assertThat(label.stdout()).contains("pod/myweb labeled");
        assertThat(kubectl.run("get", "pods", "-l", "tier=web", "-o", "name").stdout()).contains("pod/myweb");
        var annotate = kubectl.run("annotate", "pod", "myweb", "owner=team-a");
        assertThat(annotate.stdout()).contains("pod/myweb annotated");

        var describe = kubectl.run("describe", "pod", "myweb");
        assertThat(describe.code()).as(describe.all()).isZero();
        assertThat(describe.stdout()).containsPattern("Name:\\s+myweb").contains("owner: team-a")
                .contains("tier=web").contains("MYSQL_SERVICE_HOST");

        var delete = kubectl.run("delete", "pod", "myweb");
        assertThat(delete.code()).as(delete.all()).isZero();
        assertThat(delete.stdout()).contains("pod \"myweb\" deleted");
        var gone = kubectl.run("get", "pod", "myweb");
        assertThat(gone.stderr()).contains("NotFound");
    }

    @Test
    void appliesTwiceAndTheSecondIsUnchanged() {
        var first = kubectl.run("apply", "-f", example("frontend-rc.yaml"));
        assertThat(first.code()).as(first.all()).isZero();
        assertThat(first.stdout()).contains("replicationcontroller/frontend created");
        var second = kubectl.run("apply", "-f", example("frontend-rc.yaml"));
        assertThat(second.stdout()).contains("replicationcontroller/frontend unchanged");
        var rc = kubectl.run("get", "rc", "frontend");
        assertThat(rc.stdout()).containsPattern("NAME\\s+DESIRED\\s+CURRENT\\s+READY\\s+AGE");
        var scale = kubectl.run("scale", "rc", "frontend", "--replicas=3");
        assertThat(scale.stdout()).contains("replicationcontroller/frontend scaled");
        assertThat(kubectl.run("get", "rc", "frontend", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("3");
    }

    /**
     * The gateway is the one entry point: every other component (the API server, whose requests
     * carry no credentials behind the gateway, the controllers, the node agents with their exec
     * and log endpoints, PostgreSQL, Kafka, the DNS server) listens on loopback only, so a pod,
     * which reaches the host's other addresses through Docker's bridge, cannot go around it.
     * Read from the kernel's socket tables; no traffic is sent.
     */
    @Test
    void onlyTheGatewayListensBeyondLoopback() throws Exception {
        java.util.Map<Integer, java.util.Set<String>> listening = new java.util.HashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (!f[3].equals("0A")) {
                    continue; // not LISTEN
                }
                String[] local = f[1].split(":");
                String address = local[0];
                boolean loopback = address.equals("0100007F") || address.equals("00000000000000000000000001000000")
                        || address.equals("0000000000000000FFFF00000100007F");
                listening.computeIfAbsent(Integer.parseInt(local[1], 16), p -> new java.util.HashSet<>())
                        .add(loopback ? "loopback" : address);
            }
        }
        assertThat(listening.get(16443)).as("the gateway").isNotNull().anyMatch(a -> !a.equals("loopback"));
        for (int port : List.of(28081, 28082, 28083, 28084, 28085, 28086, 28087, 25432, 29092, 28053)) {
            assertThat(listening.get(port)).as("port %d", port).isNotNull().containsOnly("loopback");
        }
    }

    /**
     * Behind the gateway, the API server believes only the gateway (its front-proxy token), and the
     * node agents serve only the API server (its kubelet client token, of which they keep the
     * digest): a process of this machine that calls their ports directly, naming itself admin in
     * system:masters, gets 401 and nothing else. Health probes stay open, and kubectl, through the
     * gateway, still reaches a node agent's API.
     */
    @Test
    void theApiServerBelievesOnlyTheGatewayAndTheAgentsOnlyTheApiServer() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        record Answer(int code, String body) {
        }
        java.util.function.BiFunction<String, String[], Answer> call = (url, headers) -> {
            try {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create(url)).timeout(Duration.ofSeconds(10));
                for (int i = 0; i < headers.length; i += 2) {
                    request.header(headers[i], headers[i + 1]);
                }
                var r = http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
                return new Answer(r.statusCode(), r.body());
            } catch (Exception e) {
                throw new IllegalStateException(url, e);
            }
        };
        String[] posingAsAdmin = {"X-Remote-User", "admin", "X-Remote-Group", "system:masters"};
        String adminToken = cluster.adminToken();

        Answer secrets = call.apply("http://127.0.0.1:28081/api/v1/namespaces/kube-system/secrets", posingAsAdmin);
        assertThat(secrets.code()).as(secrets.body()).isEqualTo(401);
        assertThat(secrets.body()).contains("\"reason\":\"Unauthorized\"").doesNotContain("\"items\"");
        assertThat(call.apply("http://127.0.0.1:28081/api/v1/namespaces/kube-system/secrets",
                new String[] {"X-Front-Proxy-Token", adminToken, "X-Remote-User", "admin"}).code())
                .as("a user's token is not the gateway's").isEqualTo(401);
        assertThat(call.apply("http://127.0.0.1:28081/actuator/health", new String[0]).code()).isEqualTo(200);
        String frontProxy = Files.readString(cluster.state.resolve("tokens/front-proxy")).strip();
        assertThat(call.apply("http://127.0.0.1:28081/version", new String[] {"X-Front-Proxy-Token", frontProxy}).code())
                .as("the gateway's token is").isEqualTo(200);

        Answer logs = call.apply("http://127.0.0.1:28086/containerLogs/kube-system/any/any", new String[0]);
        assertThat(logs.code()).as(logs.body()).isEqualTo(401);
        assertThat(logs.body()).contains("this node agent serves the API server only");
        assertThat(call.apply("http://127.0.0.1:28087/nodeProxy/node-2/pods",
                new String[] {"Authorization", "Bearer " + adminToken}).code()).isEqualTo(401);
        assertThat(call.apply("http://127.0.0.1:28086/exec/default/web/web?command=id&output=1",
                new String[] {"Authorization", "Bearer " + frontProxy}).code()).isEqualTo(401);
        assertThat(call.apply("http://127.0.0.1:28086/actuator/health", new String[0]).code()).isEqualTo(200);
        assertThat(Files.readString(cluster.state.resolve("tokens/kubelet-client.sha256")))
                .as("the agents' file holds the digest, not the token")
                .doesNotContain(Files.readString(cluster.state.resolve("tokens/kubelet-client")).strip());

        var healthz = kubectl.run("get", "--raw", "/api/v1/nodes/node-1/proxy/healthz");
        assertThat(healthz.code()).as(healthz.all()).isZero();
        assertThat(healthz.stdout().strip()).isEqualTo("ok");
    }

    /**
     * Without credentials the gateway opens its public paths only, as kube-apiserver's anonymous
     * user (which the API server's RBAC lets read the version and the OpenAPI documents Swagger UI
     * shows, not discovery); a token that fails is refused there too.
     */
    @Test
    void withoutCredentialsOnlyThePublicPathsAnswerAndABadTokenNowhere() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newBuilder().sslContext(AnyCertificate.context()).build();
        java.util.function.BiFunction<String, String, java.net.http.HttpResponse<String>> get = (path, token) -> {
            try {
                var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:16443" + path));
                if (token != null) {
                    request.header("Authorization", "Bearer " + token);
                }
                return http.send(request.build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            } catch (Exception e) {
                throw new IllegalStateException(path, e);
            }
        };
        assertThat(get.apply("/version", null).body()).contains("\"minor\":\"32\"");
        var docs = get.apply("/openapi/v3/api/v1", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("io.k8s.api.core.v1.Pod");
        assertThat(get.apply("/apis", null).statusCode()).isEqualTo(401);
        assertThat(get.apply("/api/v1/namespaces/kube-system/secrets", null).statusCode()).isEqualTo(401);
        var badToken = get.apply("/version", "not-a-token");
        assertThat(badToken.statusCode()).isEqualTo(401);
        assertThat(badToken.body()).contains("\"reason\":\"Unauthorized\"");
    }

    /** The controllers' work queues, scraped in the Prometheus format under kube-controller-manager's names. */
    @Test
    void theControllersWorkQueuesAreScrapedAsKubeControllerManagersAre() throws Exception {
        java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
        java.util.function.Function<Integer, String> scrape = port -> {
            try {
                var r = http.send(java.net.http.HttpRequest.newBuilder(
                                java.net.URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
                assertThat(r.statusCode()).as("port %d: %s", port, r.body()).isEqualTo(200);
                return r.body();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };

        String replication = scrape.apply(28083);
        // every namespace passed the service account controller's queue at least once
        var adds = java.util.regex.Pattern.compile("(?m)^workqueue_adds_total\\{name=\"serviceaccount\"\\} (\\S+)$")
                .matcher(replication);
        assertThat(adds.find()).as(replication).isTrue();
        assertThat(Double.parseDouble(adds.group(1))).isGreaterThanOrEqualTo(2);
        assertThat(replication).contains("# TYPE workqueue_depth gauge", "# TYPE workqueue_queue_duration_seconds histogram",
                "workqueue_queue_duration_seconds_bucket{name=\"serviceaccount\",le=\"1.0E-8\"}",
                "workqueue_work_duration_seconds_bucket{name=\"serviceaccount\",le=\"10.0\"}",
                "workqueue_depth{name=\"deployment\"}");
        // a queue is scraped from the moment its controller makes it, before anything was added
        await("the HPA controller's queue").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scrape.apply(28084)).contains("workqueue_depth{name=\"horizontal-pod-autoscaler\"}",
                        "workqueue_adds_total{name=\"horizontal-pod-autoscaler\"}"));
        await("the endpoints controllers' queues").atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(scrape.apply(28085)).contains("workqueue_depth{name=\"endpoints\"}",
                        "workqueue_depth{name=\"endpointslice\"}"));
    }

    @Test
    void explainDescribesEachFieldFromTheServersSchemas() {
        var containers = kubectl.run("explain", "pods.spec.containers");
        assertThat(containers.code()).as(containers.all()).isZero();
        assertThat(containers.stdout()).contains("KIND:       Pod").contains("FIELD: containers <[]Container>")
                .contains("List of containers belonging to the pod.")
                .containsPattern("\\n  name\\s+<string> -required-\\n")
                .containsPattern("\\n  image\\s+<string>\\n\\s+Container image name.");
        // fields whose type is another type carry their own description too
        assertThat(kubectl.run("explain", "pod.spec").stdout())
                .containsPattern("\\n  affinity\\s+<Affinity>\\n\\s+If specified, the pod's scheduling constraints\\n");
        assertThat(kubectl.run("explain", "pod.spec.affinity").stdout())
                .containsPattern("DESCRIPTION:\\n\\s+If specified, the pod's scheduling constraints");
        var strategy = kubectl.run("explain", "deployment.spec.strategy");
        assertThat(strategy.stdout()).contains("GROUP:      apps").contains("FIELD: strategy <DeploymentStrategy>")
                .containsPattern("type\\s+<string>\\n\\s+Type of deployment. Can be \"Recreate\" or \"RollingUpdate\"");
        assertThat(kubectl.run("explain", "svc.spec.ports.targetPort").stdout()).contains("FIELD: targetPort <IntOrString>");
        assertThat(kubectl.run("explain", "pod.spec.containers.resources").stdout())
                .containsPattern("limits\\s+<map\\[string\\]Quantity>");
        var hpa = kubectl.run("explain", "hpa.spec", "--recursive");
        assertThat(hpa.code()).as(hpa.all()).isZero();
        assertThat(hpa.stdout()).contains("VERSION:    v2").containsPattern("metrics\\s+<\\[\\]MetricSpec>")
                .containsPattern("averageUtilization\\s+<integer>");

        var noField = kubectl.run("explain", "pods.spec.nosuch");
        assertThat(noField.code()).isNotZero();
        assertThat(noField.stderr()).contains("field \"nosuch\" does not exist");
        var noKind = kubectl.run("explain", "widgets");
        assertThat(noKind.code()).isNotZero();
        assertThat(noKind.stderr()).contains("the server doesn't have a resource type \"widgets\"");
    }

    /**
     * With the schemas published, kubectl computes apply's patch from them (not from its compiled-in
     * types): switching a Deployment to Recreate must clear rollingUpdate ($retainKeys), a removed
     * env var must go while the lists merge by key.
     */
    @Test
    void applyComputesItsPatchFromThePublishedSchemas(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        String rolling = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: strategy-switch}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: strategy-switch}}
                  strategy: {type: RollingUpdate, rollingUpdate: {maxSurge: 2}}
                  template:
                    metadata: {labels: {app: strategy-switch}}
                    spec:
                      containers:
                      - name: c
                        image: kubelite/busybox
                        env: [{name: A, value: "1"}, {name: B, value: "2"}]
                """;
        Path first = Files.writeString(dir.resolve("rolling.yaml"), rolling);
        Path second = Files.writeString(dir.resolve("recreate.yaml"), rolling
                .replace("{type: RollingUpdate, rollingUpdate: {maxSurge: 2}}", "{type: Recreate}")
                .replace(", {name: B, value: \"2\"}", ""));
        var created = kubectl.run("apply", "-f", first.toString());
        assertThat(created.code()).as(created.all()).isZero();
        var switched = kubectl.run("apply", "-f", second.toString());
        assertThat(switched.code()).as(switched.all()).isZero();
        assertThat(switched.stdout()).contains("deployment.apps/strategy-switch configured");
        assertThat(switched.stderr()).doesNotContain("warning");
        var stored = kubectl.run("get", "deployment", "strategy-switch", "-o",
                "jsonpath={.spec.strategy} {.spec.template.spec.containers[0].env}");
        assertThat(stored.stdout()).isEqualTo("{\"type\":\"Recreate\"} [{\"name\":\"A\",\"value\":\"1\"}]");
        assertThat(kubectl.run("delete", "deployment", "strategy-switch").code()).isZero();
    }

    /**
     * {@code kubectl apply --server-side}: the server owns the fields by manager, removes what an
     * apply no longer sets, and refuses to override another manager's change until forced.
     */
    @Test
    void serverSideApplyOwnsItsFieldsAndConflictsWithAnotherManager(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: ssa-web
                  labels: {app: ssa-web, tier: front, owner: ci}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: ssa-web}}
                  template:
                    metadata: {labels: {app: ssa-web}}
                    spec:
                      containers: [{name: c, image: kubelite/busybox}]
                """;
        Path first = Files.writeString(dir.resolve("first.yaml"), manifest);
        var created = kubectl.run("apply", "--server-side", "-f", first.toString());
        assertThat(created.code()).as(created.all()).isZero();
        assertThat(created.stdout()).contains("deployment.apps/ssa-web serverside-applied");

        var labelled = kubectl.run("label", "deployment", "ssa-web", "tier=back", "--overwrite");
        assertThat(labelled.code()).as(labelled.all()).isZero();
        var conflict = kubectl.run("apply", "--server-side", "-f", first.toString());
        assertThat(conflict.code()).isNotZero();
        assertThat(conflict.stderr()).contains(
                "Apply failed with 1 conflict: conflict with \"kubectl-label\" using apps/v1: .metadata.labels.tier",
                "--force-conflicts");
        assertThat(kubectl.run("get", "deployment", "ssa-web", "-o", "jsonpath={.metadata.labels.tier}").stdout())
                .isEqualTo("back");

        Path second = Files.writeString(dir.resolve("second.yaml"), manifest.replace(", owner: ci", ""));
        var forced = kubectl.run("apply", "--server-side", "--force-conflicts", "-f", second.toString());
        assertThat(forced.code()).as(forced.all()).isZero();
        assertThat(kubectl.run("get", "deployment", "ssa-web", "-o", "jsonpath={.metadata.labels}").stdout())
                .isEqualTo("{\"app\":\"ssa-web\",\"tier\":\"front\"}");

        var plain = kubectl.run("get", "deployment", "ssa-web", "-o", "yaml");
        assertThat(plain.stdout()).doesNotContain("managedFields");
        var shown = kubectl.run("get", "deployment", "ssa-web", "-o", "yaml", "--show-managed-fields");
        assertThat(shown.stdout()).contains("managedFields:", "manager: kubectl\n", "operation: Apply",
                "f:tier: {}", "fieldsType: FieldsV1");
        assertThat(kubectl.run("delete", "deployment", "ssa-web").code()).isZero();
    }

    /**
     * A Deployment managed with {@code kubectl apply} moves to {@code --server-side} with a changed
     * manifest and no conflict, and client-side apply still works afterwards, as in Kubernetes.
     */
    @Test
    void movesFromClientSideToServerSideApplyWithoutConflicts(@org.junit.jupiter.api.io.TempDir Path dir)
            throws Exception {
        String manifest = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: csa-web, labels: {app: csa-web, tier: front}}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: csa-web}}
                  template:
                    metadata: {labels: {app: csa-web}}
                    spec:
                      containers: [{name: c, image: kubelite/busybox}]
                """;
        Path file = dir.resolve("csa.yaml");
        Files.writeString(file, manifest);
        var clientSide = kubectl.run("apply", "-f", file.toString());
        assertThat(clientSide.code()).as(clientSide.all()).isZero();

        Files.writeString(file, manifest.replace("tier: front", "tier: back, owner: ssa"));
        var serverSide = kubectl.run("apply", "--server-side", "-f", file.toString());
        assertThat(serverSide.code()).as(serverSide.all()).isZero();
        assertThat(kubectl.run("get", "deployment", "csa-web", "-o", "jsonpath={.metadata.labels}").stdout())
                .isEqualTo("{\"app\":\"csa-web\",\"owner\":\"ssa\",\"tier\":\"back\"}");

        // the server-side apply recorded its configuration in the annotation, so client-side apply
        // knows it set owner and removes it now that the manifest has none
        Files.writeString(file, manifest.replace("tier: front", "tier: edge"));
        var backToClientSide = kubectl.run("apply", "-f", file.toString());
        assertThat(backToClientSide.code()).as(backToClientSide.all()).isZero();
        assertThat(kubectl.run("get", "deployment", "csa-web", "-o", "jsonpath={.metadata.labels}").stdout())
                .isEqualTo("{\"app\":\"csa-web\",\"tier\":\"edge\"}");
        assertThat(kubectl.run("delete", "deployment", "csa-web").code()).isZero();

        // a pod too: what admission added at its create (the token volume, the tolerations) was never
        // its creator's, so the move does not hand it to the applier, whose re-apply would remove it
        Path pod = dir.resolve("csa-pod.yaml");
        Files.writeString(pod, """
                apiVersion: v1
                kind: Pod
                metadata: {name: csa-pod, labels: {app: csa-pod}}
                spec:
                  containers: [{name: c, image: kubelite/busybox, command: [sleep, "3600"]}]
                """);
        assertThat(kubectl.run("apply", "-f", pod.toString()).code()).isZero();
        var podServerSide = kubectl.run("apply", "--server-side", "-f", pod.toString());
        assertThat(podServerSide.code()).as(podServerSide.all()).isZero();
        assertThat(podServerSide.stderr()).doesNotContain("failed to re-apply configuration");
        assertThat(kubectl.run("get", "pod", "csa-pod", "-o", "jsonpath={.spec.volumes[0].name}").stdout())
                .startsWith("kube-api-access-");
        assertThat(kubectl.run("delete", "pod", "csa-pod", "--wait=false").code()).isZero();
    }

    @Test
    void acceptsOldExtensionsManifestsAndStoresThemAsAppsV1() {
        var r = kubectl.run("apply", "-f", example("frontend-deployment.yaml"));
        assertThat(r.code()).as(r.all()).isZero();
        var apiVersion = kubectl.run("get", "deployment", "frontend", "-o", "jsonpath={.apiVersion}");
        assertThat(apiVersion.stdout()).isEqualTo("apps/v1");
        assertThat(kubectl.run("get", "deploy").stdout()).containsPattern("NAME\\s+READY\\s+UP-TO-DATE\\s+AVAILABLE\\s+AGE");
    }

    /**
     * events.k8s.io/v1 is a second view of the core events, as in Kubernetes: what the scheduler and
     * the node agent recorded about a pod is listed there too, printed as {@code get events} prints
     * it, and read with that group's own field names.
     */
    @Test
    void aPodsEventsAreAlsoServedThroughEventsK8sIo() {
        String ns = "evented";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var run = kubectl.run("-n", ns, "run", "ticker", "--image=busybox:latest", "--restart=Never", "--",
                    "sleep", "3600");
            assertThat(run.code()).as(run.all()).isZero();
            await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                var all = kubectl.run("get", "events.events.k8s.io", "-A");
                assertThat(all.code()).as(all.all()).isZero();
                assertThat(all.stdout()).containsPattern("NAMESPACE\\s+LAST SEEN\\s+TYPE\\s+REASON\\s+OBJECT\\s+MESSAGE\\n")
                        .containsPattern(ns + "\\s+\\S+\\s+Normal\\s+Scheduled\\s+pod/ticker\\s+Successfully assigned "
                                + ns + "/ticker to ")
                        .containsPattern(ns + "\\s+\\S+\\s+Normal\\s+Started\\s+pod/ticker\\s+Started container ticker");
            });
            var yaml = kubectl.run("-n", ns, "get", "events.v1.events.k8s.io", "--field-selector",
                    "regarding.name=ticker,reason=Scheduled", "-o", "yaml");
            assertThat(yaml.code()).as(yaml.all()).isZero();
            assertThat(yaml.stdout()).contains("apiVersion: events.k8s.io/v1").contains("regarding:")
                    .contains("name: ticker").contains("note: Successfully assigned " + ns + "/ticker to ")
                    .doesNotContain("involvedObject:").doesNotContain("message:");
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void worksInANamespaceCreatedFromYamlAndThroughAContext() throws Exception {
        var ns = kubectl.run("create", "-f", example("namespace-development.yaml"));
        assertThat(ns.stdout()).contains("namespace/development created");
        var none = kubectl.run("get", "pods", "--namespace=development");
        assertThat(none.all()).contains("No resources found in development namespace.");
        assertThat(kubectl.run("get", "namespaces").stdout()).contains("development").contains("default").contains("kube-system");

        Path copy = Files.createTempFile("kubeconfig", "");
        Files.copy(cluster.kubeconfig(), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Kubectl dev = new Kubectl(copy);
        assertThat(dev.run("config", "set-context", "ctx-dev", "--namespace=development", "--cluster=kubelite",
                "--user=admin").code()).isZero();
        assertThat(dev.run("config", "use-context", "ctx-dev").stdout()).contains("Switched to context \"ctx-dev\"");
        var created = dev.run("create", "configmap", "in-dev", "--from-literal=a=1");
        assertThat(created.code()).as(created.all()).isZero();
        assertThat(kubectl.run("get", "configmap", "in-dev", "-n", "development", "-o", "name").stdout().trim())
                .isEqualTo("configmap/in-dev");
    }

    /**
     * {@code --sort-by} sorts the Table's rows by the whole objects it asks for
     * ({@code includeObject=Object}), as {@code kubectl get events --sort-by=.lastTimestamp} does.
     */
    @Test
    void sortsByAFieldOfTheObjects() {
        String ns = "sorting";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            for (String[] cm : new String[][] {{"middle", "2"}, {"last", "3"}, {"first", "1"}}) {
                assertThat(kubectl.run("-n", ns, "create", "configmap", cm[0], "--from-literal=rank=" + cm[1]).code()).isZero();
            }
            var sorted = kubectl.run("-n", ns, "get", "configmaps", "--sort-by=.data.rank", "-o", "wide");
            assertThat(sorted.code()).as(sorted.all()).isZero();
            // by rank (first, middle, last), not by name (first, last, middle) as the server lists them
            assertThat(sorted.stdout()).containsPattern("(?s)NAME.*\\nfirst .*\\nmiddle .*\\nlast ");
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    /** kubectl's generators send protobuf bodies; each arrives as the object kubectl meant. */
    @Test
    void theCreateGeneratorsMakeTheObjectsKubectlDescribes() {
        String ns = "generators";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var deployment = kubectl.run("-n", ns, "create", "deployment", "web", "--image=busybox:latest",
                    "--replicas=0", "--port=8080", "--", "sleep", "3600");
            assertThat(deployment.code()).as(deployment.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "deployment", "web", "-o",
                    "jsonpath={.spec.replicas} {.spec.selector.matchLabels.app} {.spec.template.spec.containers[0].image}"
                            + " {.spec.template.spec.containers[0].command} {.spec.template.spec.containers[0].ports[0].containerPort}")
                    .stdout()).isEqualTo("0 web busybox:latest [\"sleep\",\"3600\"] 8080");
            assertThat(kubectl.run("-n", ns, "get", "deployment", "web", "-o", "jsonpath={.metadata.creationTimestamp}")
                    .stdout()).as("set by the server, not 1970").startsWith("20").doesNotStartWith("1970");

            assertThat(kubectl.run("-n", ns, "create", "service", "nodeport", "web", "--tcp=8081:http").code()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "service", "web", "-o",
                    "jsonpath={.spec.type} {.spec.ports[0].port} {.spec.ports[0].targetPort}").stdout())
                    .isEqualTo("NodePort 8081 http");

            assertThat(kubectl.run("-n", ns, "create", "secret", "generic", "creds", "--from-literal=password=s3cr3t")
                    .code()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "secret", "creds", "-o", "jsonpath={.data.password}").stdout())
                    .isEqualTo("czNjcjN0");

            assertThat(kubectl.run("-n", ns, "create", "quota", "limits", "--hard=pods=10,requests.memory=1Gi").code())
                    .isZero();
            assertThat(kubectl.run("-n", ns, "get", "quota", "limits", "-o", "jsonpath={.spec.hard}").stdout())
                    .contains("\"pods\":\"10\"").contains("\"requests.memory\":\"1Gi\"");

            var job = kubectl.run("-n", ns, "create", "job", "once", "--image=busybox:latest", "--", "echo", "done");
            assertThat(job.code()).as(job.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "job", "once", "-o",
                    "jsonpath={.spec.template.spec.restartPolicy} {.spec.template.spec.containers[0].command}").stdout())
                    .isEqualTo("Never [\"echo\",\"done\"]");

            var role = kubectl.run("-n", ns, "create", "role", "reader", "--verb=get,list", "--resource=pods");
            assertThat(role.code()).as(role.all()).isZero();
            assertThat(kubectl.run("-n", ns, "create", "rolebinding", "reader", "--role=reader", "--user=alice").code())
                    .isZero();
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    /**
     * A CronJob starts its Jobs on schedule in real containers; kubectl creates one (protobuf),
     * lists it with Kubernetes' columns, starts a Job from it by hand, suspends it, and the API
     * server refuses a schedule cron would refuse with cron's words.
     */
    @Test
    void aCronJobStartsItsJobsOnScheduleAndKubectlDrivesIt() {
        String ns = "cron";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var created = kubectl.run("-n", ns, "create", "cronjob", "tick", "--image=busybox:latest",
                    "--schedule=@every 5s", "--", "echo", "tick");
            assertThat(created.code()).as(created.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "cronjob", "tick").stdout())
                    .containsPattern("NAME\\s+SCHEDULE\\s+TIMEZONE\\s+SUSPEND\\s+ACTIVE\\s+LAST SCHEDULE\\s+AGE\\n")
                    .containsPattern("tick\\s+@every 5s\\s+<none>\\s+False\\s+\\d\\s+");

            await("a scheduled job runs to completion").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !kubectl.run("-n", ns, "get", "cronjob", "tick", "-o",
                            "jsonpath={.status.lastSuccessfulTime}").stdout().isBlank());
            String job = kubectl.run("-n", ns, "get", "jobs", "-o", "jsonpath={.items[0].metadata.name}").stdout();
            assertThat(job).matches("tick-\\d{8}");
            assertThat(kubectl.run("-n", ns, "get", "job", job, "-o",
                    "jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} "
                            + "{.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}").stdout())
                    .matches("CronJob/tick 20\\d\\d-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            assertThat(kubectl.run("-n", ns, "logs", "job/" + job).stdout()).isEqualTo("tick\n");
            assertThat(kubectl.run("-n", ns, "get", "cronjob", "tick", "-o", "jsonpath={.status.lastScheduleTime}")
                    .stdout()).startsWith("20");
            assertThat(kubectl.run("-n", ns, "describe", "cronjob", "tick").stdout())
                    .containsPattern("Normal\\s+SuccessfulCreate\\s+.*cronjob-controller\\s+Created job tick-");
            assertThat(kubectl.run("-n", ns, "get", "all").stdout()).contains("cronjob.batch/tick");

            var manual = kubectl.run("-n", ns, "create", "job", "by-hand", "--from=cronjob/tick");
            assertThat(manual.code()).as(manual.all()).isZero();
            var done = kubectl.run("-n", ns, "wait", "--for=condition=complete", "job/by-hand", "--timeout=60s");
            assertThat(done.code()).as(done.all()).isZero();
            assertThat(kubectl.run("-n", ns, "logs", "job/by-hand").stdout()).isEqualTo("tick\n");

            var suspended = kubectl.run("-n", ns, "patch", "cronjob", "tick", "-p", "{\"spec\":{\"suspend\":true}}");
            assertThat(suspended.code()).as(suspended.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "cronjob", "tick", "--no-headers").stdout())
                    .containsPattern("tick\\s+@every 5s\\s+<none>\\s+True\\s+");

            var bad = kubectl.run("-n", ns, "create", "cronjob", "bad", "--image=busybox:latest", "--schedule=61 * * * *");
            assertThat(bad.code()).isNotZero();
            assertThat(bad.stderr()).contains("CronJob.batch \"bad\" is invalid: spec.schedule: Invalid value: "
                    + "\"61 * * * *\": end of range (61) above maximum (59): 61");
            String long53 = "a".repeat(53);
            var tooLong = kubectl.run("-n", ns, "create", "cronjob", long53, "--image=busybox:latest", "--schedule=@daily");
            assertThat(tooLong.stderr()).contains("metadata.name: Invalid value: \"" + long53
                    + "\": must be no more than 52 characters");
            assertThat(kubectl.run("-n", ns, "get", "cronjobs", "-o", "name").stdout()).isEqualTo("cronjob.batch/tick\n");

            assertThat(kubectl.run("-n", ns, "delete", "cronjob", "tick").code()).isZero();
            await("its Jobs and their pods go with it").atMost(Duration.ofSeconds(60)).until(() ->
                    kubectl.run("-n", ns, "get", "jobs,pods", "-o", "name").stdout().isBlank());
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    /** PriorityClasses: the system ones exist, a new pod gets its class's value, an unknown class is refused. */
    @Test
    void priorityClassesGiveNewPodsTheirPriority() {
        String ns = "priorities";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            assertThat(kubectl.run("get", "priorityclasses").stdout())
                    .containsPattern("NAME\\s+VALUE\\s+GLOBAL-DEFAULT\\s+AGE\\s+PREEMPTIONPOLICY\\n")
                    .containsPattern("system-cluster-critical\\s+2000000000\\s+false\\s+\\S+\\s+PreemptLowerPriority")
                    .containsPattern("system-node-critical\\s+2000001000\\s+false");
            var created = kubectl.run("create", "priorityclass", "batch-low", "--value=100", "--description=low");
            assertThat(created.code()).as(created.all()).isZero();
            var pod = kubectl.runWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: low}
                    spec:
                      priorityClassName: batch-low
                      containers: [{name: c, image: busybox:latest, command: [sleep, "1"]}]
                    """, "-n", ns, "apply", "-f", "-");
            assertThat(pod.code()).as(pod.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "pod", "low", "-o", "jsonpath={.spec.priority} {.spec.preemptionPolicy}")
                    .stdout()).isEqualTo("100 PreemptLowerPriority");
            var unknown = kubectl.runWithInput("""
                    apiVersion: v1
                    kind: Pod
                    metadata: {name: lost}
                    spec:
                      priorityClassName: nowhere
                      containers: [{name: c, image: busybox:latest}]
                    """, "-n", ns, "apply", "-f", "-");
            assertThat(unknown.code()).isNotZero();
            assertThat(unknown.stderr()).contains("pods \"lost\" is forbidden: no PriorityClass with name nowhere was found");
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
            kubectl.run("delete", "priorityclass", "batch-low");
        }
    }

    /** An Indexed Job: each pod runs one index, which it reads from {@code JOB_COMPLETION_INDEX}. */
    @Test
    void anIndexedJobRunsEachIndexOnce() {
        String ns = "indexed";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var applied = kubectl.runWithInput("""
                    apiVersion: batch/v1
                    kind: Job
                    metadata: {name: squares}
                    spec:
                      completions: 3
                      parallelism: 3
                      completionMode: Indexed
                      template:
                        spec:
                          restartPolicy: Never
                          containers:
                          - name: c
                            image: busybox:latest
                            command: ["sh", "-c", "echo index=$JOB_COMPLETION_INDEX host=$(hostname)"]
                    """, "-n", ns, "apply", "-f", "-");
            assertThat(applied.code()).as(applied.all()).isZero();
            var done = kubectl.run("-n", ns, "wait", "--for=condition=complete", "job/squares", "--timeout=90s");
            assertThat(done.code()).as(done.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "job", "squares", "-o",
                    "jsonpath={.status.completedIndexes} {.status.succeeded}").stdout()).isEqualTo("0-2 3");
            StringBuilder logs = new StringBuilder();
            for (String index : List.of("0", "1", "2")) {
                String pod = kubectl.run("-n", ns, "get", "pods", "-l", "batch.kubernetes.io/job-completion-index=" + index,
                        "-o", "jsonpath={.items[0].metadata.name}").stdout();
                assertThat(pod).startsWith("squares-" + index + "-");
                logs.append(kubectl.run("-n", ns, "logs", pod).stdout());
            }
            assertThat(logs.toString()).isEqualTo("index=0 host=squares-0\nindex=1 host=squares-1\nindex=2 host=squares-2\n");
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    /**
     * Ingresses are stored and checked as kube-apiserver does (routing them is an ingress
     * controller's job, as in Kubernetes); with every kind of kubectl's default prune list served,
     * {@code kubectl apply --prune} needs no allowlist.
     */
    /** NetworkPolicies are stored, validated and printed as Kubernetes does (NetworkPolicyIT shows them enforced). */
    @Test
    void networkPoliciesAreKeptAndRefusedAsKubernetesDoes() {
        String ns = "netpol";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var applied = kubectl.run("-n", ns, "apply", "-f", example("networkpolicy.yaml"));
            assertThat(applied.code()).as(applied.all()).isZero();
            assertThat(applied.stdout()).contains("networkpolicy.networking.k8s.io/test-network-policy created");
            assertThat(kubectl.run("-n", ns, "get", "netpol").stdout())
                    .containsPattern("NAME\\s+POD-SELECTOR\\s+AGE\\ntest-network-policy\\s+role=db\\s+\\d+s");
            assertThat(kubectl.run("-n", ns, "describe", "networkpolicy", "test-network-policy").stdout())
                    .containsPattern("PodSelector:\\s+role=db").contains("172.17.0.0/16").contains("Except: 172.17.1.0/24");
            var bad = kubectl.runWithInput("""
                    apiVersion: networking.k8s.io/v1
                    kind: NetworkPolicy
                    metadata: {name: bad}
                    spec:
                      podSelector: {}
                      policyTypes: [Ingress, Sideways]
                      ingress:
                      - from:
                        - ipBlock: {cidr: 10.0.0.0/33}
                        ports:
                        - {protocol: ICMP, port: 80}
                    """, "-n", ns, "apply", "-f", "-");
            assertThat(bad.code()).isNotZero();
            assertThat(bad.stderr()).contains("spec.policyTypes[1]: Unsupported value: \"Sideways\"")
                    .contains("spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\"")
                    .contains("spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\"");
            assertThat(kubectl.run("-n", ns, "get", "netpol", "bad").stderr()).contains("NotFound");
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void ingressesAreKeptAsKubernetesKeepsThemAndApplyPrunesWithoutAnAllowlist() {
        String ns = "ingress-prune";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var created = kubectl.run("-n", ns, "create", "ingress", "simple", "--class=nginx",
                    "--rule=foo.com/bar*=svc1:8080,tls=my-cert");
            assertThat(created.code()).as(created.all()).isZero();
            assertThat(kubectl.run("-n", ns, "get", "ingress").stdout())
                    .containsPattern("NAME\\s+CLASS\\s+HOSTS\\s+ADDRESS\\s+PORTS\\s+AGE\\n")
                    .containsPattern("simple\\s+nginx\\s+foo.com\\s+80, 443\\s+");
            assertThat(kubectl.run("-n", ns, "get", "ing", "simple", "-o",
                    "jsonpath={.spec.rules[0].http.paths[0].pathType} {.spec.rules[0].http.paths[0].backend.service.port.number}")
                    .stdout()).isEqualTo("Prefix 8080");
            // describe reads the backend's EndpointSlices, then its Service, as with Kubernetes
            assertThat(kubectl.run("-n", ns, "describe", "ingress", "simple").stdout())
                    .containsPattern("/bar\\s+svc1:8080 \\(<error: services \"svc1\" not found>\\)");
            var ip = kubectl.runWithInput("""
                    apiVersion: networking.k8s.io/v1
                    kind: Ingress
                    metadata: {name: by-ip}
                    spec:
                      rules:
                      - host: 10.0.0.1
                        http:
                          paths:
                          - {path: app, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
                    """, "-n", ns, "apply", "-f", "-");
            assertThat(ip.code()).isNotZero();
            assertThat(ip.stderr()).contains("spec.rules[0].host: Invalid value: \"10.0.0.1\": must be a DNS name, not an IP address")
                    .contains("spec.rules[0].http.paths[0].path: Invalid value: \"app\": must be an absolute path");

            String two = """
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: a, labels: {app: prune}}
                    ---
                    apiVersion: v1
                    kind: ConfigMap
                    metadata: {name: b, labels: {app: prune}}
                    """;
            var first = kubectl.runWithInput(two, "-n", ns, "apply", "--prune", "-l", "app=prune", "-f", "-");
            assertThat(first.code()).as(first.all()).isZero();
            var second = kubectl.runWithInput(two.substring(0, two.indexOf("---")), "-n", ns, "apply", "--prune",
                    "-l", "app=prune", "-f", "-");
            assertThat(second.code()).as(second.all()).isZero();
            assertThat(second.stdout()).contains("configmap/a unchanged").contains("configmap/b pruned");
            assertThat(kubectl.run("-n", ns, "get", "cm", "-l", "app=prune", "-o", "name").stdout()).isEqualTo("configmap/a\n");
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void describeQuotaShowsWhatTheNamespaceUsesAndFollowsItsPods() {
        String ns = "quota-used";
        assertThat(kubectl.run("create", "namespace", ns).code()).isZero();
        try {
            var quota = kubectl.run("-n", ns, "create", "quota", "compute",
                    "--hard=pods=5,requests.cpu=1,requests.memory=1Gi,services=2");
            assertThat(quota.code()).as(quota.all()).isZero();
            String pod = """
                    apiVersion: v1
                    kind: Pod
                    metadata:
                      name: %s
                    spec:
                      nodeName: nowhere
                      containers:
                      - name: c
                        image: busybox:latest
                        command: ["sleep", "3600"]
                        resources:
                          requests: {cpu: 250m, memory: 128Mi}
                    """;
            for (String name : new String[] {"first", "second"}) {
                var created = kubectl.runWithInput(pod.formatted(name), "-n", ns, "create", "-f", "-");
                assertThat(created.code()).as(created.all()).isZero();
            }
            assertThat(kubectl.run("-n", ns, "create", "service", "clusterip", "web", "--tcp=80:8080").code()).isZero();

            // services are counted again every kubelite.replication.quota-recount (10 s)
            await("status.used of the quota").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(kubectl.run("-n", ns, "get", "quota", "compute", "-o",
                            "jsonpath={.status.used}").stdout()).isEqualTo(
                            "{\"pods\":\"2\",\"requests.cpu\":\"500m\",\"requests.memory\":\"256Mi\",\"services\":\"1\"}"));
            var described = kubectl.run("-n", ns, "describe", "quota", "compute");
            assertThat(described.code()).as(described.all()).isZero();
            assertThat(described.stdout().lines().map(l -> l.trim().replaceAll("\\s+", " ")))
                    .contains("pods 2 5", "requests.cpu 500m 1", "requests.memory 256Mi 1Gi", "services 1 2");

            assertThat(kubectl.run("-n", ns, "delete", "pod", "second", "--grace-period=0", "--force").code()).isZero();
            await("a deleted pod no longer counted").atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                    .untilAsserted(() -> assertThat(kubectl.run("-n", ns, "get", "quota", "compute", "-o",
                            "jsonpath={.status.used.pods} {.status.used.requests\\.cpu}").stdout()).isEqualTo("1 250m"));
        } finally {
            kubectl.run("delete", "namespace", ns, "--wait=false");
        }
    }

    @Test
    void createsConfigMapsFromLiteralsAndFiles() throws Exception {
        var literal = kubectl.run("create", "configmap", "cm-literal", "--from-literal=apploglevel=info",
                "--from-literal=appdatadir=/var/data");
        assertThat(literal.code()).as(literal.all()).isZero();
        assertThat(literal.stdout()).contains("configmap/cm-literal created");
        Path dir = Files.createTempDirectory("cm-files");
        Files.writeString(dir.resolve("server.xml"), "<Server port=\"8005\"/>\n");
        Files.writeString(dir.resolve("logging.properties"), ".level = INFO\n");
        var fromFile = kubectl.run("create", "configmap", "cm-files", "--from-file=" + dir.resolve("server.xml"),
                "--from-file=logging=" + dir.resolve("logging.properties"));
        assertThat(fromFile.code()).as(fromFile.all()).isZero();
        var fromDir = kubectl.run("create", "configmap", "cm-dir", "--from-file=" + dir);
        assertThat(fromDir.code()).as(fromDir.all()).isZero();

        var yaml = kubectl.run("get", "configmap", "cm-literal", "-o", "yaml");
        assertThat(yaml.stdout()).contains("apploglevel: info").contains("appdatadir: /var/data");
        assertThat(kubectl.run("get", "configmap", "cm-files", "-o", "yaml").stdout())
                .contains("server.xml: |").contains("logging: |");
        assertThat(kubectl.run("get", "configmap").stdout()).containsPattern("NAME\\s+DATA\\s+AGE")
                .containsPattern("cm-dir\\s+2");
        var describe = kubectl.run("describe", "configmap", "cm-literal");
        assertThat(describe.stdout()).contains("apploglevel").contains("info");
    }

    @Test
    void getWatchSeesAChangeMadeByAnotherCommand() throws Exception {
        try (var watch = kubectl.stream("get", "configmaps", "-w")) {
            assertThat(watch.await("NAME", 30)).as("the watch prints its header").isNotNull();
            kubectl.run("create", "configmap", "watched-cm", "--from-literal=k=v");
            assertThat(watch.await("watched-cm", 30)).as("the new ConfigMap appears on the watch").isNotNull();
            assertThat(watch.process.isAlive()).as("get -w stays open").isTrue();
        }
    }

    @Test
    void replaceWithAStaleResourceVersionFailsWithConflict() throws Exception {
        kubectl.run("create", "configmap", "replace-me", "--from-literal=v=1");
        String stale = kubectl.run("get", "configmap", "replace-me", "-o", "yaml").stdout();
        kubectl.run("label", "configmap", "replace-me", "changed=yes");
        Path file = Files.createTempFile("stale", ".yaml");
        Files.writeString(file, stale.replace("v: \"1\"", "v: \"2\""));
        var replaced = kubectl.run("replace", "-f", file.toString());
        assertThat(replaced.code()).isNotZero();
        assertThat(replaced.stderr()).contains("Conflict").contains("the object has been modified");
    }

    @Test
    void answersBadInputWithClearErrorsAndWritesNothing() {
        var badName = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: Bad_Name
                spec:
                  containers:
                  - name: web
                    image: busybox
                """, "create", "-f", "-");
        assertThat(badName.stderr()).contains("is invalid").contains("metadata.name");

        var noImage = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: no-image
                spec:
                  containers:
                  - name: web
                  - name: web
                    image: busybox
                """, "create", "-f", "-");
        assertThat(noImage.stderr()).contains("spec.containers[0].image: Required value")
                .contains("spec.containers[1].name: Duplicate value: \"web\"");

        var negative = kubectl.runWithInput("""
                apiVersion: v1
                kind: ReplicationController
                metadata:
                  name: negative
                spec:
                  replicas: -1
                  selector:
                    app: x
                  template:
                    metadata:
                      labels:
                        app: x
                    spec:
                      containers:
                      - name: x
                        image: busybox
                """, "create", "-f", "-");
        assertThat(negative.stderr()).contains("spec.replicas").contains("must be greater than or equal to 0");

        var quantity = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: bad-quantity
                spec:
                  containers:
                  - name: web
                    image: busybox
                    resources:
                      limits:
                        memory: 64MB
                """, "create", "-f", "-");
        assertThat(quantity.code()).isNotZero();
        assertThat(quantity.stderr()).contains("64MB");

        var nested = kubectl.run("create", "-f", example("typos/frontend-deployment-nested-template.yaml"));
        assertThat(nested.code()).isNotZero();
        assertThat(nested.stderr()).contains("is invalid").contains("spec.selector.template").contains("spec.template");

        var metedata = kubectl.run("create", "-f", example("typos/frontend-rc-metedata.yaml"));
        assertThat(metedata.stderr()).contains("spec.template.metedata");

        var dtavol = kubectl.run("create", "-f", example("typos/tomcat-dtavol.yaml"));
        assertThat(dtavol.stderr()).contains("volumeMounts[0].name").contains("dtavol");

        var nodePort = kubectl.run("create", "-f", example("typos/webapp-nodeport-8081.yaml"));
        assertThat(nodePort.stderr()).contains("spec.ports[0].nodePort").contains("30000-32767");

        var unknownKind = kubectl.runWithInput("""
                apiVersion: v1
                kind: Widget
                metadata:
                  name: w
                """, "create", "-f", "-");
        assertThat(unknownKind.stderr()).contains("Widget");

        var missingNs = kubectl.run("create", "configmap", "lost", "--from-literal=a=b", "-n", "no-such-namespace");
        assertThat(missingNs.code()).isNotZero();
        assertThat(missingNs.stderr()).contains("namespaces \"no-such-namespace\" not found");

        var pods = kubectl.run("get", "pods", "-o", "name").stdout();
        assertThat(pods).doesNotContain("Bad_Name").doesNotContain("no-image").doesNotContain("bad-quantity");
        assertThat(kubectl.run("get", "rc", "-o", "name").stdout()).doesNotContain("negative");
    }

    /**
     * {@code kubectl debug -i}: an ephemeral container joins the running pod, sees the target
     * container's processes, takes the piped input and prints back; it stays in the pod's status.
     */
    @Test
    void debugRunsAnEphemeralContainerInTheTargetsProcessNamespace() {
        var created = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: debug-target}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers: [{name: c, image: busybox, command: [sleep, "3601"]}]
                """, "create", "-f", "-");
        assertThat(created.code()).as(created.all()).isZero();
        await("the pod runs").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "debug-target").stdout()).containsPattern("debug-target\\s+1/1\\s+Running"));

        // the container's stdin is not stdinOnce, so the shell is told to exit rather than sent an EOF
        var debug = kubectl.runWithInput("ps; echo done-$((6*7)); exit\n", "debug", "-i", "debug-target",
                "--image=busybox", "--profile=general", "--target=c", "-c", "dbg", "--", "sh");
        assertThat(debug.code()).as(debug.all()).isZero();
        assertThat(debug.stdout()).contains("sleep 3601").contains("done-42");
        await("its status").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "debug-target", "-o",
                        "jsonpath={.status.ephemeralContainerStatuses[0].name}:{.status.ephemeralContainerStatuses[0].state.terminated.exitCode}")
                        .stdout()).isEqualTo("dbg:0"));
        assertThat(kubectl.run("logs", "debug-target", "-c", "dbg").stdout()).contains("done-42");
        assertThat(kubectl.run("describe", "pod", "debug-target").stdout()).contains("Ephemeral Containers:")
                .containsPattern("dbg:\\s+Container ID:\\s+docker://");
        assertThat(kubectl.run("get", "pod", "debug-target").stdout()).as("the pod is as ready as before")
                .containsPattern("debug-target\\s+1/1\\s+Running\\s+0");

        var again = kubectl.run("debug", "debug-target", "--image=busybox", "--profile=general", "-c", "dbg", "--", "true");
        assertThat(again.code()).isNotZero();
        assertThat(again.stderr()).contains("spec.ephemeralContainers[0]: Forbidden: existing ephemeral containers may not be changed");
        assertThat(kubectl.run("delete", "pod", "debug-target", "--wait=false").code()).isZero();
    }

    /** {@code kubectl debug node/…} creates (as protobuf) a pod with the node's root at /host. */
    @Test
    void debugANodeSeesItsFilesystem() throws Exception {
        Path marker = Files.createTempFile(Path.of("/tmp"), "kubelite-debug-", ".txt");
        try {
            String content = "seen from the node " + System.nanoTime();
            Files.writeString(marker, content);
            var debug = kubectl.run("debug", "node/node-1", "--image=busybox", "--profile=general", "--",
                    "cat", "/host" + marker);
            assertThat(debug.code()).as(debug.all()).isZero();
            assertThat(debug.all()).doesNotContain("unknown field");
            String pod = debug.all().replaceAll("(?s).*Creating debugging pod (\\S+) .*", "$1").trim();
            assertThat(pod).startsWith("node-debugger-node-1-");
            await("the debugging pod ran").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(kubectl.run("logs", pod).stdout()).isEqualTo(content));
            assertThat(kubectl.run("delete", "pod", pod, "--wait=false").code()).isZero();
        } finally {
            Files.deleteIfExists(marker);
        }
    }

    @Test
    void deletesAnRcWithCascadeOrphanAndKeepsItsPods() {
        var rc = kubectl.runWithInput("""
                apiVersion: v1
                kind: ReplicationController
                metadata:
                  name: orphaner
                spec:
                  replicas: 0
                  selector:
                    app: orphaner
                  template:
                    metadata:
                      labels:
                        app: orphaner
                    spec:
                      containers:
                      - name: x
                        image: busybox
                """, "create", "-f", "-");
        assertThat(rc.code()).as(rc.all()).isZero();
        String uid = kubectl.run("get", "rc", "orphaner", "-o", "jsonpath={.metadata.uid}").stdout();
        var pod = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: orphan-pod
                  labels:
                    app: orphaner
                  ownerReferences:
                  - apiVersion: v1
                    kind: ReplicationController
                    name: orphaner
                    uid: %s
                    controller: true
                spec:
                  containers:
                  - name: x
                    image: busybox
                """.formatted(uid), "create", "-f", "-");
        assertThat(pod.code()).as(pod.all()).isZero();
        var deleted = kubectl.run("delete", "rc", "orphaner", "--cascade=orphan");
        assertThat(deleted.code()).as(deleted.all()).isZero();
        assertThat(kubectl.run("get", "pod", "orphan-pod", "-o", "jsonpath={.metadata.ownerReferences}").stdout()).isEmpty();
    }
}
