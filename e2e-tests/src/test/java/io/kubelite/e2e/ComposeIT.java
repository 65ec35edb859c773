package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code docker compose up} proven, not assumed: the images {@code ./kubelite images} builds, the
 * repository's docker-compose.yml, and then the real kubectl against the containers: the notes'
 * webapp ReplicationController and Service (§28) reached on its ClusterIP from this machine and by
 * name from a pod, a service account token, a user's certificate from an approved
 * CertificateSigningRequest, and the cluster's state kept across
 * {@code docker compose stop} and {@code up}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ComposeIT {

    static final String NS = "compose";
    static ComposeCluster cluster;
    static Kubectl kubectl;

    @BeforeAll
    static void composeUp() {
        cluster = new ComposeCluster();
        cluster.up();
        kubectl = new Kubectl(cluster.kubeconfig());
    }

    /**
     * The containers go whatever the namespace does: its pods (30 s of grace each, busybox's httpd
     * ignoring SIGTERM) may outlast a slow machine's patience, and a teardown that threw before
     * {@code down} once left the whole compose cluster running.
     */
    @AfterAll
    static void composeDown() {
        try {
            if (kubectl != null) {
                kubectl.run("delete", "namespace", NS, "--wait=false");
            }
        } finally {
            cluster.down();
        }
    }

    @Test
    @Order(1)
    void everyComponentRunsHealthyAndBothNodesAreReady() {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            String ps = cluster.compose("ps").output();
            for (String service : new String[] {"postgres", "kafka", "object-store-service", "api-gateway",
                    "scheduler-service", "replication-service", "autoscaler-service", "dns-service", "node-1", "node-2"}) {
                assertThat(ps).containsPattern(ComposeCluster.PROJECT + "[-_]" + service + "[-_]1\\s.*\\(healthy\\)");
            }
        });
        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> assertThat(kubectl.run("get", "nodes").stdout())
                .containsPattern("node-1\\s+Ready").containsPattern("node-2\\s+Ready"));
        assertThat(kubectl.run("get", "service", "kubernetes", "-n", "default").stdout()).contains("10.97.0.1 ");
    }

    @Test
    @Order(2)
    void theNotesWebappAnswersOnItsClusterIpAndByNameFromAPod() throws Exception {
        assertThat(kubectl.run("create", "namespace", NS).code()).isZero();
        for (String manifest : new String[] {"examples/webapp-rc.yaml", "examples/webapp-svc.yaml"}) {
            var r = kubectl.run("apply", "-n", NS, "-f", cluster.home.resolve(manifest).toString());
            assertThat(r.code()).as(r.all()).isZero();
        }
        awaitTwoWebappPodsReady();
        String clusterIp = kubectl.run("get", "service", "webapp", "-n", NS, "-o", "jsonpath={.spec.clusterIP}").stdout().trim();
        assertThat(clusterIp).startsWith("10.97.");

        await().atMost(Duration.ofSeconds(30)).until(() -> ServiceProxyIT.boundHere(clusterIp));
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
                assertThat(ServiceProxyIT.get(clusterIp, 8081)).isEqualTo("tomcat (kubelite stand-in)"));

        String pod = kubectl.run("get", "pods", "-n", NS, "-l", "app=webapp", "-o", "jsonpath={.items[0].metadata.name}").stdout();
        // the cluster DNS serves once its container is up and node-1's proxy carries kube-dns to it
        // (on a loaded machine that can be after the webapp's pods run), and it learns the Service
        // from its change stream, as CoreDNS from its watch: the name answers once that event arrived
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kubectl.run("get", "endpoints",
                "kube-dns", "-n", "kube-system", "-o", "jsonpath={.subsets[*].addresses[*].ip}").stdout()).isNotBlank());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            var byName = kubectl.run("exec", "-n", NS, pod, "--", "wget", "-q", "-O", "-", "http://webapp:8081/");
            assertThat(byName.code()).as(byName.all() + "\nkube-dns: "
                    + kubectl.run("get", "endpoints", "kube-dns", "-n", "kube-system", "-o", "wide").all()).isZero();
            assertThat(byName.stdout()).contains("tomcat (kubelite stand-in)");
        });
        var logs = kubectl.run("logs", "-n", NS, pod);
        assertThat(logs.code()).as(logs.all()).isZero();

        var created = kubectl.run("create", "token", "default", "-n", NS);
        assertThat(created.code()).as(created.all()).isZero();
        String token = created.stdout().strip();
        assertThat(token.split("\\.")).hasSize(3);
        assertThat(kubectl.run("--token=" + token, "get", "rc", "webapp", "-n", NS).stderr())
                .as("RBAC: the account may read nothing yet").contains("(Forbidden)");
        assertThat(kubectl.run("create", "rolebinding", "default-view", "--clusterrole=view",
                "--serviceaccount=" + NS + ":default", "-n", NS).code()).isZero();
        var asDefault = kubectl.run("--token=" + token, "get", "rc", "webapp", "-n", NS);
        assertThat(asDefault.code()).as(asDefault.all()).isZero();
    }

    /** The client CA the credentials step made: an approved request is signed, and the gateway takes its certificate. */
    @Test
    @Order(3)
    void anApprovedCertificateSigningRequestIsSignedAndItsCertificateIsAUser() throws Exception {
        UserCertificates users = new UserCertificates(Files.createTempDirectory("compose-users"));
        var submitted = UserCertificates.submit(kubectl, "compose-jane", users.request("jane", "/CN=jane/O=dev"));
        assertThat(submitted.code()).as(submitted.all()).isZero();
        assertThat(kubectl.run("certificate", "approve", "compose-jane").code()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "csr", "compose-jane").stdout()).contains("Approved,Issued"));
        Kubectl jane = users.kubeconfigFor(kubectl, cluster.kubeconfig(), "compose-jane", "jane");
        var whoami = jane.run("--context=jane", "auth", "whoami");
        assertThat(whoami.code()).as(whoami.all()).isZero();
        assertThat(whoami.stdout()).containsPattern("Username\\s+jane").contains("[dev system:authenticated]");
        kubectl.run("delete", "csr", "compose-jane");
    }

    @Test
    @Order(4)
    void theClusterKeepsItsObjectsAndCredentialsAcrossStopAndUp() throws Exception {
        String kubeconfig = Files.readString(cluster.kubeconfig());
        String uid = kubectl.run("get", "rc", "webapp", "-n", NS, "-o", "jsonpath={.metadata.uid}").stdout();
        assertThat(uid).isNotBlank();

        assertThat(cluster.compose("stop").code()).isZero();
        var up = cluster.compose("up", "-d");
        assertThat(up.code()).as(up.output()).isZero();

        assertThat(Files.readString(cluster.kubeconfig())).isEqualTo(kubeconfig);
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(2)).ignoreExceptions().untilAsserted(() ->
                assertThat(kubectl.run("get", "rc", "webapp", "-n", NS, "-o", "jsonpath={.metadata.uid}").stdout())
                        .isEqualTo(uid));
        awaitTwoWebappPodsReady();
    }

    private static void awaitTwoWebappPodsReady() {
        await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pods", "-n", NS, "-l", "app=webapp").stdout().lines()
                        .filter(l -> l.matches("webapp-\\S+\\s+1/1\\s+Running\\s.*"))).hasSize(2));
    }
}
