package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RuntimeClasses (node.k8s.io/v1) and the RuntimeClass admission of new pods, against a real
 * PostgreSQL: the kind is served, printed and validated as kube-apiserver does it, a pod naming a
 * class gets its overhead, node selector and tolerations, and every refusal stores nothing.
 */
class RuntimeClassIT extends ApiServerTest {

    static final String CLASSES = "/apis/node.k8s.io/v1/runtimeclasses";
    static final String PODS = "/api/v1/namespaces/default/pods";
    /** The RuntimeClasses the tests of this class make. */
    static final List<String> MADE_HERE = List.of("table-runc", "steady", "sandboxed", "strict", "first-class",
            "second-class", "heavy");

    static String runtimeClass(String name, String handler, String extra) {
        return """
                {"apiVersion":"node.k8s.io/v1","kind":"RuntimeClass","metadata":{"name":"%s"},"handler":%s%s}"""
                .formatted(name, handler == null ? "null" : "\"" + handler + "\"", extra);
    }

    static String pod(String name, String extraSpec) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{%s"containers":[{"name":"c","image":"busybox"}]}}""".formatted(name, extraSpec);
    }

    static List<String> causes(ApiClient.Response r) {
        List<String> fields = new ArrayList<>();
        r.body().path("details").path("causes").forEach(c -> fields.add(c.path("field").asString() + ": "
                + c.path("message").asString()));
        return fields;
    }

    @Test
    void theKindIsServedClusterWideAndPrintedWithItsHandler() {
        JsonNode discovery = api.get("/apis/node.k8s.io/v1").body();
        JsonNode resource = discovery.path("resources").get(0);
        assertThat(resource.path("name").asString()).isEqualTo("runtimeclasses");
        assertThat(resource.path("kind").asString()).isEqualTo("RuntimeClass");
        assertThat(resource.path("namespaced").asBoolean()).isFalse();
        assertThat(api.get("/apis").body().path("groups").findValuesAsString("name")).contains("node.k8s.io");
        JsonNode openApi = api.get("/openapi/v3/apis/node.k8s.io/v1").body().path("components").path("schemas");
        assertThat(openApi.path("io.k8s.api.node.v1.RuntimeClass").path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"node.k8s.io\",\"kind\":\"RuntimeClass\",\"version\":\"v1\"}]");
        assertThat(api.get(CLASSES).body().path("items").findValuesAsString("name"))
                .as("Kubernetes makes no RuntimeClass of its own: every one is this test's").isSubsetOf(MADE_HERE);

        var created = api.post(CLASSES, runtimeClass("table-runc", "runc", ",\"overhead\":{\"podFixed\":{\"cpu\":\"100m\"}}"));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("metadata").has("namespace")).isFalse();
        var table = api.get(CLASSES + "/table-runc", "application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.body().path("columnDefinitions").findValuesAsString("name")).containsExactly("Name", "Handler", "Age");
        assertThat(table.body().path("rows").get(0).path("cells").get(1).asString()).isEqualTo("runc");
    }

    @Test
    void refusesAnInvalidClassAndAHandlerChangeNamingTheField() {
        var noHandler = api.post(CLASSES, runtimeClass("no-handler", null, ""));
        assertThat(noHandler.code()).as(noHandler.raw()).isEqualTo(422);
        assertThat(causes(noHandler)).singleElement().asString().startsWith("handler: Invalid value: \"\": a lowercase RFC 1123 label");
        var bad = api.post(CLASSES, runtimeClass("bad", "Kata_2", ",\"overhead\":{\"podFixed\":{\"cpu\":\"-1\"}},"
                + "\"scheduling\":{\"nodeSelector\":{\"runtime\":\"-kata\"}}"));
        assertThat(bad.code()).as(bad.raw()).isEqualTo(422);
        assertThat(causes(bad)).extracting(c -> c.substring(0, c.indexOf(':'))).containsExactly("handler",
                "overhead.limits[cpu]", "scheduling.nodeSelector");
        assertThat(api.get(CLASSES + "/bad").code()).isEqualTo(404);

        assertThat(api.post(CLASSES, runtimeClass("steady", "runc", "")).code()).isEqualTo(201);
        var changed = api.patch(CLASSES + "/steady", "application/merge-patch+json", "{\"handler\":\"kata\"}");
        assertThat(changed.code()).as(changed.raw()).isEqualTo(422);
        assertThat(causes(changed)).containsExactly("handler: Invalid value: \"kata\": field is immutable");
        var overhead = api.patch(CLASSES + "/steady", "application/merge-patch+json",
                "{\"overhead\":{\"podFixed\":{\"memory\":\"32Mi\"}}}");
        assertThat(overhead.code()).as("the overhead may change: " + overhead.raw()).isEqualTo(200);
    }

    @Test
    void aPodGetsItsClassesOverheadNodeSelectorAndTolerations() {
        api.post(CLASSES, runtimeClass("sandboxed", "runsc", """
                ,"overhead":{"podFixed":{"cpu":"250m","memory":"120Mi"}},
                 "scheduling":{"nodeSelector":{"sandbox":"true"},
                               "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"}]}"""));

        var created = api.post(PODS, pod("sandboxed-web", """
                "runtimeClassName":"sandboxed","nodeSelector":{"disk":"ssd"},
                "tolerations":[{"key":"gpu","operator":"Exists","effect":"NoSchedule"}],"""));

        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        JsonNode spec = api.get(PODS + "/sandboxed-web").body().path("spec");
        assertThat(spec.path("overhead").toString()).isEqualTo("{\"cpu\":\"250m\",\"memory\":\"120Mi\"}");
        assertThat(spec.path("nodeSelector").path("sandbox").asString()).isEqualTo("true");
        assertThat(spec.path("nodeSelector").path("disk").asString()).isEqualTo("ssd");
        assertThat(spec.path("tolerations").findValuesAsString("key")).startsWith("sandbox", "gpu");
    }

    @Test
    void refusesPodsTheClassContradictsAndStoresNone() {
        api.post(CLASSES, runtimeClass("strict", "runc", """
                ,"overhead":{"podFixed":{"cpu":"100m"}},"scheduling":{"nodeSelector":{"pool":"secure"}}"""));

        var missing = api.post(PODS, pod("lost", "\"runtimeClassName\":\"kata\","));
        assertThat(missing.code()).as(missing.raw()).isEqualTo(403);
        assertThat(missing.body().path("message").asString())
                .isEqualTo("pods \"lost\" is forbidden: pod rejected: RuntimeClass \"kata\" not found");
        var conflict = api.post(PODS, pod("elsewhere", "\"runtimeClassName\":\"strict\",\"nodeSelector\":{\"pool\":\"open\"},"));
        assertThat(conflict.code()).isEqualTo(403);
        assertThat(conflict.body().path("message").asString()).isEqualTo("pods \"elsewhere\" is forbidden: conflict: "
                + "runtimeClass.scheduling.nodeSelector[pool] = secure; pod.spec.nodeSelector[pool] = open");
        var otherOverhead = api.post(PODS, pod("greedy", "\"runtimeClassName\":\"strict\",\"overhead\":{\"cpu\":\"1\"},"));
        assertThat(otherOverhead.code()).isEqualTo(403);
        assertThat(otherOverhead.body().path("message").asString()).isEqualTo("pods \"greedy\" is forbidden: pod rejected: "
                + "Pod's Overhead doesn't match RuntimeClass's defined Overhead");
        var ownOverhead = api.post(PODS, pod("self-made", "\"overhead\":{\"cpu\":\"1\"},"));
        assertThat(ownOverhead.code()).isEqualTo(403);
        assertThat(ownOverhead.body().path("message").asString()).isEqualTo("pods \"self-made\" is forbidden: pod rejected: "
                + "Pod Overhead set without corresponding RuntimeClass defined Overhead");
        var badName = api.post(PODS, pod("badly-named", "\"runtimeClassName\":\"Kata_2\","));
        assertThat(badName.code()).as("kube looks the class up before it validates the name: " + badName.raw())
                .isEqualTo(403);

        for (String name : List.of("lost", "elsewhere", "greedy", "self-made", "badly-named")) {
            assertThat(api.get(PODS + "/" + name).code()).as(name).isEqualTo(404);
        }
    }

    @Test
    void aTemplatesRuntimeClassNameIsASubdomain() {
        var deployment = api.post("/apis/apps/v1/namespaces/default/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"odd-runtime"},
                 "spec":{"selector":{"matchLabels":{"app":"odd"}},
                  "template":{"metadata":{"labels":{"app":"odd"}},
                   "spec":{"runtimeClassName":"Kata_2","containers":[{"name":"c","image":"busybox"}]}}}}""");

        assertThat(deployment.code()).as(deployment.raw()).isEqualTo(422);
        assertThat(causes(deployment)).singleElement().asString()
                .startsWith("spec.template.spec.runtimeClassName: Invalid value: \"Kata_2\": a lowercase RFC 1123 subdomain");
    }

    @Test
    void aPodsRuntimeClassNameIsFixedOnceCreated() {
        api.post(CLASSES, runtimeClass("first-class", "runc", ""));
        api.post(CLASSES, runtimeClass("second-class", "runc", ""));
        assertThat(api.post(PODS, pod("settled", "\"runtimeClassName\":\"first-class\",")).code()).isEqualTo(201);

        var changed = api.patch(PODS + "/settled", "application/merge-patch+json",
                "{\"spec\":{\"runtimeClassName\":\"second-class\"}}");

        assertThat(changed.code()).as(changed.raw()).isEqualTo(422);
        assertThat(causes(changed)).singleElement().asString().startsWith("spec: Forbidden: pod updates may not change fields");
        assertThat(api.get(PODS + "/settled").body().path("spec").path("runtimeClassName").asString()).isEqualTo("first-class");
    }

    @Test
    void theOverheadCountsInTheNamespacesQuota() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"overhead-quota\"}}");
        api.post("/api/v1/namespaces/overhead-quota/resourcequotas", """
                {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"compute"},"spec":{"hard":{"requests.cpu":"500m"}}}""");
        api.post(CLASSES, runtimeClass("heavy", "runc", ",\"overhead\":{\"podFixed\":{\"cpu\":\"250m\"}}"));
        String pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"runtimeClassName":"heavy","containers":[{"name":"c","image":"busybox",
                  "resources":{"requests":{"cpu":"200m"}}}]}}""";

        assertThat(api.post("/api/v1/namespaces/overhead-quota/pods", pod.formatted("first")).code()).isEqualTo(201);
        var second = api.post("/api/v1/namespaces/overhead-quota/pods", pod.formatted("second"));

        assertThat(second.code()).as(second.raw()).isEqualTo(403);
        assertThat(second.body().path("message").asString()).isEqualTo("pods \"second\" is forbidden: exceeded quota: "
                + "compute, requested: requests.cpu=450m, used: requests.cpu=450m, limited: requests.cpu=500m");
    }
}
