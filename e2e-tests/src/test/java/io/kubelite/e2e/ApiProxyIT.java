package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The API server's {@code services/proxy} and {@code pods/proxy} subresources with the real
 * kubectl ({@code get --raw}, {@code kubectl proxy}) to a real container's web server (busybox
 * httpd, with a CGI script that prints what reached it). Traffic goes to 127.0.0.1 (the gateway,
 * kubectl proxy's local port) and, from the node agent, to the pod's own address.
 */
class ApiProxyIT {

    static final String NS = "api-proxy";
    static final Pattern SERVING = Pattern.compile("Starting to serve on 127\\.0\\.0\\.1:(\\d+)");
    static SuiteNamespace suite;
    static Kubectl kubectl;

    @BeforeAll
    static void startThePod() {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
        suite.apply("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, labels: {app: web}}
                spec:
                  terminationGracePeriodSeconds: 1
                  containers:
                  - name: httpd
                    image: IMAGE
                    ports: [{containerPort: 8000}]
                    command: [sh, -c, "mkdir -p /www/cgi-bin && echo hello from the pod > /www/hello.txt && printf '#!/bin/sh\\\\necho Content-Type: text/plain\\\\necho\\\\necho method=$REQUEST_METHOD\\\\necho query=$QUERY_STRING\\\\necho authorization=$HTTP_AUTHORIZATION\\\\necho remote-user=$HTTP_X_REMOTE_USER\\\\necho front-proxy=$HTTP_X_FRONT_PROXY_TOKEN\\\\necho custom=$HTTP_X_CUSTOM\\\\necho body=$(cat)\\\\n' > /www/cgi-bin/echo && chmod +x /www/cgi-bin/echo && exec httpd -f -p 8000 -h /www"]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  selector: {app: web}
                  ports: [{name: http, port: 80, targetPort: 8000}]
                """);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
                kubectl.run("get", "endpoints", "web", "-n", NS).stdout()).containsPattern("web\\s+\\d+\\.\\d+\\.\\d+\\.\\d+:8000"));
    }

    @AfterAll
    static void removeTheNamespace() {
        suite.delete();
    }

    static Kubectl.Result raw(String path) {
        return kubectl.run("get", "--raw", "/api/v1/namespaces/" + NS + "/" + path);
    }

    @Test
    void aServiceAndAPodAnswerThroughTheApiServer() {
        for (String path : new String[] {"services/web:80/proxy/hello.txt",
                "services/web:http/proxy/hello.txt", "services/http:web:80/proxy/hello.txt",
                "pods/web/proxy/hello.txt", "pods/web:8000/proxy/hello.txt"}) {
            Kubectl.Result r = raw(path);
            assertThat(r.code()).as(path + ": " + r.all()).isZero();
            assertThat(r.stdout()).as(path).isEqualTo("hello from the pod\n");
        }
    }

    @Test
    void kubectlProxyPassesMethodQueryHeadersAndBodyButNotTheCallersCredentials() throws Exception {
        try (var proxy = kubectl.stream("proxy", "--port=0")) {
            String line = proxy.await("Starting to serve on", 30);
            assertThat(line).as("kubectl proxy started").isNotNull();
            Matcher m = SERVING.matcher(line);
            assertThat(m.find()).isTrue();
            String base = "http://127.0.0.1:" + m.group(1) + "/api/v1/namespaces/" + NS;
            // HTTP/1.1 as browsers and curl speak it (the JDK's default offers an h2c upgrade)
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(base + "/services/web:80/proxy/hello.txt"))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(200);
            assertThat(get.body()).isEqualTo("hello from the pod\n");

            HttpResponse<String> post = http.send(HttpRequest.newBuilder(
                            URI.create(base + "/services/web:http/proxy/cgi-bin/echo?a=1&b=two"))
                    .header("X-Custom", "kept").header("X-Remote-User", "forged")
                    .POST(HttpRequest.BodyPublishers.ofString("posted-bytes")).timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(post.statusCode()).as(post.body()).isEqualTo(200);
            assertThat(post.body()).contains("method=POST\n", "query=a=1&b=two\n", "custom=kept\n", "body=posted-bytes\n")
                    .as("the bearer token, the identity headers and the gateway's own token stay with the API server")
                    .contains("authorization=\n", "remote-user=\n", "front-proxy=\n");
        }
    }

    @Test
    void whatCannotBeReachedSaysWhy() {
        // as in Kubernetes, a named service port must be named (or numbered) in the request
        Kubectl.Result unnamed = raw("services/web/proxy/hello.txt");
        assertThat(unnamed.code()).isNotZero();
        assertThat(unnamed.stderr()).contains("Error from server (ServiceUnavailable): no endpoints available for service \"web\"");
        Kubectl.Result noPort = raw("services/web:81/proxy/");
        assertThat(noPort.code()).isNotZero();
        assertThat(noPort.stderr()).contains("Error from server (ServiceUnavailable): no service port 81 found for service \"web\"");
        Kubectl.Result refused = raw("pods/web:9/proxy/");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).containsPattern("Error from server \\(ServiceUnavailable\\): error trying to reach "
                + "service: dial tcp \\d+\\.\\d+\\.\\d+\\.\\d+:9: connect: connection refused");
        Kubectl.Result scheme = raw("services/ftp:web:80/proxy/");
        assertThat(scheme.code()).isNotZero();
        assertThat(scheme.stderr()).contains("Error from server (BadRequest): invalid service request \"ftp:web:80\"");
        Kubectl.Result missing = raw("services/nope/proxy/");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.stderr()).contains("Error from server (NotFound): services \"nope\" not found");
    }
}
