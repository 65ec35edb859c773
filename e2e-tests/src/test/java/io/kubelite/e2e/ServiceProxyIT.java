package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Services as a user reaches them (the notes' §13 and §28–29): node-1's agent proxies every
 * Service port that has ready endpoints on its ClusterIP (held as a local address of this machine)
 * and, for NodePort Services, on the node's address. Traffic goes only to ClusterIPs once they
 * are bound here, to 127.0.0.1 and to this test's containers.
 */
class ServiceProxyIT {

    static final String NS = "svc-proxy";
    static SuiteNamespace suite;
    static LocalCluster cluster;
    static Kubectl kubectl;
    static String image;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        cluster = suite.cluster();
        kubectl = suite.kubectl();
        image = suite.image();
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    static void apply(String yaml) {
        suite.apply(yaml);
    }

    /** A pod on {@code node} whose web server answers with the pod's name. */
    static String echoPod(String name, String node) {
        return echoPod(name, node, "echo");
    }

    static String echoPod(String name, String node, String app) {
        return """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %s
                  labels: {app: %s}
                spec:
                  nodeName: %s
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: web
                    image: IMAGE
                    command: ["sh", "-c", "mkdir -p /www && hostname > /www/index.html && exec httpd -f -p 8080 -h /www"]
                    ports: [{containerPort: 8080, name: http}]
                    readinessProbe:
                      tcpSocket: {port: 8080}
                      periodSeconds: 1
                """.formatted(name, app, node);
    }

    static String jsonpath(String kind, String name, String path) {
        return kubectl.run("get", kind, name, "-n", NS, "-o", "jsonpath={" + path + "}").stdout().trim();
    }

    /** Whether {@code ip} is a local address of this machine now (the proxy added it to lo). */
    static boolean boundHere(String ip) {
        try {
            Process p = new ProcessBuilder("ip", "-o", "-4", "addr", "show", "dev", "lo").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            p.waitFor(10, TimeUnit.SECONDS);
            return out.contains(" " + ip + "/32 ");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One HTTP/1.0 GET on a new connection; the body. */
    static String get(String ip, int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(ip, port), 2_000);
            s.setSoTimeout(5_000);
            OutputStream out = s.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: svc\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String response = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.");
            return response.substring(response.indexOf("\r\n\r\n") + 4).trim();
        }
    }

    static List<String> gets(String ip, int port, int n) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            bodies.add(get(ip, port));
        }
        return bodies;
    }

    @Test
    void aServiceBalancesOverItsReadyPodsOnItsClusterIpAndNodePortUntilItHasNone() throws Exception {
        apply(echoPod("echo-1", "node-1"));
        apply(echoPod("echo-2", "node-2"));
        apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: echo}
                spec:
                  type: NodePort
                  selector: {app: echo}
                  ports:
                  - {name: web, port: 80, targetPort: http}
                """);
        apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: client}
                spec:
                  nodeName: node-2
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: sh, image: IMAGE, command: ["sleep", "3600"]}
                """);
        String clusterIp = jsonpath("service", "echo", ".spec.clusterIP");
        int nodePort = Integer.parseInt(jsonpath("service", "echo", ".spec.ports[0].nodePort"));
        assertThat(clusterIp).startsWith("10.98.");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(jsonpath("endpoints", "echo", ".subsets[*].addresses[*].ip").split(" ")).hasSize(2));
        await().atMost(Duration.ofSeconds(15)).until(() -> boundHere(clusterIp));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(gets(clusterIp, 80, 6)).as("round robin over both pods").containsOnly("echo-1", "echo-2")
                        .contains("echo-1", "echo-2"));
        assertThat(gets("127.0.0.1", nodePort, 4)).as("the NodePort on the node's address").containsOnly("echo-1", "echo-2")
                .contains("echo-1", "echo-2");

        // From inside a pod on the Docker bridge, as an application reaches a Service: the pod,
        // created after the Service, finds it through the variables the kubelet sets (the notes' §13).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "client", "-n", NS, "--no-headers").stdout()).contains("Running"));
        assertThat(kubectl.run("exec", "-n", NS, "client", "--", "sh", "-c",
                "echo $ECHO_SERVICE_HOST $ECHO_SERVICE_PORT $ECHO_SERVICE_PORT_WEB $ECHO_PORT").stdout().trim())
                .isEqualTo(clusterIp + " 80 80 tcp://" + clusterIp + ":80");
        assertThat(kubectl.run("exec", "-n", NS, "client", "--", "sh", "-c",
                "wget -q -O - http://$ECHO_SERVICE_HOST:$ECHO_SERVICE_PORT/").stdout().trim()).isIn("echo-1", "echo-2");

        // sessionAffinity: ClientIP sends this client to one pod every time.
        var patched = kubectl.run("patch", "service", "echo", "-n", NS, "-p", "{\"spec\":{\"sessionAffinity\":\"ClientIP\"}}");
        assertThat(patched.code()).as(patched.all()).isZero();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(gets(clusterIp, 80, 6).stream().distinct().toList()).hasSize(1));

        // A pod that goes away leaves the rotation.
        kubectl.run("delete", "pod", "echo-2", "-n", NS, "--wait=false");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(jsonpath("endpoints", "echo", ".subsets[*].addresses[*].ip").split(" ")).hasSize(1));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(gets(clusterIp, 80, 4)).containsOnly("echo-1"));

        // No ready pod: connections are refused at once, as kube-proxy rejects them.
        kubectl.run("delete", "pod", "echo-1", "-n", NS, "--wait=false");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThatThrownBy(() -> get(clusterIp, 80)).isInstanceOf(ConnectException.class));
        assertThatThrownBy(() -> get("127.0.0.1", nodePort)).isInstanceOf(ConnectException.class);

        // The ClusterIP is given back with its Service.
        kubectl.run("delete", "service", "echo", "-n", NS);
        await().atMost(Duration.ofSeconds(15)).until(() -> !boundHere(clusterIp));
    }

    /** The Service's load balancer ingress IPs, "" for none. */
    static String externalIp(String service) {
        return jsonpath("service", service, ".status.loadBalancer.ingress[*].ip");
    }

    /**
     * {@code type: LoadBalancer} as on a local Kubernetes (Docker Desktop publishes such Services on
     * the machine): the Service gets the node's address as its EXTERNAL-IP and answers there at its
     * own port; a port another Service or program holds leaves it {@code <pending>}, saying why in
     * its events, until the port is free.
     */
    @Test
    void aLoadBalancerServiceAnswersOnTheMachinesAddressAtItsPortUnlessThePortIsTaken() throws Exception {
        apply(echoPod("lb-1", "node-1", "lb"));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "lb-1", "-n", NS, "--no-headers").stdout()).contains("1/1"));
        var exposed = kubectl.run("expose", "pod", "lb-1", "-n", NS, "--name=lb-web", "--type=LoadBalancer",
                "--port=19080", "--target-port=8080");
        assertThat(exposed.code()).as(exposed.all()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(externalIp("lb-web")).isEqualTo("127.0.0.1"));
        assertThat(kubectl.run("get", "service", "lb-web", "-n", NS, "--no-headers").stdout())
                .containsPattern("^lb-web\\s+LoadBalancer\\s+10\\.98\\.\\S+\\s+127\\.0\\.0\\.1\\s+19080:3\\d{4}/TCP\\s");
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("127.0.0.1", 19080)).isEqualTo("lb-1"));
        assertThat(kubectl.run("describe", "service", "lb-web", "-n", NS).stdout())
                .containsPattern("LoadBalancer Ingress:\\s+127\\.0\\.0\\.1")
                .contains("EnsuringLoadBalancer").contains("EnsuredLoadBalancer");

        // the same port again: pending, and why
        assertThat(kubectl.run("expose", "pod", "lb-1", "-n", NS, "--name=lb-second", "--type=LoadBalancer",
                "--port=19080", "--target-port=8080").code()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("describe", "service", "lb-second",
                "-n", NS).stdout()).contains("SyncLoadBalancerFailed").contains("Error syncing load balancer: failed to "
                + "ensure load balancer: port 19080/TCP on 127.0.0.1 is already used by LoadBalancer Service " + NS + "/lb-web"));
        assertThat(kubectl.run("get", "service", "lb-second", "-n", NS, "--no-headers").stdout()).contains("<pending>");

        // a port another program holds (here the ingress controller's)
        String ingressPort = cluster.env.get("KUBELITE_INGRESS_PORT");
        assertThat(kubectl.run("expose", "pod", "lb-1", "-n", NS, "--name=lb-taken", "--type=LoadBalancer",
                "--port=" + ingressPort, "--target-port=8080").code()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(kubectl.run("describe", "service", "lb-taken",
                "-n", NS).stdout()).contains("port " + ingressPort + "/TCP on 127.0.0.1 is in use by another program"));
        assertThat(externalIp("lb-taken")).isEmpty();

        // the first one gone, the second takes the port over
        assertThat(kubectl.run("delete", "service", "lb-web", "-n", NS).code()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(externalIp("lb-second")).isEqualTo("127.0.0.1"));
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(get("127.0.0.1", 19080)).isEqualTo("lb-1"));

        // no longer a LoadBalancer: the address is given back and the port closes
        var changed = kubectl.run("patch", "service", "lb-second", "-n", NS, "-p", "{\"spec\":{\"type\":\"NodePort\"}}");
        assertThat(changed.code()).as(changed.all()).isZero();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(externalIp("lb-second")).isEmpty());
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThatThrownBy(() -> get("127.0.0.1", 19080)).isInstanceOf(ConnectException.class));
        assertThat(kubectl.run("describe", "service", "lb-second", "-n", NS).stdout()).contains("DeletedLoadBalancer");
        kubectl.run("delete", "service", "lb-second", "lb-taken", "-n", NS);
        kubectl.run("delete", "pod", "lb-1", "-n", NS, "--wait=false");
    }

    /**
     * The notes' §30: pods find Services by name. The cluster DNS (dns-service) is Service
     * kube-system/kube-dns (the test cluster's 10.98.0.10), which node-1's proxy carries to it over UDP and TCP; a pod
     * created once it exists gets it as its nameserver with its namespace's search path.
     */
    @Test
    void podsFindServicesByNameThroughTheClusterDns() throws Exception {
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(kubectl.run("get", "endpoints", "kube-dns",
                "-n", "kube-system", "-o", "jsonpath={.subsets[*].ports[*].protocol}").stdout()).contains("UDP", "TCP"));
        String dnsIp = kubectl.run("get", "service", "kube-dns", "-n", "kube-system", "-o", "jsonpath={.spec.clusterIP}")
                .stdout().trim();
        assertThat(dnsIp).isEqualTo(LocalCluster.DNS_CLUSTER_IP);
        await().atMost(Duration.ofSeconds(15)).until(() -> boundHere(dnsIp));

        apply(echoPod("dns-echo", "node-1", "dns-echo"));
        apply("""
                apiVersion: v1
                kind: Service
                metadata: {name: named}
                spec:
                  selector: {app: dns-echo}
                  ports:
                  - {name: web, port: 80, targetPort: 8080}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: named-headless}
                spec:
                  clusterIP: None
                  selector: {app: dns-echo}
                  ports:
                  - {name: web, port: 8080}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: dns-client}
                spec:
                  nodeName: node-2
                  terminationGracePeriodSeconds: 1
                  containers:
                  - {name: sh, image: IMAGE, command: ["sleep", "3600"]}
                """);
        String clusterIp = jsonpath("service", "named", ".spec.clusterIP");
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(jsonpath("endpoints", "named", ".subsets[*].addresses[*].ip")).matches("\\d+\\.\\d+\\.\\d+\\.\\d+"));
        String podIp = jsonpath("pod", "dns-echo", ".status.podIP");
        await().atMost(Duration.ofSeconds(15)).until(() -> boundHere(clusterIp));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "pod", "dns-client", "-n", NS, "--no-headers").stdout()).contains("Running"));

        assertThat(kubectl.run("exec", "-n", NS, "dns-client", "--", "cat", "/etc/resolv.conf").stdout())
                .contains("nameserver " + LocalCluster.DNS_CLUSTER_IP, "search svc-proxy.svc.cluster.local svc.cluster.local cluster.local",
                        "options ndots:5");
        var lookup = kubectl.run("exec", "-n", NS, "dns-client", "--", "nslookup", "named.svc-proxy.svc.cluster.local");
        assertThat(lookup.code()).as(lookup.all()).isZero();
        assertThat(lookup.stdout()).contains("Address: " + clusterIp);
        assertThat(kubectl.run("exec", "-n", NS, "dns-client", "--", "nslookup", "named-headless.svc-proxy.svc.cluster.local")
                .stdout()).as("a headless Service's name is its pods").contains("Address: " + podIp).doesNotContain(clusterIp);
        var missing = kubectl.run("exec", "-n", NS, "dns-client", "--", "nslookup", "nope.svc-proxy.svc.cluster.local");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.all()).contains("NXDOMAIN");

        // The short name through the search path, then the Service's ClusterIP through the proxy.
        var page = kubectl.run("exec", "-n", NS, "dns-client", "--", "wget", "-q", "-O", "-", "http://named/");
        assertThat(page.code()).as(page.all()).isZero();
        assertThat(page.stdout().trim()).isEqualTo("dns-echo");
    }

    /**
     * Service default/kubernetes: the range's first address, port 443, carried by the proxy to the
     * gateway — the way a pod reaches the API (here from this machine, with TLS, trusting any
     * certificate: the test checks the path, not the certificate).
     */
    @Test
    void theApisOwnServiceLeadsToTheApi() throws Exception {
        String ip = kubectl.run("get", "service", "kubernetes", "-n", "default", "-o", "jsonpath={.spec.clusterIP}").stdout().trim();
        assertThat(ip).isEqualTo("10.98.0.1");
        assertThat(kubectl.run("get", "endpoints", "kubernetes", "-n", "default").stdout()).contains("127.0.0.1:16443");
        await().atMost(Duration.ofSeconds(15)).until(() -> boundHere(ip));
        SSLContext tls = AnyCertificate.context();
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(ip, 443), 2_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /version HTTP/1.0\r\nHost: kubernetes.default.svc\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").contains("\"minor\":\"32\"", "gitVersion");
        }
    }
}
