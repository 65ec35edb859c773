package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A StatefulSet in real containers, driven by kubectl: pods started one after the other with
 * stable names, each with its own claim on its own volume, reachable by name through a headless
 * Service ({@code web-1.nginx.<ns>.svc.cluster.local}); its data outlives a pod, a rolling update
 * goes from the highest ordinal down and can be undone, and the API refuses what may not change.
 */
class StatefulSetIT {

    static final String NS = "sts";
    static final String RUN = UUID.randomUUID().toString().substring(0, 6);
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
        for (int i = 0; i < 2; i++) {
            kubectl.run("delete", "pv", "sts-" + RUN + "-" + i, "--wait=false");
        }
    }

    static Kubectl.Result ok(String... args) {
        return suite.ok(args);
    }

    static final String WEB = """
            apiVersion: v1
            kind: Service
            metadata: {name: nginx}
            spec:
              clusterIP: None
              selector: {app: nginx}
              ports: [{port: 80, name: web}]
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: web}
            spec:
              serviceName: nginx
              replicas: 2
              selector: {matchLabels: {app: nginx}}
              template:
                metadata: {labels: {app: nginx}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: IMAGE
                    command: ["sh", "-c", "hostname -f >> /www/index.html; exec httpd -f -p 80 -h /www"]
                    ports: [{containerPort: 80, name: web}]
                    readinessProbe:
                      tcpSocket: {port: 80}
                      periodSeconds: 1
                    volumeMounts: [{name: www, mountPath: /www}]
              volumeClaimTemplates:
              - metadata: {name: www}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 1Gi}}
            """;

    @Test
    void aStatefulSetKeepsItsPodsNamesStorageAndOrder() throws Exception {
        Path[] dirs = new Path[2];
        for (int i = 0; i < 2; i++) {
            dirs[i] = suite.cluster().home.resolve("e2e-tests/target/sts-" + RUN + "-" + i).toAbsolutePath();
            Files.createDirectories(dirs[i]);
            var pv = kubectl.runWithInput("""
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: sts-%s-%d}
                    spec:
                      capacity: {storage: 1Gi}
                      accessModes: [ReadWriteOnce]
                      claimRef: {namespace: %s, name: www-web-%d}
                      hostPath: {path: %s}
                    """.formatted(RUN, i, NS, i, dirs[i]), "apply", "-f", "-");
            assertThat(pv.code()).as(pv.all()).isZero();
        }
        suite.apply(WEB);

        var rollout = ok("-n", NS, "rollout", "status", "sts/web", "--timeout=120s");
        assertThat(rollout.stdout()).contains("Waiting for 2 pods to be ready...")
                .contains("partitioned roll out complete: 2 new pods have been updated...");
        assertThat(ok("-n", NS, "get", "sts", "web").stdout()).containsPattern("web\\s+2/2\\s+");
        // OrderedReady: web-1 was created only once web-0 was Ready
        String created0 = ok("-n", NS, "get", "pod", "web-0", "-o", "jsonpath={.status.conditions[?(@.type==\"Ready\")].lastTransitionTime}").stdout();
        String created1 = ok("-n", NS, "get", "pod", "web-1", "-o", "jsonpath={.metadata.creationTimestamp}").stdout();
        assertThat(created1.compareTo(created0)).as("web-1 created at %s, web-0 ready at %s", created1, created0)
                .isGreaterThanOrEqualTo(0);
        assertThat(ok("-n", NS, "get", "pvc", "-o", "custom-columns=NAME:.metadata.name,STATUS:.status.phase,VOLUME:.spec.volumeName",
                "--no-headers").stdout())
                .containsPattern("www-web-0\\s+Bound\\s+sts-" + RUN + "-0").containsPattern("www-web-1\\s+Bound\\s+sts-" + RUN + "-1");

        // the Service's EndpointSlice lists both pods under their hostnames
        await("both pods in the Service's EndpointSlice").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(kubectl.run("-n", NS, "get", "endpointslices", "-l",
                        "kubernetes.io/service-name=nginx", "-o",
                        "jsonpath={range .items[*].endpoints[*]}{.hostname}={.conditions.ready} {end}").stdout().trim().split(" "))
                        .containsExactlyInAnyOrder("web-0=true", "web-1=true"));

        // each pod by name through the headless Service, and its own fully qualified name
        String fqdn1 = "web-1.nginx." + NS + ".svc.cluster.local";
        await("web-1 by name from web-0").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(kubectl.run("-n", NS, "exec", "web-0", "--", "wget", "-q", "-O", "-", "http://" + fqdn1 + "/").stdout())
                        .isEqualTo(fqdn1 + "\n"));
        assertThat(ok("-n", NS, "exec", "web-1", "--", "hostname").stdout()).isEqualTo("web-1\n");
        assertThat(Files.readString(dirs[1].resolve("index.html"))).isEqualTo(fqdn1 + "\n");

        // a pod deleted comes back with its name and its claim: the data is still there
        ok("-n", NS, "delete", "pod", "web-1");
        await("web-1 back and ready").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                kubectl.run("-n", NS, "get", "sts", "web", "--no-headers").stdout().contains("2/2")
                        && Files.readString(dirs[1].resolve("index.html")).equals(fqdn1 + "\n" + fqdn1 + "\n"));

        // a rolling update replaces web-1, then web-0; undo goes back
        ok("-n", NS, "set", "env", "sts/web", "RELEASE=2");
        ok("-n", NS, "rollout", "status", "sts/web", "--timeout=120s");
        assertThat(ok("-n", NS, "get", "pods", "-l", "app=nginx", "-o",
                "jsonpath={range .items[*]}{.metadata.name}={.spec.containers[0].env[0].value} {end}").stdout())
                .isEqualTo("web-0=2 web-1=2 ");
        String revisions = ok("-n", NS, "get", "sts", "web", "-o", "jsonpath={.status.currentRevision} {.status.updateRevision}").stdout();
        assertThat(revisions.split(" ")[0]).isEqualTo(revisions.split(" ")[1]);
        assertThat(ok("-n", NS, "rollout", "history", "sts/web").stdout()).containsPattern("\\n1\\s+<none>\\n2\\s+<none>");
        assertThat(ok("-n", NS, "rollout", "undo", "sts/web").stdout()).contains("statefulset.apps/web rolled back");
        ok("-n", NS, "rollout", "status", "sts/web", "--timeout=120s");
        assertThat(ok("-n", NS, "get", "pods", "-l", "app=nginx", "-o",
                "jsonpath={range .items[*]}{.spec.containers[0].env}{end}").stdout()).isEmpty();

        // what may not change, and what may not be
        var patched = kubectl.run("-n", NS, "patch", "sts", "web", "-p", "{\"spec\":{\"serviceName\":\"other\"}}");
        assertThat(patched.code()).isNotZero();
        assertThat(patched.stderr()).contains("The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec "
                + "for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
                + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        var never = kubectl.runWithInput(WEB.replace("IMAGE", suite.image()).replace("name: web}", "name: never}")
                .replace("containers:", "restartPolicy: Never\n      containers:"), "-n", NS, "apply", "-f", "-");
        assertThat(never.code()).isNotZero();
        assertThat(never.stderr()).contains("spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");

        // scale down from the highest ordinal; the claims stay (whenScaled: Retain)
        ok("-n", NS, "scale", "sts/web", "--replicas=1");
        await("web-1 gone").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                kubectl.run("-n", NS, "get", "pods", "-o", "name").stdout().equals("pod/web-0\n"));
        assertThat(ok("-n", NS, "get", "pvc", "-o", "name").stdout()).isEqualTo(
                "persistentvolumeclaim/www-web-0\npersistentvolumeclaim/www-web-1\n");

        ok("-n", NS, "delete", "sts", "web");
        await("its pods go with it").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1)).until(() ->
                kubectl.run("-n", NS, "get", "pods", "-o", "name").stdout().isBlank());
        assertThat(ok("-n", NS, "get", "pvc", "-o", "name").stdout()).as("claims outlive the set (whenDeleted: Retain)")
                .contains("www-web-0");
    }
}
