package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The API server against a real PostgreSQL, over real HTTP, as kubectl talks to it. */
class ApiServerIT extends ApiServerTest {

    static final String PODS = "/api/v1/namespaces/default/pods";

    static String pod(String name, String labels) {
        return """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s","labels":%s},
                 "spec":{"containers":[{"name":"web","image":"busybox:1.36","ports":[{"containerPort":8080}],
                   "resources":{"requests":{"cpu":"250m","memory":"64Mi"}}}]}}""".formatted(name, labels);
    }

    @Test
    void reportsVersion32SoKubectlRunsItsOwnBinary() {
        var r = api.get("/version");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.body().path("major").asString()).isEqualTo("1");
        assertThat(r.body().path("minor").asString()).isEqualTo("32");
    }

    @Test
    void answersHealthAsKubeApiserverDoes() {
        assertThat(api.get("/readyz").raw()).isEqualTo("ok");
        var verbose = api.get("/readyz?verbose&exclude=log");
        assertThat(verbose.code()).isEqualTo(200);
        assertThat(verbose.raw()).isEqualTo("[+]ping ok\n[+]log excluded: ok\n[+]etcd ok\n[+]shutdown ok\nreadyz check passed\n");
        assertThat(api.get("/livez?verbose").raw()).endsWith("[+]etcd ok\nlivez check passed\n");
        assertThat(api.get("/healthz").raw()).isEqualTo("ok");
        assertThat(api.get("/livez/etcd").raw()).isEqualTo("ok");
        assertThat(api.get("/readyz/nosuch").code()).isEqualTo(404);
    }

    @Test
    void servesAggregatedDiscoveryWithItsExactContentType() {
        var r = api.get("/api", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertThat(r.code()).isEqualTo(200);
        assertThat(r.http().headers().firstValue("Content-Type").orElse(""))
                .isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        JsonNode pods = null;
        for (JsonNode res : r.body().path("items").get(0).path("versions").get(0).path("resources")) {
            if (res.path("resource").asString().equals("pods")) {
                pods = res;
            }
        }
        assertThat(pods).isNotNull();
        assertThat(pods.path("shortNames").get(0).asString()).isEqualTo("po");
        assertThat(pods.path("scope").asString()).isEqualTo("Namespaced");
        assertThat(pods.path("responseKind").path("kind").asString()).isEqualTo("Pod");

        var apis = api.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        List<String> groups = new ArrayList<>();
        apis.body().path("items").forEach(i -> groups.add(i.path("metadata").path("name").asString()));
        assertThat(groups).contains("apps", "batch", "autoscaling", "coordination.k8s.io", "metrics.k8s.io");
        JsonNode metrics = apis.body().path("items").get(groups.indexOf("metrics.k8s.io")).path("versions").get(0);
        assertThat(metrics.path("version").asString()).isEqualTo("v1beta1");
        assertThat(metrics.path("resources").findValuesAsString("resource")).containsExactly("nodes", "pods");
        assertThat(api.get("/apis").body().path("groups").findValuesAsString("name"))
                .as("the legacy group list names the metrics API too").contains("metrics.k8s.io");
        assertThat(groups.indexOf("apps")).as("apps/v1 is preferred over extensions/v1beta1").isLessThan(groups.indexOf("extensions"));
    }

    @Test
    void servesLegacyDiscoveryAndOpenApiWithFieldValidation() {
        assertThat(api.get("/api").body().path("versions").get(0).asString()).isEqualTo("v1");
        var resources = api.get("/api/v1");
        assertThat(resources.body().path("groupVersion").asString()).isEqualTo("v1");
        var index = api.get("/openapi/v3");
        String url = index.body().path("paths").path("api/v1").path("serverRelativeURL").asString();
        assertThat(url).startsWith("/openapi/v3/api/v1");
        var doc = api.get(url);
        JsonNode patch = doc.body().path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}").path("patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asString()).isEqualTo("Pod");
        assertThat(patch.path("parameters").toString()).contains("fieldValidation");
        var v2 = api.get("/openapi/v2");
        assertThat(v2.code()).isEqualTo(200);
        assertThat(v2.http().headers().firstValue("Content-Type").orElse("")).contains("protobuf");
    }

    @Test
    void openApiDocumentsAreGzippedForClientsThatTakeGzipAndTheirHashFollowsTheContent() throws Exception {
        String url = api.get("/openapi/v3").body().path("paths").path("api/v1").path("serverRelativeURL").asString();
        assertThat(url).matches("/openapi/v3/api/v1\\?hash=[0-9a-f]{128}");
        var plain = api.get(url);
        var request = java.net.http.HttpRequest.newBuilder(java.net.URI.create("http://127.0.0.1:" + port + url))
                .header("Accept-Encoding", "gzip").build();
        var gzipped = java.net.http.HttpClient.newHttpClient().send(request,
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).contains("gzip");
        assertThat(gzipped.body().length).isLessThan(plain.raw().length() / 4);
        byte[] inflated = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes();
        assertThat(new String(inflated, StandardCharsets.UTF_8)).isEqualTo(plain.raw());
        assertThat(plain.body().path("components").path("schemas").has("io.k8s.api.core.v1.Pod")).isTrue();
    }

    @Test
    void createsDefaultsAndReadsBackAPod() {
        var created = api.post(PODS, pod("create-me", "{\"app\":\"web\"}"));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        JsonNode meta = created.body().path("metadata");
        assertThat(meta.path("uid").asString()).isNotEmpty();
        assertThat(Long.parseLong(meta.path("resourceVersion").asString())).isPositive();
        assertThat(meta.path("namespace").asString()).isEqualTo("default");
        assertThat(created.body().path("spec").path("restartPolicy").asString()).isEqualTo("Always");
        assertThat(created.body().path("spec").path("containers").get(0).path("imagePullPolicy").asString())
                .isEqualTo("IfNotPresent");
        assertThat(created.body().path("status").path("phase").asString()).isEqualTo("Pending");
        assertThat(created.body().path("status").path("qosClass").asString()).isEqualTo("Burstable");

        var read = api.get(PODS + "/create-me");
        assertThat(read.code()).isEqualTo(200);
        assertThat(read.body().path("metadata").path("uid").asString()).isEqualTo(meta.path("uid").asString());
    }

    static final String JOBS = "/apis/batch/v1/namespaces/default/jobs";

    static String job(String name, String extraSpec) {
        return """
                {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"%s"},
                 "spec":{%s"template":{"metadata":{"labels":{"app":"pi"}},
                  "spec":{"restartPolicy":"Never","containers":[{"name":"pi","image":"busybox"}]}}}}""".formatted(name, extraSpec);
    }

    /** kube-apiserver's generated Job selector: kubectl logs job/x and -l job-name=x find the Job's pods only. */
    @Test
    void aJobGetsASelectorOfItsOwnUidUnlessItAsksForAManualOne() {
        var created = api.post(JOBS, job("gen-pi", ""));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        String uid = created.body().path("metadata").path("uid").asString();
        assertThat(created.body().path("spec").path("selector").path("matchLabels").properties()).hasSize(1);
        assertThat(created.body().path("spec").path("selector").path("matchLabels")
                .path("batch.kubernetes.io/controller-uid").asString()).isEqualTo(uid);
        JsonNode labels = created.body().path("spec").path("template").path("metadata").path("labels");
        assertThat(labels.path("app").asString()).isEqualTo("pi");
        assertThat(labels.path("controller-uid").asString()).isEqualTo(uid);
        assertThat(labels.path("batch.kubernetes.io/controller-uid").asString()).isEqualTo(uid);
        assertThat(labels.path("job-name").asString()).isEqualTo("gen-pi");
        assertThat(labels.path("batch.kubernetes.io/job-name").asString()).isEqualTo("gen-pi");

        // a selector of one's own without manualSelector: 422, nothing stored
        var own = api.post(JOBS, job("own-pi", "\"selector\":{\"matchLabels\":{\"app\":\"pi\"}},"));
        assertThat(own.code()).as(own.raw()).isEqualTo(422);
        assertThat(own.body().path("message").asString()).contains("Job.batch \"own-pi\" is invalid",
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"pi\", "
                        + "\"batch.kubernetes.io/controller-uid\":", "`selector` not auto-generated");
        assertThat(own.body().path("details").path("causes").get(0).path("field").asString()).isEqualTo("spec.selector");
        assertThat(api.get(JOBS + "/own-pi").code()).isEqualTo(404);

        // with manualSelector: true the selector and labels stay as given
        var manual = api.post(JOBS, job("manual-pi", "\"manualSelector\":true,\"selector\":{\"matchLabels\":{\"app\":\"pi\"}},"));
        assertThat(manual.code()).as(manual.raw()).isEqualTo(201);
        assertThat(manual.body().path("spec").path("selector").path("matchLabels").properties()).hasSize(1);
        assertThat(manual.body().path("spec").path("template").path("metadata").path("labels").properties()).hasSize(1);
        var noSelector = api.post(JOBS, job("manual-none", "\"manualSelector\":true,"));
        assertThat(noSelector.code()).as(noSelector.raw()).isEqualTo(422);
        assertThat(noSelector.body().path("message").asString()).contains("spec.selector: Required value");
    }

    /** A ControllerRevision's data is fixed once written; its number is not (a DaemonSet returning to it). */
    @Test
    void aControllerRevisionsDataIsImmutableAndItsRevisionNot() {
        String revisions = "/apis/apps/v1/namespaces/default/controllerrevisions";
        var created = api.post(revisions, """
                {"apiVersion":"apps/v1","kind":"ControllerRevision","metadata":{"name":"logger-abc"},
                 "data":{"spec":{"template":{"$patch":"replace"}}},"revision":1}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        var changed = api.patch(revisions + "/logger-abc", "application/merge-patch+json", "{\"data\":{\"spec\":{\"template\":null}}}");
        assertThat(changed.code()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.body().path("message").asString()).contains("data: Invalid value:", "field is immutable");
        var renumbered = api.patch(revisions + "/logger-abc", "application/merge-patch+json", "{\"revision\":3}");
        assertThat(renumbered.code()).as(renumbered.raw()).isEqualTo(200);
        assertThat(renumbered.body().path("revision").asInt()).isEqualTo(3);
        assertThat(renumbered.body().path("data").path("spec").path("template").path("$patch").asString()).isEqualTo("replace");
    }

    static final String SMP = "application/strategic-merge-patch+json";

    /** pods/ephemeralcontainers, as {@code kubectl debug} writes it: additions only, nothing else of the pod. */
    @Test
    void ephemeralContainersAreAddedThroughTheirSubresourceOnly() {
        var created = api.post(PODS, pod("debuggee", "{}"));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        String debugger = "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\",\"image\":\"busybox\","
                + "\"stdin\":true,\"targetContainerName\":\"web\"}]}}";
        var added = api.patch(PODS + "/debuggee/ephemeralcontainers", SMP, debugger);
        assertThat(added.code()).as(added.raw()).isEqualTo(200);
        JsonNode ephemeral = added.body().path("spec").path("ephemeralContainers").get(0);
        assertThat(ephemeral.path("name").asString()).isEqualTo("debugger");
        assertThat(ephemeral.path("terminationMessagePolicy").asString()).as("defaulted").isEqualTo("File");
        assertThat(added.body().path("metadata").path("managedFields").valueStream()
                .anyMatch(m -> m.path("subresource").asString("").equals("ephemeralcontainers"))).isTrue();
        assertThat(api.get(PODS + "/debuggee/ephemeralcontainers").body().path("spec").path("ephemeralContainers"))
                .hasSize(1);
        String version = added.body().path("metadata").path("resourceVersion").asString();

        // through the pod itself they neither change nor go
        var relabelled = api.patch(PODS + "/debuggee", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"debugged\":\"yes\"}},\"spec\":{\"ephemeralContainers\":null}}");
        assertThat(relabelled.code()).as(relabelled.raw()).isEqualTo(200);
        assertThat(relabelled.body().path("spec").path("ephemeralContainers")).hasSize(1);
        version = relabelled.body().path("metadata").path("resourceVersion").asString();

        // through the subresource only added: a change, a removal, a forbidden field are 422 and write nothing
        var changed = api.patch(PODS + "/debuggee/ephemeralcontainers", SMP,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"debugger\",\"image\":\"alpine\"}]}}");
        assertThat(changed.code()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.body().path("message").asString())
                .contains("spec.ephemeralContainers[0]: Forbidden: existing ephemeral containers may not be changed");
        var removed = api.patch(PODS + "/debuggee/ephemeralcontainers", "application/merge-patch+json",
                "{\"spec\":{\"ephemeralContainers\":[]}}");
        assertThat(removed.code()).as(removed.raw()).isEqualTo(422);
        assertThat(removed.body().path("message").asString())
                .contains("existing ephemeral containers \"debugger\" may not be removed");
        var withPorts = api.patch(PODS + "/debuggee/ephemeralcontainers", SMP,
                "{\"spec\":{\"ephemeralContainers\":[{\"name\":\"second\",\"image\":\"busybox\","
                        + "\"ports\":[{\"containerPort\":80}]}]}}");
        assertThat(withPorts.code()).as(withPorts.raw()).isEqualTo(422);
        assertThat(withPorts.body().path("message").asString())
                .containsPattern("spec.ephemeralContainers\\[\\d]\\.ports: Forbidden: cannot be set for an Ephemeral Container");
        assertThat(api.get(PODS + "/debuggee").body().path("metadata").path("resourceVersion").asString())
                .isEqualTo(version);

        // a new pod cannot bring them
        var born = api.post(PODS, pod("born-debugged", "{}").replace("\"spec\":{", "\"spec\":{\"ephemeralContainers\":"
                + "[{\"name\":\"debugger\",\"image\":\"busybox\"}],"));
        assertThat(born.code()).as(born.raw()).isEqualTo(422);
        assertThat(born.body().path("message").asString()).contains("spec.ephemeralContainers: Forbidden: cannot be set on create");
        assertThat(api.get(PODS + "/born-debugged").code()).isEqualTo(404);
    }

    @Test
    void aNewNamespaceComesWithItsDefaultServiceAccountWhichItsPodsRunAs() {
        assertThat(api.post("/api/v1/namespaces",
                "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"accounts\"}}").code()).isEqualTo(201);
        assertThat(api.get("/api/v1/namespaces/accounts/serviceaccounts/default").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/default/serviceaccounts/default").code()).isEqualTo(200);

        var created = api.post("/api/v1/namespaces/accounts/pods", pod("runs-as-default", "{}"));

        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("spec").path("serviceAccountName").asString()).isEqualTo("default");
        assertThat(created.body().path("spec").path("serviceAccount").asString()).isEqualTo("default");
        var volume = created.body().path("spec").path("volumes").get(0);
        assertThat(volume.path("name").asString()).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(volume.path("projected").path("sources")).isEqualTo(JsonMapper.builder().build().readTree(
                "[{\"serviceAccountToken\":{\"expirationSeconds\":3607,\"path\":\"token\"}},"
                + "{\"configMap\":{\"name\":\"kube-root-ca.crt\",\"items\":[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}]}},"
                + "{\"downwardAPI\":{\"items\":[{\"path\":\"namespace\",\"fieldRef\":{\"apiVersion\":\"v1\","
                + "\"fieldPath\":\"metadata.namespace\"}}]}}]"));
        var mount = created.body().path("spec").path("containers").get(0).path("volumeMounts").get(0);
        assertThat(mount.path("name").asString()).isEqualTo(volume.path("name").asString());
        assertThat(mount.path("mountPath").asString()).isEqualTo("/var/run/secrets/kubernetes.io/serviceaccount");
        assertThat(mount.path("readOnly").asBoolean()).isTrue();

        var withoutToken = api.post("/api/v1/namespaces/accounts/pods",
                pod("no-token", "{}").replace("\"spec\":{", "\"spec\":{\"automountServiceAccountToken\":false,"));
        assertThat(withoutToken.code()).as(withoutToken.raw()).isEqualTo(201);
        assertThat(withoutToken.body().path("spec").has("volumes")).isFalse();
    }

    @Test
    void aPodNamingAMissingServiceAccountIsForbiddenAndNotStored() {
        String body = pod("runs-as-nobody", "{}").replace("\"spec\":{", "\"spec\":{\"serviceAccountName\":\"builder\",");

        var refused = api.post(PODS, body);

        assertThat(refused.code()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.body().path("reason").asString()).isEqualTo("Forbidden");
        assertThat(refused.body().path("message").asString()).isEqualTo("pods \"runs-as-nobody\" is forbidden: error looking up "
                + "service account default/builder: serviceaccount \"builder\" not found");
        assertThat(api.get(PODS + "/runs-as-nobody").code()).isEqualTo(404);

        assertThat(api.post("/api/v1/namespaces/default/serviceaccounts",
                "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"builder\"}}").code()).isEqualTo(201);
        var accepted = api.post(PODS, body);
        assertThat(accepted.code()).as(accepted.raw()).isEqualTo(201);
        assertThat(accepted.body().path("spec").path("serviceAccountName").asString()).isEqualTo("builder");
    }

    @Test
    void storesASecretsStringDataAsDataAndNeverReturnsIt() {
        String secrets = "/api/v1/namespaces/default/secrets";
        var created = api.post(secrets, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"string-data"},
                 "data":{"kept":"YQ==","replaced":"YQ=="},"stringData":{"replaced":"b","added":"c"}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);

        var read = api.get(secrets + "/string-data");
        assertThat(read.body().path("type").asString()).isEqualTo("Opaque");
        var data = read.body().path("data");
        assertThat(data.propertyNames()).containsExactlyInAnyOrder("added", "kept", "replaced");
        assertThat(data.path("added").asString()).isEqualTo("Yw==");
        assertThat(data.path("kept").asString()).isEqualTo("YQ==");
        assertThat(data.path("replaced").asString()).isEqualTo("Yg==");
        assertThat(read.body().has("stringData")).isFalse();
    }

    @Test
    void refusesASecretWhoseDataIsNotBase64AndStoresNothing() {
        String secrets = "/api/v1/namespaces/default/secrets";
        var refused = api.post(secrets, """
                {"apiVersion":"v1","kind":"Secret","metadata":{"name":"not-base64"},"data":{"k":"not base64!"}}""");

        assertThat(refused.code()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().path("reason").asString()).isEqualTo("Invalid");
        assertThat(refused.body().path("details").path("causes").get(0).path("field").asString()).isEqualTo("data[k]");
        assertThat(api.get(secrets + "/not-base64").code()).isEqualTo(404);
    }

    @Test
    void answersAlreadyExistsForASecondCreate() {
        assertThat(api.post(PODS, pod("twice", "{}")).code()).isEqualTo(201);
        var again = api.post(PODS, pod("twice", "{}"));
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.body().path("reason").asString()).isEqualTo("AlreadyExists");
        assertThat(again.body().path("message").asString()).isEqualTo("pods \"twice\" already exists");
    }

    @Test
    void rejectsAnInvalidNameWith422NamingTheField() {
        var r = api.post(PODS, pod("Bad_Name", "{}"));
        assertThat(r.code()).isEqualTo(422);
        assertThat(r.body().path("reason").asString()).isEqualTo("Invalid");
        assertThat(r.body().path("details").path("causes").get(0).path("field").asString()).isEqualTo("metadata.name");
        assertThat(api.get(PODS + "/Bad_Name").code()).isEqualTo(404);
    }

    @Test
    void rejectsInvalidLabelsAndQuantitiesWith422() {
        var label = api.post("/api/v1/namespaces/default/configmaps", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad-label","labels":{"bad key":"v"}}}""");
        assertThat(label.code()).isEqualTo(422);
        assertThat(label.body().path("details").path("causes").get(0).path("field").asString()).isEqualTo("metadata.labels");
        var value = api.post("/api/v1/namespaces/default/configmaps", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"bad-value","labels":{"k":"%s"}}}"""
                .formatted("x".repeat(64)));
        assertThat(value.code()).isEqualTo(422);
        var quantity = api.post(PODS, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"bad-quantity"},
                 "spec":{"containers":[{"name":"c","image":"x","resources":{"limits":{"memory":"64MB"}}}]}}""");
        assertThat(quantity.code()).as(quantity.raw()).isIn(400, 422);
        assertThat(quantity.raw()).contains("64MB");
        assertThat(api.get("/api/v1/namespaces/default/configmaps/bad-label").code()).isEqualTo(404);
        assertThat(api.get(PODS + "/bad-quantity").code()).isEqualTo(404);
    }

    @Test
    void rejectsMissingImageAndDuplicateContainerNames() {
        var r = api.post(PODS, """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"dup"},
                 "spec":{"containers":[{"name":"a","image":"x"},{"name":"a"}]}}""");
        assertThat(r.code()).isEqualTo(422);
        List<String> fields = new ArrayList<>();
        r.body().path("details").path("causes").forEach(c -> fields.add(c.path("field").asString()));
        assertThat(fields).contains("spec.containers[1].name", "spec.containers[1].image");
    }

    @Test
    void rejectsMalformedJsonWith400AndUnknownFieldsUnderStrictValidation() {
        var malformed = api.post(PODS, "{\"apiVersion\":\"v1\",");
        assertThat(malformed.code()).isEqualTo(400);
        assertThat(malformed.body().path("kind").asString()).isEqualTo("Status");
        var unknown = api.post(PODS + "?fieldValidation=Strict", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"typo"},
                 "spec":{"containers":[{"name":"a","image":"x","imagePullPolicyy":"Never"}]}}""");
        assertThat(unknown.code()).isEqualTo(400);
        assertThat(unknown.body().path("message").asString()).contains("unknown field").contains("imagePullPolicyy");
        assertThat(api.get(PODS + "/typo").code()).isEqualTo(404);
    }

    @Test
    void answers404ForAMissingNamespaceAndAnUnknownResource() {
        var r = api.post("/api/v1/namespaces/nowhere/pods", pod("p", "{}"));
        assertThat(r.code()).isEqualTo(404);
        assertThat(r.body().path("message").asString()).isEqualTo("namespaces \"nowhere\" not found");
        assertThat(api.get("/api/v1/namespaces/default/widgets").code()).isEqualTo(404);
        assertThat(api.get("/apis/nope/v1/things").code()).isEqualTo(404);
    }

    @Test
    void rejectsAStaleResourceVersionWithConflict() {
        var created = api.post(PODS, pod("stale", "{}"));
        String rv = created.body().path("metadata").path("resourceVersion").asString();
        var labelled = api.patch(PODS + "/stale", "application/merge-patch+json", "{\"metadata\":{\"labels\":{\"a\":\"b\"}}}");
        assertThat(labelled.code()).isEqualTo(200);
        assertThat(rv).isNotEmpty();
        var put = api.put(PODS + "/stale", created.raw());
        assertThat(put.code()).isEqualTo(409);
        assertThat(put.body().path("reason").asString()).isEqualTo("Conflict");
        assertThat(api.get(PODS + "/stale").body().path("metadata").path("labels").path("a").asString()).isEqualTo("b");
    }

    @Test
    void rejectsTooLargeBodiesWith413() {
        String big = "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"big\"},\"data\":{\"k\":\""
                + "x".repeat(4 * 1024 * 1024) + "\"}}";
        var r = api.post("/api/v1/namespaces/default/configmaps", big);
        assertThat(r.code()).isEqualTo(413);
    }

    @Test
    void selectsByLabelsAndFields() {
        api.post(PODS, pod("sel-a", "{\"name\":\"a\",\"tier\":\"frontend\"}"));
        api.post(PODS, pod("sel-b", "{\"name\":\"b\",\"tier\":\"backend\"}"));
        api.post(PODS, pod("sel-c", "{\"name\":\"c\"}"));
        assertThat(names(api.get(PODS + "?labelSelector=name%3Da"))).containsExactly("sel-a");
        assertThat(names(api.get(PODS + "?labelSelector=name%20in%20(a%2Cb)"))).containsExactly("sel-a", "sel-b");
        assertThat(names(api.get(PODS + "?labelSelector=tier!%3Dfrontend,name"))).containsExactly("sel-b", "sel-c");
        assertThat(names(api.get(PODS + "?fieldSelector=metadata.name%3Dsel-c"))).containsExactly("sel-c");
        assertThat(api.get(PODS + "?fieldSelector=spec.bogus%3Dx").code()).isEqualTo(400);
    }

    @Test
    void pagesWithLimitAndContinue() {
        for (int i = 0; i < 5; i++) {
            api.post("/api/v1/namespaces/default/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"page-" + i + "\",\"labels\":{\"paged\":\"yes\"}}}");
        }
        List<String> seen = new ArrayList<>();
        String token = "";
        do {
            var r = api.get("/api/v1/namespaces/default/configmaps?labelSelector=paged%3Dyes&limit=2"
                    + (token.isEmpty() ? "" : "&continue=" + token));
            seen.addAll(names(r));
            token = r.body().path("metadata").path("continue").asString("");
        } while (!token.isEmpty());
        assertThat(seen).containsExactly("page-0", "page-1", "page-2", "page-3", "page-4");
    }

    @Test
    void servesTablesWithKubernetesColumns() {
        api.post(PODS, pod("table-pod", "{}"));
        var r = api.get(PODS + "/table-pod", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");
        assertThat(r.body().path("kind").asString()).isEqualTo("Table");
        List<String> columns = new ArrayList<>();
        r.body().path("columnDefinitions").forEach(c -> columns.add(c.path("name").asString()));
        assertThat(columns).startsWith("Name", "Ready", "Status", "Restarts", "Age");
        JsonNode cells = r.body().path("rows").get(0).path("cells");
        assertThat(cells.get(0).asString()).isEqualTo("table-pod");
        assertThat(cells.get(1).asString()).isEqualTo("0/1");
        assertThat(cells.get(2).asString()).isEqualTo("Pending");
    }

    /** kubectl get --sort-by asks includeObject=Object: the rows carry whole objects; a value it cannot be is 400. */
    @Test
    void tableRowsCarryWhatIncludeObjectAsksFor() {
        api.post(PODS, pod("table-whole", "{}"));
        String table = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
        var whole = api.get(PODS + "?includeObject=Object&fieldSelector=metadata.name%3Dtable-whole", table);
        JsonNode object = whole.body().path("rows").get(0).path("object");
        assertThat(object.path("kind").asString()).isEqualTo("Pod");
        assertThat(object.path("spec").path("containers").get(0).path("name").asString()).isEqualTo("web");
        assertThat(api.get(PODS + "/table-whole?includeObject=None", table).body().path("rows").get(0).has("object"))
                .isFalse();
        assertThat(api.get(PODS + "/table-whole", table).body().path("rows").get(0).path("object").path("kind").asString())
                .isEqualTo("PartialObjectMetadata");

        var bad = api.get(PODS + "?includeObject=Everything", table);
        assertThat(bad.code()).as(bad.raw()).isEqualTo(400);
        assertThat(bad.body().path("message").asString()).isEqualTo("unable to convert to Table as requested: "
                + "includeObject: Invalid value: \"Everything\": must be 'Metadata', 'Object', 'None', or empty");
    }

    @Test
    void deletingANamespaceRemovesWhatItHolds() {
        assertThat(api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"doomed\"}}").code())
                .isEqualTo(201);
        assertThat(api.post("/api/v1/namespaces/doomed/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"c\"}}").code()).isEqualTo(201);
        assertThat(api.delete("/api/v1/namespaces/doomed").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/doomed").code()).isEqualTo(404);
        assertThat(api.get("/api/v1/namespaces/doomed/configmaps/c").code()).isEqualTo(404);
        assertThat(api.delete("/api/v1/namespaces/default").code()).isEqualTo(403);
    }

    @Test
    void aNamespaceWaitsForStoppingPodsAndFinalizersThenGoes() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"lingering\"}}");
        var kept = api.post("/api/v1/namespaces/lingering/configmaps", """
                {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"kept","finalizers":["example.com/keep"]}}""");
        assertThat(kept.code()).as(kept.raw()).isEqualTo(201);
        var pod = api.post("/api/v1/namespaces/lingering/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"running"},
                 "spec":{"nodeName":"node-1","containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(pod.code()).as(pod.raw()).isEqualTo(201);
        api.post("/api/v1/namespaces/lingering/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"plain\"}}");

        var deleted = api.delete("/api/v1/namespaces/lingering");
        assertThat(deleted.code()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().path("status").path("phase").asString()).isEqualTo("Terminating");
        assertThat(api.get("/api/v1/namespaces/lingering/configmaps/plain").code()).isEqualTo(404);
        assertThat(api.get("/api/v1/namespaces/lingering/pods/running").body().path("metadata").has("deletionTimestamp"))
                .as("a pod on a node is stopped gracefully, by its node agent").isTrue();
        var conditions = api.get("/api/v1/namespaces/lingering").body().path("status").path("conditions");
        assertThat(conditions).anySatisfy(c -> assertThat(c.path("type").asString() + "=" + c.path("status").asString()
                + ": " + c.path("message").asString()).isEqualTo("NamespaceContentRemaining=True: Some resources are remaining: "
                + "configmaps. has 1 resource instances, pods. has 1 resource instances"));
        assertThat(conditions).anySatisfy(c -> assertThat(c.path("type").asString() + "=" + c.path("status").asString()
                + ": " + c.path("message").asString()).isEqualTo("NamespaceFinalizersRemaining=True: Some content in the "
                + "namespace has finalizers remaining: example.com/keep in 1 resource instances"));
        var late = api.post("/api/v1/namespaces/lingering/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"late\"}}");
        assertThat(late.code()).isEqualTo(403);
        assertThat(late.body().path("message").asString())
                .isEqualTo("configmaps \"late\" is forbidden: unable to create new content in namespace lingering because it is being terminated");

        assertThat(api.patch("/api/v1/namespaces/lingering/configmaps/kept", "application/merge-patch+json",
                "{\"metadata\":{\"finalizers\":null}}").code()).isEqualTo(200);
        assertThat(api.delete("/api/v1/namespaces/lingering/pods/running?gracePeriodSeconds=0").code()).isEqualTo(200);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> api.get("/api/v1/namespaces/lingering").code() == 404);
    }

    @Test
    void deletesANamespaceLargerThanOneBatch() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"big\"}}");
        for (int i = 0; i < 620; i++) {
            assertThat(api.post("/api/v1/namespaces/big/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"c" + i + "\"}}").code()).isEqualTo(201);
        }
        assertThat(api.delete("/api/v1/namespaces/big").code()).isEqualTo(200);
        assertThat(api.get("/api/v1/namespaces/big").code()).isEqualTo(404);
        assertThat(api.get("/api/v1/configmaps?fieldSelector=metadata.namespace%3Dbig").body().path("items")).isEmpty();
    }

    @Test
    void deletesANamespaceWhoseObjectsKeepChangingMeanwhile() throws Exception {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"busy\"}}");
        int objects = 600; // more than one delete batch
        for (int i = 0; i < objects; i++) {
            assertThat(api.post("/api/v1/namespaces/busy/configmaps", "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\","
                    + "\"metadata\":{\"name\":\"c" + i + "\"}}").code()).isEqualTo(201);
        }
        // as node agents writing status while the namespace goes: objects patched over and over
        java.util.concurrent.atomic.AtomicBoolean stop = new java.util.concurrent.atomic.AtomicBoolean();
        java.util.concurrent.atomic.AtomicInteger patched = new java.util.concurrent.atomic.AtomicInteger();
        List<Thread> writers = new java.util.ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int first = w;
            Thread writer = new Thread(() -> {
                for (int n = first; !stop.get(); n += 4) {
                    var r = api.patch("/api/v1/namespaces/busy/configmaps/c" + (n % objects),
                            "application/merge-patch+json", "{\"data\":{\"n\":\"" + n + "\"}}");
                    if (r.code() == 200) {
                        patched.incrementAndGet();
                    }
                }
            });
            writer.start();
            writers.add(writer);
        }
        try {
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(20)).until(() -> patched.get() >= 100);
            var deleted = api.delete("/api/v1/namespaces/busy");
            assertThat(deleted.code()).as(deleted.raw()).isEqualTo(200);
        } finally {
            stop.set(true);
            for (Thread writer : writers) {
                writer.join();
            }
        }
        assertThat(api.get("/api/v1/namespaces/busy").code()).isEqualTo(404);
        assertThat(api.get("/api/v1/configmaps?fieldSelector=metadata.namespace%3Dbusy").body().path("items")).isEmpty();
    }

    @Test
    void scalesThroughTheScaleSubresource() {
        var rc = api.post("/api/v1/namespaces/default/replicationcontrollers", """
                {"apiVersion":"v1","kind":"ReplicationController","metadata":{"name":"redis-slave"},
                 "spec":{"replicas":2,"template":{"metadata":{"labels":{"name":"redis-slave"}},
                   "spec":{"containers":[{"name":"slave","image":"redis"}]}}}}""");
        assertThat(rc.code()).as(rc.raw()).isEqualTo(201);
        assertThat(rc.body().path("spec").path("selector").path("name").asString()).isEqualTo("redis-slave");
        var scaled = api.patch("/api/v1/namespaces/default/replicationcontrollers/redis-slave/scale",
                "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
        assertThat(scaled.code()).as(scaled.raw()).isEqualTo(200);
        assertThat(scaled.body().path("kind").asString()).isEqualTo("Scale");
        assertThat(scaled.body().path("spec").path("replicas").asInt()).isEqualTo(3);
        assertThat(api.get("/api/v1/namespaces/default/replicationcontrollers/redis-slave").body()
                .path("spec").path("replicas").asInt()).isEqualTo(3);
        var negative = api.patch("/api/v1/namespaces/default/replicationcontrollers/redis-slave/scale",
                "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}");
        assertThat(negative.code()).isEqualTo(422);
    }

    @Test
    void limitRangeDefaultsAndBoundsNewPods() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"limited\"}}");
        var range = api.post("/api/v1/namespaces/limited/limitranges", """
                {"apiVersion":"v1","kind":"LimitRange","metadata":{"name":"cpu-limits"},
                 "spec":{"limits":[{"type":"Container","default":{"cpu":"500m","memory":"128Mi"},
                   "defaultRequest":{"cpu":"250m"},"max":{"cpu":"1"}}]}}""");
        assertThat(range.code()).as(range.raw()).isEqualTo(201);
        var pod = api.post("/api/v1/namespaces/limited/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"defaulted"},
                 "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(pod.code()).as(pod.raw()).isEqualTo(201);
        JsonNode resources = pod.body().path("spec").path("containers").get(0).path("resources");
        assertThat(resources.path("limits").path("cpu").asString()).isEqualTo("500m");
        assertThat(resources.path("requests").path("cpu").asString()).isEqualTo("250m");
        assertThat(resources.path("requests").path("memory").asString()).isEqualTo("128Mi");
        var tooBig = api.post("/api/v1/namespaces/limited/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"too-big"},
                 "spec":{"containers":[{"name":"c","image":"busybox","resources":{"limits":{"cpu":"2"}}}]}}""");
        assertThat(tooBig.code()).isEqualTo(403);
        assertThat(tooBig.body().path("message").asString())
                .isEqualTo("pods \"too-big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
        // a change to the LimitRange applies to the very next pod, and so does its deletion
        var raised = api.patch("/api/v1/namespaces/limited/limitranges/cpu-limits", "application/merge-patch+json",
                "{\"spec\":{\"limits\":[{\"type\":\"Container\",\"max\":{\"cpu\":\"4\"}}]}}");
        assertThat(raised.code()).as(raised.raw()).isEqualTo(200);
        var allowed = api.post("/api/v1/namespaces/limited/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"big-now-allowed"},
                 "spec":{"containers":[{"name":"c","image":"busybox","resources":{"limits":{"cpu":"2"}}}]}}""");
        assertThat(allowed.code()).as(allowed.raw()).isEqualTo(201);
        assertThat(api.delete("/api/v1/namespaces/limited/limitranges/cpu-limits").code()).isEqualTo(200);
        var plain = api.post("/api/v1/namespaces/limited/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"not-defaulted"},
                 "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(plain.code()).as(plain.raw()).isEqualTo(201);
        assertThat(plain.body().path("spec").path("containers").get(0).path("resources").path("limits").isEmpty()).isTrue();
    }

    @Test
    void writesAPodStatusThroughItsSubresourceAndKeepsTheSpec() {
        var pod = api.post("/api/v1/namespaces/default/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"status-only"},
                 "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(pod.code()).as(pod.raw()).isEqualTo(201);
        var written = api.patch("/api/v1/namespaces/default/pods/status-only/status", "application/merge-patch+json", """
                {"spec":{"containers":[{"name":"c","image":"other"}]},
                 "status":{"phase":"Running","conditions":[{"type":"Ready","status":"True"}]}}""");
        assertThat(written.code()).as(written.raw()).isEqualTo(200);
        assertThat(written.body().path("status").path("phase").asString()).isEqualTo("Running");
        assertThat(written.body().path("spec").path("containers").get(0).path("image").asString()).isEqualTo("busybox");
        assertThat(written.body().path("metadata").path("resourceVersion").asString())
                .isNotEqualTo(pod.body().path("metadata").path("resourceVersion").asString());
        var unknown = api.patch("/api/v1/namespaces/default/pods/status-only/status?fieldValidation=Strict",
                "application/merge-patch+json", "{\"status\":{\"phaze\":\"Failed\"}}");
        assertThat(unknown.code()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.body().path("message").asString()).contains("unknown field \"status.phaze\"");
    }

    @Test
    void keepsAClientsConnectionOpenForHundredsOfRequests() throws IOException {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());
            for (int i = 0; i < 250; i++) {
                out.write("GET /version HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                String head = responseHead(in);
                assertThat(head).as("response %d", i).startsWith("HTTP/1.1 200")
                        .doesNotContainIgnoringCase("connection: close");
                assertThat(responseBody(in, head)).as("response %d", i).contains("\"gitVersion\"");
            }
        }
    }

    /** The status line and headers, up to the blank line. */
    private static String responseHead(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            assertThat(b).as("the server closed the connection after: %s", head).isNotNegative();
            head.append((char) b);
        }
        return head.toString();
    }

    /** A body of a Content-Length or of chunks. */
    private static String responseBody(InputStream in, String head) throws IOException {
        Matcher length = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        if (length.find()) {
            return new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.UTF_8);
        }
        StringBuilder body = new StringBuilder();
        while (true) {
            int size = Integer.parseInt(responseLine(in).trim(), 16);
            if (size == 0) {
                responseLine(in);
                return body.toString();
            }
            body.append(new String(in.readNBytes(size), StandardCharsets.UTF_8));
            responseLine(in);
        }
    }

    private static String responseLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            assertThat(b).isNotNegative();
            line.append((char) b);
        }
        return line.toString();
    }

    @Test
    void bindsAPodOnceAndOnlyTheOneWhoseUidTheBindingNames() {
        var pod = api.post("/api/v1/namespaces/default/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"to-bind"},
                 "spec":{"containers":[{"name":"c","image":"busybox"}]}}""");
        assertThat(pod.code()).as(pod.raw()).isEqualTo(201);
        String uid = pod.body().path("metadata").path("uid").asString();
        String binding = """
                {"apiVersion":"v1","kind":"Binding","metadata":{"name":"to-bind","uid":"%s"},
                 "target":{"apiVersion":"v1","kind":"Node","name":"%s"}}""";

        var otherUid = api.post("/api/v1/namespaces/default/pods/to-bind/binding",
                binding.formatted("6f1c0c52-0000-4000-8000-000000000000", "node-a"));
        assertThat(otherUid.code()).as(otherUid.raw()).isEqualTo(409);
        assertThat(otherUid.body().path("message").asString()).isEqualTo("Operation cannot be fulfilled on pods "
                + "\"to-bind\": Precondition failed: UID in precondition: 6f1c0c52-0000-4000-8000-000000000000, "
                + "UID in object meta: " + uid);
        assertThat(api.get("/api/v1/namespaces/default/pods/to-bind").body().path("spec").has("nodeName"))
                .as("the refused binding changed nothing").isFalse();

        var bound = api.post("/api/v1/namespaces/default/pods/to-bind/binding", binding.formatted(uid, "node-a"));
        assertThat(bound.code()).as(bound.raw()).isEqualTo(201);
        var stored = api.get("/api/v1/namespaces/default/pods/to-bind").body();
        assertThat(stored.path("spec").path("nodeName").asString()).isEqualTo("node-a");
        assertThat(stored.at("/metadata/managedFields")).as("a binding records no manager, as in Kubernetes")
                .isEqualTo(pod.body().at("/metadata/managedFields"));
        assertThat(stored.path("status").path("conditions").get(0).path("type").asString()).isEqualTo("PodScheduled");

        var again = api.post("/api/v1/namespaces/default/pods/to-bind/binding", binding.formatted(uid, "node-b"));
        assertThat(again.code()).as(again.raw()).isEqualTo(409);
        assertThat(again.body().path("message").asString()).endsWith("pod to-bind is already assigned to node \"node-a\"");
    }

    @Test
    void resourceQuotaRefusesAPodThatWouldExceedIt() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"quota\"}}");
        var quota = api.post("/api/v1/namespaces/quota/resourcequotas", """
                {"apiVersion":"v1","kind":"ResourceQuota","metadata":{"name":"compute"},
                 "spec":{"hard":{"requests.cpu":"1","pods":"2"}}}""");
        assertThat(quota.code()).as(quota.raw()).isEqualTo(201);
        String pod = """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
                 "spec":{"containers":[{"name":"c","image":"busybox","resources":{"requests":{"cpu":"%s"}}}]}}""";
        assertThat(api.post("/api/v1/namespaces/quota/pods", pod.formatted("first", "800m")).code()).isEqualTo(201);
        var second = api.post("/api/v1/namespaces/quota/pods", pod.formatted("second", "500m"));
        assertThat(second.code()).isEqualTo(403);
        assertThat(second.body().path("message").asString()).isEqualTo("pods \"second\" is forbidden: exceeded quota: "
                + "compute, requested: requests.cpu=500m, used: requests.cpu=800m, limited: requests.cpu=1");
        assertThat(api.get("/api/v1/namespaces/quota/pods/second").code()).isEqualTo(404);
        assertThat(api.post("/api/v1/namespaces/quota/pods", pod.formatted("small", "100m")).code()).isEqualTo(201);
        var third = api.post("/api/v1/namespaces/quota/pods", pod.formatted("third", "10m"));
        assertThat(third.code()).isEqualTo(403);
        assertThat(third.body().path("message").asString()).contains("exceeded quota: compute").contains("pods=1");
    }

    private static List<String> names(ApiClient.Response r) {
        List<String> names = new ArrayList<>();
        r.body().path("items").forEach(i -> names.add(i.path("metadata").path("name").asString()));
        return names;
    }
}
