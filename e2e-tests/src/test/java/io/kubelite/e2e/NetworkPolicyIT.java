package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * NetworkPolicies enforced as a network plugin enforces them: the node agents program the host's
 * packet filter for pod-to-pod traffic and the Service proxy checks connections through Services;
 * a pod's node may always reach it. Pods talk with {@code wget} through {@code kubectl exec}; the
 * test itself connects only to its own pods.
 */
class NetworkPolicyIT {

    static final String NS = "netpol-e2e";
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    static String server(String name, String app, String node) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %1$s, labels: {app: %2$s}}
                spec:
                  nodeName: %3$s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: IMAGE
                    command: ["sh", "-c", "mkdir -p /www && echo %1$s > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080, name: http}]
                    readinessProbe: {tcpSocket: {port: 8080}, periodSeconds: 1}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: %1$s}
                spec:
                  selector: {app: %2$s}
                  ports: [{port: 80, targetPort: http}]
                """.formatted(name, app, node);
    }

    static String client(String name, String app, String node) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, labels: {app: %s}}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 1
                  containers: [{name: c, image: IMAGE, command: [sleep, "3600"]}]
                """.formatted(name, app, node);
    }

    static String ip(String pod) {
        return suite.ok("get", "pod", pod, "-n", NS, "-o", "jsonpath={.status.podIP}").stdout().trim();
    }

    /** {@code wget} from a pod: the body, or the error wget printed. */
    static Kubectl.Result fetch(String fromPod, String url) {
        return kubectl.run("exec", "-n", NS, fromPod, "--", "wget", "-q", "-O", "-", url);
    }

    static String iptablesSave() throws IOException, InterruptedException {
        Process p = new ProcessBuilder("iptables-save", "-t", "filter").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return out;
    }

    /** One HTTP/1.0 GET from this machine (the node) to a pod of this test. */
    static String get(String ip, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 2_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
        }
    }

    @Test
    void anIngressPolicyLetsOnlyItsPeersReachTheSelectedPodDirectlyAndThroughItsService() throws Exception {
        suite.apply(server("db", "db", "node-1"));
        suite.apply(client("web", "web", "node-2"));
        suite.apply(client("stranger", "stranger", "node-1"));
        suite.ok("wait", "-n", NS, "--for=condition=Ready", "pod/db", "pod/web", "pod/stranger", "--timeout=90s");
        String db = ip("db");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(fetch("stranger", "http://db/").stdout()).as("before any policy").isEqualTo("db\n"));

        suite.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: db-from-web}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress:
                  - from: [{podSelector: {matchLabels: {app: web}}}]
                    ports: [{port: http}]
                """);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Kubectl.Result direct = fetch("stranger", "http://" + db + ":8080/");
            assertThat(direct.code()).as(direct.all()).isNotZero();
            assertThat(direct.stderr()).contains("Connection refused");
        });
        long start = System.nanoTime();
        Kubectl.Result viaService = fetch("stranger", "http://db/");
        assertThat(viaService.code()).as(viaService.all()).isNotZero();
        assertThat(viaService.stderr()).contains("Connection reset by peer");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("refused at once, not timed out")
                .isLessThan(Duration.ofSeconds(10));

        assertThat(fetch("web", "http://" + db + ":8080/").stdout()).as("web from node-2, directly").isEqualTo("db\n");
        assertThat(fetch("web", "http://db/").stdout()).as("web through the Service").isEqualTo("db\n");
        assertThat(get(db, 8080)).as("the node").isEqualTo("db");
        assertThat(iptablesSave()).contains("-d " + db + "/32 -j KL");

        suite.ok("delete", "networkpolicy", "db-from-web", "-n", NS);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(fetch("stranger", "http://" + db + ":8080/").stdout()).isEqualTo("db\n"));
        assertThat(fetch("stranger", "http://db/").stdout()).isEqualTo("db\n");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(iptablesSave()).as("no rule left for an open pod").doesNotContain("-d " + db + "/32 "));
    }

    @Test
    void anEgressPolicyLetsTheSelectedPodOpenOnlyWhatItAllowsAndDnsStillAnswers() throws Exception {
        suite.apply(server("api", "api", "node-2"));
        suite.apply(server("admin", "admin", "node-1"));
        suite.apply(server("worker", "worker", "node-1"));
        suite.ok("wait", "-n", NS, "--for=condition=Ready", "pod/api", "pod/admin", "pod/worker", "--timeout=90s");
        String admin = ip("admin");
        suite.apply("""
                apiVersion: networking.k8s.io/v1
                kind: NetworkPolicy
                metadata: {name: worker-to-api}
                spec:
                  podSelector: {matchLabels: {app: worker}}
                  policyTypes: [Egress]
                  egress:
                  - to:
                    - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %s}}
                      podSelector: {matchLabels: {app: api}}
                    ports: [{protocol: TCP, port: http}]
                """.formatted(NS));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            Kubectl.Result direct = fetch("worker", "http://" + admin + ":8080/");
            assertThat(direct.code()).as(direct.all()).isNotZero();
            assertThat(direct.stderr()).contains("Connection refused");
        });
        Kubectl.Result adminService = fetch("worker", "http://admin/");
        assertThat(adminService.code()).as(adminService.all()).isNotZero();
        assertThat(adminService.stderr()).as("the name resolved; the connection was refused")
                .contains("Connection reset by peer");
        assertThat(fetch("worker", "http://api/").stdout()).isEqualTo("api\n");
        assertThat(fetch("worker", "http://" + ip("api") + ":8080/").stdout()).isEqualTo("api\n");
        assertThat(fetch("admin", "http://worker/").stdout()).as("ingress to the worker stays open").isEqualTo("worker\n");
        assertThat(fetch("api", "http://admin/").stdout()).as("other pods are not isolated").isEqualTo("admin\n");
    }
}
