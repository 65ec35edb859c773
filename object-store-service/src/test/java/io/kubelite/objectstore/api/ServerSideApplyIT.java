package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Server-side apply and {@code metadata.managedFields} over HTTP, against the real database. */
class ServerSideApplyIT extends ApiServerTest {

    private static final String DEPLOYMENTS = "/apis/apps/v1/namespaces/default/deployments";
    private static final String APPLY = "application/apply-patch+yaml";

    private static String deployment(String name, int replicas, String labels, String containers) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: %s
                  labels: {%s}
                spec:
                  replicas: %d
                  selector: {matchLabels: {app: %s}}
                  template:
                    metadata: {labels: {app: %s}}
                    spec:
                      containers: [%s]
                """.formatted(name, labels, replicas, name, name, containers);
    }

    private ApiClient.Response apply(String name, String manager, String body, boolean force) {
        return api.patch(DEPLOYMENTS + "/" + name + "?fieldManager=" + manager + (force ? "&force=true" : ""), APPLY, body);
    }

    private static List<String> managers(JsonNode object) {
        List<String> managers = new ArrayList<>();
        object.path("metadata").path("managedFields").forEach(e -> managers.add(
                e.path("manager").asString() + "/" + e.path("operation").asString()
                        + (e.has("subresource") ? "/" + e.path("subresource").asString() : "")));
        return managers;
    }

    @Test
    void anApplyCreatesTheObjectOwningItsFieldsAndDropsWhatItNoLongerApplies() {
        ApiClient.Response created = apply("ssa-web", "ci", deployment("ssa-web", 2, "app: ssa-web, tier: front",
                "{name: web, image: 'nginx:1.27'}, {name: log, image: 'busybox'}"), false);
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(managers(created.body())).containsExactly("ci/Apply");
        JsonNode entry = created.body().path("metadata").path("managedFields").get(0);
        assertThat(entry.path("apiVersion").asString()).isEqualTo("apps/v1");
        assertThat(entry.path("fieldsType").asString()).isEqualTo("FieldsV1");
        assertThat(entry.at("/fieldsV1/f:spec/f:template/f:spec/f:containers").has("k:{\"name\":\"log\"}")).isTrue();

        ApiClient.Response second = apply("ssa-web", "ci", deployment("ssa-web", 2, "app: ssa-web",
                "{name: web, image: 'nginx:1.27'}"), false);

        assertThat(second.code()).as(second.raw()).isEqualTo(200);
        assertThat(second.body().at("/metadata/labels").has("tier")).isFalse();
        assertThat(second.body().at("/spec/template/spec/containers")).hasSize(1);
        // defaults the server set are nobody's apply, so they stay
        assertThat(second.body().at("/spec/template/spec/containers/0/imagePullPolicy").asString()).isEqualTo("IfNotPresent");
    }

    @Test
    void aFieldAnotherManagerChangedConflictsUntilForced() {
        apply("ssa-scale", "ci", deployment("ssa-scale", 2, "app: ssa-scale", "{name: web, image: nginx}"), false);
        ApiClient.Response scaled = api.patch(DEPLOYMENTS + "/ssa-scale/scale?fieldManager=kubectl-scale",
                "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}");
        assertThat(scaled.code()).as(scaled.raw()).isEqualTo(200);
        JsonNode afterScale = api.get(DEPLOYMENTS + "/ssa-scale").body();
        assertThat(managers(afterScale)).contains("ci/Apply", "kubectl-scale/Update/scale");

        ApiClient.Response conflict = apply("ssa-scale", "ci", deployment("ssa-scale", 3, "app: ssa-scale",
                "{name: web, image: nginx}"), false);

        assertThat(conflict.code()).as(conflict.raw()).isEqualTo(409);
        assertThat(conflict.body().path("reason").asString()).isEqualTo("Conflict");
        assertThat(conflict.body().path("message").asString()).isEqualTo(
                "Apply failed with 1 conflict: conflict with \"kubectl-scale\" with subresource \"scale\" using apps/v1: .spec.replicas");
        JsonNode cause = conflict.body().at("/details/causes/0");
        assertThat(cause.path("reason").asString()).isEqualTo("FieldManagerConflict");
        assertThat(cause.path("field").asString()).isEqualTo(".spec.replicas");
        assertThat(api.get(DEPLOYMENTS + "/ssa-scale").body().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(api.get(DEPLOYMENTS + "/ssa-scale").body().at("/metadata/resourceVersion"))
                .isEqualTo(afterScale.at("/metadata/resourceVersion"));

        ApiClient.Response forced = apply("ssa-scale", "ci", deployment("ssa-scale", 3, "app: ssa-scale",
                "{name: web, image: nginx}"), true);

        assertThat(forced.code()).as(forced.raw()).isEqualTo(200);
        assertThat(forced.body().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(managers(forced.body())).as(forced.raw()).doesNotContain("kubectl-scale/Update/scale");
    }

    @Test
    void everyWriteRecordsItsManagerAndAWriteThatChangesNothingChangesNothing() {
        ApiClient.Response created = api.post("/api/v1/namespaces/default/configmaps?fieldManager=kubectl-create",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa-cm\"},\"data\":{\"a\":\"1\"}}");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().at("/metadata/managedFields/0/fieldsV1").toString())
                .isEqualTo("{\"f:data\":{\".\":{},\"f:a\":{}}}");

        ApiClient.Response patched = api.send(java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://127.0.0.1:" + port + "/api/v1/namespaces/default/configmaps/ssa-cm"))
                .header("Content-Type", "application/merge-patch+json")
                .header("User-Agent", "kubectl/v1.32.0 (linux/amd64) kubernetes/abc")
                .method("PATCH", java.net.http.HttpRequest.BodyPublishers.ofString("{\"data\":{\"b\":\"2\"}}")));
        assertThat(managers(patched.body())).containsExactly("kubectl-create/Update", "kubectl/Update");

        ApiClient.Response again = api.put("/api/v1/namespaces/default/configmaps/ssa-cm?fieldManager=someone",
                patched.raw());
        assertThat(again.code()).isEqualTo(200);
        assertThat(again.body().at("/metadata/resourceVersion")).isEqualTo(patched.body().at("/metadata/resourceVersion"));
        assertThat(again.body().at("/metadata/managedFields")).isEqualTo(patched.body().at("/metadata/managedFields"));
    }

    /**
     * A create's manager owns what it sent, defaulted — as kube-apiserver's field manager, which runs
     * before the admission plugins and the allocators, sees it: not a pod's token volume and its
     * mounts, tolerations, priority or service account, nor a Service's cluster IPs. Otherwise
     * kubectl's move from client-side to server-side apply hands those to the applier, whose next
     * apply removes them (a pod update Kubernetes forbids).
     */
    @Test
    void aCreatorOwnsWhatItSentDefaultedNotWhatAdmissionAndAllocationAdded() {
        ApiClient.Response pod = api.post("/api/v1/namespaces/default/pods?fieldManager=kubectl-run",
                "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"ssa-owned\"},"
                        + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"busybox\"}]}}");
        assertThat(pod.code()).as(pod.raw()).isEqualTo(201);
        assertThat(pod.body().at("/spec/volumes/0/name").asString()).startsWith("kube-api-access-");
        assertThat(pod.body().at("/spec/tolerations")).hasSize(2);
        JsonNode spec = pod.body().at("/metadata/managedFields/0/fieldsV1/f:spec");
        assertThat(spec.propertyNames()).containsExactlyInAnyOrder("f:containers", "f:dnsPolicy", "f:enableServiceLinks",
                "f:restartPolicy", "f:schedulerName", "f:securityContext", "f:terminationGracePeriodSeconds");
        assertThat(spec.at("/f:containers/k:{\"name\":\"c\"}").propertyNames()).containsExactlyInAnyOrder(".", "f:image",
                "f:imagePullPolicy", "f:name", "f:resources", "f:terminationMessagePath", "f:terminationMessagePolicy");

        ApiClient.Response service = api.post("/api/v1/namespaces/default/services?fieldManager=kubectl-create",
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"ssa-owned\"},"
                        + "\"spec\":{\"selector\":{\"app\":\"x\"},\"ports\":[{\"port\":80}]}}");
        assertThat(service.code()).as(service.raw()).isEqualTo(201);
        assertThat(service.body().at("/spec/clusterIP").asString()).isNotEmpty();
        assertThat(service.body().at("/metadata/managedFields/0/fieldsV1/f:spec").propertyNames())
                .contains("f:ports", "f:selector", "f:type").doesNotContain("f:clusterIP", "f:clusterIPs");
    }

    @Test
    void badApplyRequestsAreRefusedNamingWhatIsWrongAndStoreNothing() {
        ApiClient.Response noManager = api.patch(DEPLOYMENTS + "/ssa-bad", APPLY,
                deployment("ssa-bad", 1, "", "{name: web, image: nginx}"));
        assertThat(noManager.code()).isEqualTo(422);
        assertThat(noManager.body().path("message").asString()).isEqualTo(
                "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");

        ApiClient.Response forceOnMerge = api.patch(DEPLOYMENTS + "/ssa-bad?force=true", "application/merge-patch+json", "{}");
        assertThat(forceOnMerge.code()).isEqualTo(422);
        assertThat(forceOnMerge.body().path("message").asString()).isEqualTo(
                "PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");

        ApiClient.Response longManager = api.post(DEPLOYMENTS + "?fieldManager=" + "m".repeat(129),
                "{\"apiVersion\":\"apps/v1\",\"kind\":\"Deployment\",\"metadata\":{\"name\":\"ssa-bad\"}}");
        assertThat(longManager.code()).isEqualTo(422);
        assertThat(longManager.body().path("message").asString()).contains("fieldManager: Too long: may not be more than 128 bytes");

        ApiClient.Response withEntries = apply("ssa-bad", "ci", deployment("ssa-bad", 1, "", "{name: web, image: nginx}")
                .replace("  labels: {}", "  managedFields: [{manager: x}]"), false);
        assertThat(withEntries.code()).as(withEntries.raw()).isEqualTo(400);
        assertThat(withEntries.body().path("message").asString()).isEqualTo("metadata.managedFields must be nil");

        ApiClient.Response wrongName = apply("ssa-bad", "ci", deployment("other", 1, "", "{name: web, image: nginx}"), false);
        assertThat(wrongName.code()).isEqualTo(400);

        ApiClient.Response badEntries = api.post("/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"ssa-bad\",\"managedFields\":"
                        + "[{\"manager\":\"m\",\"operation\":\"Patch\",\"fieldsType\":\"FieldsV1\",\"fieldsV1\":{}}]}}");
        assertThat(badEntries.code()).isEqualTo(422);
        assertThat(badEntries.body().path("message").asString()).contains("metadata.managedFields[0].operation");

        assertThat(api.get(DEPLOYMENTS + "/ssa-bad").code()).isEqualTo(404);
        assertThat(api.get("/api/v1/namespaces/default/configmaps/ssa-bad").code()).isEqualTo(404);
    }
}
