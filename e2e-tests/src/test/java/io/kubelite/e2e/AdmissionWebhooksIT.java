package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.FileInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Admission webhooks driven with the real kubectl: an HTTPS webhook of this test on 127.0.0.1
 * (its self-signed certificate is the configurations' caBundle) labels every ConfigMap created in
 * one namespace and refuses those holding the key {@code forbidden}; kubectl lists the
 * configurations and shows the refusal as it shows Kubernetes'.
 */
class AdmissionWebhooksIT {

    static final String NS = "webhook-e2e";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static Kubectl kubectl;
    static HttpsServer webhook;
    static String caBundle;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        kubectl = new Kubectl(LocalCluster.get().kubeconfig());
        Path keystore = dir.resolve("webhook.p12");
        Path pem = dir.resolve("webhook.crt");
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        exec(keytool, "-genkeypair", "-alias", "w", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", "changeit");
        exec(keytool, "-exportcert", "-rfc", "-alias", "w", "-keystore", keystore.toString(), "-storepass", "changeit",
                "-file", pem.toString());
        caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pem));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        webhook = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        webhook.setHttpsConfigurator(new HttpsConfigurator(tls));
        webhook.createContext("/", exchange -> {
            JsonNode request = JSON.readTree(exchange.getRequestBody()).path("request");
            ObjectNode response = JSON.createObjectNode().put("uid", request.path("uid").asString());
            if (exchange.getRequestURI().getPath().equals("/mutate")) {
                String patch = "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"checked-by\":\"webhook\"}}]";
                response.put("allowed", true).put("patchType", "JSONPatch")
                        .put("patch", Base64.getEncoder().encodeToString(patch.getBytes(StandardCharsets.UTF_8)));
            } else if (request.path("object").path("data").has("forbidden")) {
                response.put("allowed", false).putObject("status").put("code", 403)
                        .put("message", "the key \"forbidden\" is not allowed");
            } else {
                response.put("allowed", true);
            }
            byte[] body = JSON.writeValueAsBytes(JSON.createObjectNode().put("apiVersion", "admission.k8s.io/v1")
                    .put("kind", "AdmissionReview").set("response", response));
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        webhook.start();
    }

    static void exec(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
    }

    @AfterAll
    static void stop() {
        kubectl.run("delete", "validatingwebhookconfiguration", "checks.example.com", "--ignore-not-found");
        kubectl.run("delete", "mutatingwebhookconfiguration", "labels.example.com", "--ignore-not-found");
        kubectl.run("delete", "namespace", NS, "--wait=false", "--ignore-not-found");
        if (webhook != null) {
            webhook.stop(0);
        }
    }

    static String configuration(String kind, String name, String path) {
        return """
                apiVersion: admissionregistration.k8s.io/v1
                kind: %s
                metadata: {name: %s}
                webhooks:
                - name: %s
                  clientConfig: {url: "https://127.0.0.1:%d%s", caBundle: %s}
                  rules: [{apiGroups: [""], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [configmaps]}]
                  namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: %s}}
                  sideEffects: None
                  admissionReviewVersions: [v1]
                """.formatted(kind, name, name, webhook.getAddress().getPort(), path, caBundle, NS);
    }

    static Kubectl.Result ok(Kubectl.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
        return r;
    }

    @Test
    void aWebhookLabelsWhatItAdmitsAndRefusesWhatItDenies() {
        ok(kubectl.run("create", "namespace", NS));
        ok(kubectl.runWithInput(configuration("MutatingWebhookConfiguration", "labels.example.com", "/mutate"), "apply", "-f", "-"));
        var applied = ok(kubectl.runWithInput(configuration("ValidatingWebhookConfiguration", "checks.example.com", "/validate"),
                "apply", "-f", "-"));
        assertThat(applied.stdout())
                .contains("validatingwebhookconfiguration.admissionregistration.k8s.io/checks.example.com created");
        assertThat(ok(kubectl.run("get", "validatingwebhookconfigurations", "checks.example.com")).stdout())
                .containsPattern("NAME\\s+WEBHOOKS\\s+AGE\\nchecks.example.com\\s+1\\s+\\d+s");

        ok(kubectl.run("-n", NS, "create", "configmap", "fine", "--from-literal=a=1"));
        assertThat(ok(kubectl.run("-n", NS, "get", "configmap", "fine", "-o", "jsonpath={.metadata.labels.checked-by}")).stdout())
                .isEqualTo("webhook");

        var refused = kubectl.run("-n", NS, "create", "configmap", "bad", "--from-literal=forbidden=1");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("error: failed to create configmap: admission webhook \"checks.example.com\" "
                + "denied the request: the key \"forbidden\" is not allowed");
        assertThat(kubectl.run("-n", NS, "get", "configmap", "bad").stderr()).contains("NotFound");
        var elsewhere = ok(kubectl.run("-n", "default", "create", "configmap", "webhook-e2e-elsewhere", "--from-literal=forbidden=1"));
        assertThat(elsewhere.stdout()).contains("configmap/webhook-e2e-elsewhere created");
        kubectl.run("-n", "default", "delete", "configmap", "webhook-e2e-elsewhere");
    }
}
