package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code kubectl port-forward} through the gateway, the API server and the node agent to a real
 * container: a file served by the pod arrives intact (several connections at once), bytes sent to
 * the pod arrive intact, and the refusals say why. All traffic goes to 127.0.0.1 (kubectl's local
 * port) and, from the node agent, to the pod's own address.
 */
class PortForwardIT {

    static final String NS = "port-forward";
    static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) -> (\\d+)");
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void startCluster() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
        suite.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: files}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: httpd
                    image: IMAGE
                    command: [sh, -c, "mkdir -p /www && head -c 1500000 /dev/urandom > /www/big && md5sum /www/big && exec httpd -f -p 8000 -h /www"]
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: sink}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: nc
                    image: IMAGE
                    command: [sh, -c, "sleep 3600 | nc -l -p 9000 > /tmp/received"]
                """);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                kubectl.run("get", "pods", "-n", NS).stdout()).containsPattern("files\\s+1/1\\s+Running")
                .containsPattern("sink\\s+1/1\\s+Running"));
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    /** The local port kubectl chose, once it says it forwards. */
    static int localPort(Kubectl.Streaming forward) throws InterruptedException {
        String line = forward.await("Forwarding from 127.0.0.1", 30);
        assertThat(line).as("kubectl port-forward started").isNotNull();
        Matcher m = FORWARDING.matcher(line);
        assertThat(m.find()).isTrue();
        return Integer.parseInt(m.group(1));
    }

    static String md5(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    }

    @Test
    void aFileServedByThePodArrivesIntactOverSeveralConnectionsAtOnce() throws Exception {
        String expected = kubectl.run("logs", "files", "-n", NS).stdout().split("\\s+")[0];
        assertThat(expected).hasSize(32);
        try (var forward = kubectl.stream("port-forward", "-n", NS, "pod/files", ":8000")) {
            int port = localPort(forward);
            HttpClient http = HttpClient.newHttpClient();
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/big"))
                    .timeout(Duration.ofSeconds(30)).build();
            List<CompletableFuture<HttpResponse<byte[]>>> downloads = List.of(
                    http.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()),
                    http.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()),
                    http.sendAsync(get, HttpResponse.BodyHandlers.ofByteArray()));
            for (var download : downloads) {
                HttpResponse<byte[]> response = download.get();
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.body()).hasSize(1_500_000);
                assertThat(md5(response.body())).isEqualTo(expected);
            }
            HttpResponse<byte[]> again = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
            assertThat(md5(again.body())).as("a connection after others ended").isEqualTo(expected);
        }
    }

    @Test
    void bytesSentToThePodArriveIntact() throws Exception {
        byte[] payload = new byte[1_000_000];
        new Random(7).nextBytes(payload);
        try (var forward = kubectl.stream("port-forward", "-n", NS, "pod/sink", ":9000")) {
            int port = localPort(forward);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                OutputStream out = socket.getOutputStream();
                out.write(payload);
                out.flush();
                socket.shutdownOutput();
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                        kubectl.run("exec", "sink", "-n", NS, "--", "md5sum", "/tmp/received").stdout())
                        .startsWith(md5(payload)));
            }
        }
    }

    @Test
    void aPortNobodyListensOnIsReportedAndRefusalsSayWhy() throws Exception {
        try (var forward = kubectl.stream("port-forward", "-n", NS, "pod/files", ":8999")) {
            int port = localPort(forward);
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                socket.setSoTimeout(15_000);
                InputStream in = socket.getInputStream();
                assertThat(in.read()).as("the forwarded connection ends").isEqualTo(-1);
            } catch (java.net.SocketException reset) {
                // kubectl may reset the local connection instead of closing it
            }
            assertThat(forward.await("error forwarding port 8999 to pod port-forward/files", 15))
                    .as("kubectl prints the agent's reason").isNotNull();
        }
        var missing = kubectl.run("port-forward", "-n", NS, "pod/nope", ":80");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("pods \"nope\" not found");
    }
}
