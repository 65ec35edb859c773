package io.kubelite.objectstore.webhook;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Admission webhooks against a real PostgreSQL and a real HTTPS webhook on 127.0.0.1: a mutating
 * webhook's JSON patch is stored (defaulted and validated again), a validating webhook's refusal
 * is the client's answer and nothing is written, a webhook that cannot be called refuses under
 * {@code Fail} and is passed over under {@code Ignore}, and configuration objects are never sent
 * to webhooks.
 */
class AdmissionWebhooksIT extends ApiServerTest {

    static final String VALIDATING = "/apis/admissionregistration.k8s.io/v1/validatingwebhookconfigurations";
    static final String MUTATING = "/apis/admissionregistration.k8s.io/v1/mutatingwebhookconfigurations";

    @TempDir
    Path dir;
    TestWebhookServer webhook;

    @BeforeEach
    void startWebhook() throws Exception {
        webhook = new TestWebhookServer(dir);
    }

    @AfterEach
    void stopWebhook() {
        webhook.close();
        api.delete(VALIDATING + "/checks.example.com");
        api.delete(MUTATING + "/labels.example.com");
        api.delete(MUTATING + "/a.example.com");
        api.delete(MUTATING + "/b.example.com");
    }

    String configuration(String kind, String name, String webhookName, String url, String namespace, String extra) {
        return """
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"%s","metadata":{"name":"%s"},
                 "webhooks":[{"name":"%s","clientConfig":{"url":"%s","caBundle":"%s"},
                  "rules":[{"apiGroups":[""],"apiVersions":["v1"],"operations":["CREATE","UPDATE"],"resources":["configmaps"]}],
                  "namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"%s"}},
                  "sideEffects":"None","admissionReviewVersions":["v1"]%s}]}"""
                .formatted(kind, name, webhookName, url, webhook.caBundle(), namespace, extra);
    }

    void namespace(String name) {
        assertThat(api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\"}}").code()).isEqualTo(201);
    }

    @Test
    void aMutatingWebhookPatchesAndAValidatingOneRefuses() {
        namespace("hooked");
        webhook.handle("/mutate", request -> TestWebhookServer.patch(
                "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"mutated\":\"yes\"}}]"));
        webhook.handle("/validate", request -> request.path("object").path("data").has("forbidden")
                ? TestWebhookServer.deny(403, "the key \"forbidden\" is not allowed")
                : TestWebhookServer.warn("checked"));
        var m = api.post(MUTATING, configuration("MutatingWebhookConfiguration", "labels.example.com", "labels.example.com",
                webhook.url("/mutate"), "hooked", ""));
        assertThat(m.code()).as(m.raw()).isEqualTo(201);
        var v = api.post(VALIDATING, configuration("ValidatingWebhookConfiguration", "checks.example.com", "checks.example.com",
                webhook.url("/validate"), "hooked", ""));
        assertThat(v.code()).as(v.raw()).isEqualTo(201);
        assertThat(v.body().path("webhooks").get(0).path("timeoutSeconds").asInt()).as("defaulted").isEqualTo(10);

        var created = api.post("/api/v1/namespaces/hooked/configmaps", "{\"metadata\":{\"name\":\"ok\"},\"data\":{\"a\":\"1\"}}");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("metadata").path("labels").path("mutated").asString()).isEqualTo("yes");
        assertThat(created.http().headers().allValues("Warning")).anySatisfy(w -> assertThat(w).contains("checked"));
        var review = webhook.requests.get(0);
        assertThat(review.path("apiVersion").asString()).isEqualTo("admission.k8s.io/v1");
        assertThat(review.path("request").path("operation").asString()).isEqualTo("CREATE");
        assertThat(review.path("request").path("namespace").asString()).isEqualTo("hooked");
        assertThat(review.path("request").path("name").asString()).isEqualTo("ok");
        assertThat(review.path("request").path("resource").path("resource").asString()).isEqualTo("configmaps");
        assertThat(review.path("request").path("object").path("data").path("a").asString()).isEqualTo("1");
        assertThat(review.path("request").has("oldObject")).isFalse();
        assertThat(webhook.requests.get(1).path("request").path("object").path("metadata").path("labels").path("mutated")
                .asString()).as("the validating webhook sees the mutated object").isEqualTo("yes");

        var refused = api.post("/api/v1/namespaces/hooked/configmaps", "{\"metadata\":{\"name\":\"bad\"},\"data\":{\"forbidden\":\"1\"}}");
        assertThat(refused.code()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.body().path("message").asString())
                .isEqualTo("admission webhook \"checks.example.com\" denied the request: the key \"forbidden\" is not allowed");
        assertThat(api.get("/api/v1/namespaces/hooked/configmaps/bad").code()).as("nothing written").isEqualTo(404);

        namespace("unhooked");
        var elsewhere = api.post("/api/v1/namespaces/unhooked/configmaps", "{\"metadata\":{\"name\":\"bad\"},\"data\":{\"forbidden\":\"1\"}}");
        assertThat(elsewhere.code()).as("the namespaceSelector leaves it out: " + elsewhere.raw()).isEqualTo(201);
        assertThat(elsewhere.body().path("metadata").has("labels")).isFalse();
    }

    @Test
    void aWebhookThatCannotBeCalledRefusesUnderFailAndIsPassedOverUnderIgnore() {
        namespace("unreachable");
        String gone = "https://127.0.0.1:1/validate";
        var v = api.post(VALIDATING, configuration("ValidatingWebhookConfiguration", "checks.example.com", "checks.example.com",
                gone, "unreachable", ""));
        assertThat(v.code()).as(v.raw()).isEqualTo(201);

        var refused = api.post("/api/v1/namespaces/unreachable/configmaps", "{\"metadata\":{\"name\":\"a\"}}");
        assertThat(refused.code()).as(refused.raw()).isEqualTo(500);
        assertThat(refused.body().path("message").asString()).isEqualTo("Internal error occurred: failed calling webhook "
                + "\"checks.example.com\": failed to call webhook: Post \"https://127.0.0.1:1/validate?timeout=10s\": "
                + "dial tcp 127.0.0.1:1: connect: connection refused");

        var ignore = api.patch(VALIDATING + "/checks.example.com", "application/json-patch+json",
                "[{\"op\":\"replace\",\"path\":\"/webhooks/0/failurePolicy\",\"value\":\"Ignore\"}]");
        assertThat(ignore.code()).as("the configuration itself is never sent to a webhook: " + ignore.raw()).isEqualTo(200);
        assertThat(api.post("/api/v1/namespaces/unreachable/configmaps", "{\"metadata\":{\"name\":\"a\"}}").code()).isEqualTo(201);
    }

    /** Adds {@code key: value} to the object's labels, making the map when there is none. */
    static tools.jackson.databind.node.ObjectNode label(tools.jackson.databind.JsonNode request, String key, String value) {
        boolean has = request.path("object").path("metadata").has("labels");
        return TestWebhookServer.patch(has ? "[{\"op\":\"add\",\"path\":\"/metadata/labels/" + key + "\",\"value\":\"" + value + "\"}]"
                : "[{\"op\":\"add\",\"path\":\"/metadata/labels\",\"value\":{\"" + key + "\":\"" + value + "\"}}]");
    }

    @Test
    void aMutatingWebhookThatAsksToBeReinvokedSeesWhatALaterOneChanged() {
        namespace("reinvoked");
        java.util.concurrent.atomic.AtomicInteger callsOfA = new java.util.concurrent.atomic.AtomicInteger();
        webhook.handle("/a", request -> {
            callsOfA.incrementAndGet();
            return label(request, "a-saw-b", Boolean.toString(request.path("object").path("metadata").path("labels").has("b")));
        });
        webhook.handle("/b", request -> label(request, "b", "yes"));
        String reinvoke = ",\"reinvocationPolicy\":\"IfNeeded\"";
        assertThat(api.post(MUTATING, configuration("MutatingWebhookConfiguration", "a.example.com", "a.example.com",
                webhook.url("/a"), "reinvoked", reinvoke)).code()).isEqualTo(201);
        assertThat(api.post(MUTATING, configuration("MutatingWebhookConfiguration", "b.example.com", "b.example.com",
                webhook.url("/b"), "reinvoked", "")).code()).isEqualTo(201);

        var created = api.post("/api/v1/namespaces/reinvoked/configmaps", "{\"metadata\":{\"name\":\"c\"}}");

        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("metadata").path("labels").path("a-saw-b").asString()).isEqualTo("true");
        assertThat(callsOfA.get()).as("called again once, after b's patch").isEqualTo(2);
    }

    @Test
    void matchConditionsThatDoNotCompileAreRefused() {
        var refused = api.post(VALIDATING, configuration("ValidatingWebhookConfiguration", "checks.example.com",
                "checks.example.com", webhook.url("/validate"), "x",
                ",\"matchConditions\":[{\"name\":\"broken\",\"expression\":\"object.metadata.name ==\"}]"));
        assertThat(refused.code()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().path("message").asString())
                .contains("webhooks[0].matchConditions[0].expression: Invalid value: \"object.metadata.name ==\": compilation failed");
    }

    @Test
    void matchConditionsAskTheAuthorizerAsTheRequestingUser() {
        namespace("authorized");
        webhook.handle("/validate", request -> TestWebhookServer.deny(403, "only deleters may write configmaps"));
        var role = api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/authorized/roles", """
                {"metadata":{"name":"creator"},"rules":[{"apiGroups":[""],"resources":["configmaps"],"verbs":["create"]}]}""");
        assertThat(role.code()).as(role.raw()).isEqualTo(201);
        var binding = api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/authorized/rolebindings", """
                {"metadata":{"name":"creators"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"creator"},
                 "subjects":[{"kind":"User","name":"carl"}]}""");
        assertThat(binding.code()).as(binding.raw()).isEqualTo(201);
        var v = api.post(VALIDATING, configuration("ValidatingWebhookConfiguration", "checks.example.com", "checks.example.com",
                webhook.url("/validate"), "authorized", ",\"matchConditions\":[{\"name\":\"non-deleters\","
                        + "\"expression\":\"!authorizer.requestResource.check('delete').allowed()\"}]"));
        assertThat(v.code()).as(v.raw()).isEqualTo(201);

        var internal = api.post("/api/v1/namespaces/authorized/configmaps", "{\"metadata\":{\"name\":\"a\"}}");
        assertThat(internal.code()).as("system:masters may delete, the webhook is not asked: " + internal.raw()).isEqualTo(201);
        var carl = api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/namespaces/authorized/configmaps"))
                .header("Content-Type", "application/json").header("X-Remote-User", "carl")
                .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\":{\"name\":\"b\"}}")));
        assertThat(carl.code()).as(carl.raw()).isEqualTo(403);
        assertThat(carl.body().path("message").asString())
                .isEqualTo("admission webhook \"checks.example.com\" denied the request: only deleters may write configmaps");
    }
}
