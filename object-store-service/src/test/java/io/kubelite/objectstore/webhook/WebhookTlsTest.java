package io.kubelite.objectstore.webhook;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A webhook behind a Service is called at its ClusterIP but must present a certificate for
 * {@code <service>.<namespace>.svc}, signed by the caBundle: here a webhook on 127.0.0.1 whose
 * certificate names {@code webhook.hooks.svc}.
 */
class WebhookTlsTest {

    @TempDir
    Path dir;
    TestWebhookServer server;

    @BeforeEach
    void start() throws Exception {
        server = new TestWebhookServer(dir);
        server.handle("/", request -> TestWebhookServer.allow());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    int post(String caBundle, String serviceHost) throws Exception {
        HttpClient client = HttpClient.newBuilder().sslContext(WebhookTls.context(caBundle, serviceHost)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.url("/")))
                .POST(HttpRequest.BodyPublishers.ofString("{\"request\":{\"uid\":\"u\"}}")).build();
        return client.send(request, HttpResponse.BodyHandlers.ofString()).statusCode();
    }

    @Test
    void aServiceWebhookIsTrustedByItsDnsNameWhereverItIsReached() throws Exception {
        assertThat(post(server.caBundle(), "webhook.hooks.svc")).isEqualTo(200);
    }

    @Test
    void aCertificateForAnotherServiceIsRefused() {
        assertThatThrownBy(() -> post(server.caBundle(), "other.hooks.svc"))
                .hasStackTraceContaining("certificate is valid for [webhook.hooks.svc], not other.hooks.svc");
    }

    @Test
    void aUrlWebhookIsCheckedAgainstItsHostAndTheCaBundle() throws Exception {
        assertThat(post(server.caBundle(), null)).as("127.0.0.1 is in the certificate").isEqualTo(200);
        assertThatThrownBy(() -> post("", null)).as("the system's roots do not sign it")
                .isInstanceOf(javax.net.ssl.SSLHandshakeException.class);
    }
}
