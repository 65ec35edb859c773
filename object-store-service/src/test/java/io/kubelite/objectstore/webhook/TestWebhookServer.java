package io.kubelite.objectstore.webhook;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTPS admission webhook on 127.0.0.1 for tests: a self-signed certificate for 127.0.0.1 made
 * with the JDK's keytool (its PEM is the webhook's caBundle), and a handler per path from an
 * AdmissionReview's request to its response (without the uid, which is copied).
 */
final class TestWebhookServer implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpsServer server;
    private final String caBundle;
    final List<JsonNode> requests = new CopyOnWriteArrayList<>();

    TestWebhookServer(Path dir) throws Exception {
        Path keystore = dir.resolve("webhook.p12");
        String password = "changeit";
        run(keytool(), "-genkeypair", "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
                "-dname", "CN=127.0.0.1", "-ext", "SAN=IP:127.0.0.1,DNS:webhook.hooks.svc", "-keystore", keystore.toString(),
                "-storetype", "PKCS12", "-storepass", password);
        Path pem = dir.resolve("webhook.crt");
        run(keytool(), "-exportcert", "-rfc", "-alias", "webhook", "-keystore", keystore.toString(), "-storepass", password,
                "-file", pem.toString());
        caBundle = Base64.getEncoder().encodeToString(Files.readAllBytes(pem));
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keystore.toFile())) {
            store.load(in, password.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, password.toCharArray());
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setHttpsConfigurator(new HttpsConfigurator(tls));
        server.start();
    }

    private static String keytool() {
        return Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    }

    private static void run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(String.join(" ", command) + " failed: " + out);
        }
    }

    String caBundle() {
        return caBundle;
    }

    String url(String path) {
        return "https://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    /** Answers AdmissionReviews posted to {@code path} with {@code answer}'s response (allowed, status, patch…). */
    void handle(String path, Function<JsonNode, ObjectNode> answer) {
        serve(path, "admission.k8s.io/v1", "AdmissionReview", review -> {
            ObjectNode response = answer.apply(review.path("request"));
            response.put("uid", review.path("request").path("uid").asString(""));
            return response;
        });
    }

    /** Answers ConversionReviews posted to {@code path} with {@code answer}'s response (from the whole review). */
    void handleRaw(String path, Function<JsonNode, ObjectNode> answer) {
        serve(path, "apiextensions.k8s.io/v1", "ConversionReview", answer);
    }

    private void serve(String path, String apiVersion, String kind, Function<JsonNode, ObjectNode> answer) {
        server.createContext(path, exchange -> {
            JsonNode review = JSON.readTree(exchange.getRequestBody().readAllBytes());
            requests.add(review);
            ObjectNode response = answer.apply(review);
            ObjectNode body = JSON.createObjectNode();
            body.put("apiVersion", apiVersion);
            body.put("kind", kind);
            body.set("response", response);
            byte[] bytes = JSON.writeValueAsBytes(body);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
    }

    static ObjectNode allow() {
        return JSON.createObjectNode().put("allowed", true);
    }

    static ObjectNode deny(int code, String message) {
        ObjectNode r = JSON.createObjectNode().put("allowed", false);
        r.putObject("status").put("code", code).put("message", message);
        return r;
    }

    static ObjectNode warn(String warning) {
        ObjectNode r = allow();
        r.putArray("warnings").add(warning);
        return r;
    }

    static ObjectNode patch(String jsonPatch) {
        return allow().put("patchType", "JSONPatch")
                .put("patch", Base64.getEncoder().encodeToString(jsonPatch.getBytes(StandardCharsets.UTF_8)));
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
