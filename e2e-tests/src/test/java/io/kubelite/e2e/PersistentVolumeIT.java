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
 * The notes' §15: a PersistentVolume (a hostPath directory here) is bound to a claim by the
 * replication service's volume binder, a pod mounts it through the claim, and what one pod wrote
 * is there for the next pod, on the other node, after the first is gone.
 */
class PersistentVolumeIT {

    static final String NS = "storage";
    static final String PV = "pv-" + UUID.randomUUID().toString().substring(0, 8);
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
    static void cleanUp() {
        suite.delete();
        kubectl.run("delete", "pv", PV, "--wait=false");
    }

    static void apply(String yaml) {
        suite.apply(yaml);
    }

    static String pod(String name, String node, String command) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 1
                  restartPolicy: Never
                  volumes:
                  - name: data
                    persistentVolumeClaim: {claimName: data}
                  containers:
                  - name: c
                    image: IMAGE
                    command: ["sh", "-c", "%s"]
                    volumeMounts:
                    - {name: data, mountPath: /data}
                """.formatted(name, node, command);
    }

    @Test
    void aClaimIsBoundToAVolumeWhoseDataOutlivesThePodsThatMountIt() throws Exception {
        Path dir = cluster.home.resolve("e2e-tests/target/" + PV).toAbsolutePath();
        apply("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %s}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  persistentVolumeReclaimPolicy: Retain
                  hostPath: {path: %s}
                """.formatted(PV, dir));
        apply("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                spec:
                  accessModes: [ReadWriteOnce]
                  # no class: with a default StorageClass, only a claim that asks for none binds a class-less volume
                  storageClassName: ""
                  resources: {requests: {storage: 500Mi}}
                """);
        await("the claim bound").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pvc", "data", "-n", NS).stdout())
                        .containsPattern("data\\s+Bound\\s+" + PV + "\\s+1Gi\\s+RWO"));
        assertThat(kubectl.run("get", "pv", PV).stdout()).containsPattern(PV + "\\s+1Gi\\s+RWO\\s+Retain\\s+Bound\\s+" + NS + "/data");

        apply(pod("writer", "node-1", "echo written-by-writer > /data/note"));
        await("the writer's file on the volume").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(dir.resolve("note")));
        assertThat(Files.readString(dir.resolve("note")).trim()).isEqualTo("written-by-writer");
        kubectl.run("delete", "pod", "writer", "-n", NS);

        apply(pod("reader", "node-2", "cat /data/note"));
        await("the reader reads it").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.run("logs", "reader", "-n", NS).stdout().trim()).isEqualTo("written-by-writer"));

        kubectl.run("delete", "pod", "reader", "-n", NS, "--grace-period=0", "--force");
        assertThat(kubectl.run("delete", "pvc", "data", "-n", NS).code()).isZero();
        await("the volume released").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pv", PV).stdout()).containsPattern(PV + "\\s+1Gi\\s+RWO\\s+Retain\\s+Released"));
        assertThat(dir.resolve("note")).as("Retain keeps the data").exists();
    }

    @Test
    void aPodWhoseClaimDoesNotExistWaitsWithTheReason() {
        apply(pod("orphan-claim", "node-1", "true").replace("claimName: data", "claimName: nowhere"));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.run("describe", "pod", "orphan-claim", "-n", NS).stdout())
                        .contains("persistentvolumeclaim \"nowhere\" not found"));
    }

    /** kube-scheduler's VolumeBinding: a pod waits Pending while its claim is unbound, and is placed once it binds. */
    @Test
    void aPodWaitsForItsClaimToBeBoundBeforeItIsScheduled() throws Exception {
        String pv = PV + "-late";
        Path dir = cluster.home.resolve("e2e-tests/target/" + pv).toAbsolutePath();
        apply("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: late}
                spec:
                  accessModes: [ReadWriteOnce]
                  storageClassName: late
                  resources: {requests: {storage: 100Mi}}
                """);
        apply(pod("waits", "", "echo placed > /data/note").replace("  nodeName: \n", "")
                .replace("claimName: data", "claimName: late"));
        await("Pending with kube-scheduler's reason").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .untilAsserted(() -> assertThat(kubectl.run("describe", "pod", "waits", "-n", NS).stdout())
                        .contains("pod has unbound immediate PersistentVolumeClaims"));
        assertThat(kubectl.run("get", "pod", "waits", "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout()).isEmpty();

        apply("""
                apiVersion: v1
                kind: PersistentVolume
                metadata: {name: %s}
                spec:
                  capacity: {storage: 1Gi}
                  accessModes: [ReadWriteOnce]
                  storageClassName: late
                  hostPath: {path: %s}
                """.formatted(pv, dir));
        try {
            await("scheduled and run once the claim is bound").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> Files.exists(dir.resolve("note")));
            assertThat(kubectl.run("get", "pod", "waits", "-n", NS, "-o", "jsonpath={.spec.nodeName}").stdout())
                    .isIn("node-1", "node-2");
        } finally {
            kubectl.run("delete", "pv", pv, "--wait=false");
        }
    }

    /**
     * The default StorageClass ({@code standard}, kubelite's hostPath provisioner): a claim that
     * names no class gets a volume made for it, a directory on the machine, and loses it — data
     * included — with the claim (reclaim policy Delete).
     */
    @Test
    void aClaimOfTheDefaultClassGetsAVolumeMadeForItThatGoesWithIt() throws Exception {
        assertThat(kubectl.run("get", "storageclass").stdout())
                .containsPattern("standard \\(default\\)\\s+kubelite.io/hostpath\\s+Delete\\s+Immediate\\s+false\\s+");
        apply("""
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: made}
                spec:
                  accessModes: [ReadWriteOnce]
                  resources: {requests: {storage: 100Mi}}
                """);
        await("bound to a volume made for it").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pvc", "made", "-n", NS).stdout())
                        .containsPattern("made\\s+Bound\\s+pvc-[0-9a-f-]+\\s+100Mi\\s+RWO\\s+standard"));
        String pv = kubectl.run("get", "pvc", "made", "-n", NS, "-o", "jsonpath={.spec.volumeName}").stdout();
        Path dir = Path.of(kubectl.run("get", "pv", pv, "-o", "jsonpath={.spec.hostPath.path}").stdout());
        assertThat(kubectl.run("describe", "pvc", "made", "-n", NS).stdout())
                .containsPattern("ProvisioningSucceeded\\s+.*Successfully provisioned volume " + pv);

        apply(pod("maker", "node-2", "echo made-here > /data/note").replace("claimName: data", "claimName: made"));
        await("the pod's file in the volume's directory").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> Files.exists(dir.resolve("note")));
        assertThat(Files.readString(dir.resolve("note")).trim()).isEqualTo("made-here");

        kubectl.run("delete", "pod", "maker", "-n", NS, "--grace-period=0", "--force");
        assertThat(kubectl.run("delete", "pvc", "made", "-n", NS).code()).isZero();
        await("the volume and its directory go with the claim").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> kubectl.run("get", "pv", pv).code() != 0 && !Files.exists(dir));
    }
}
