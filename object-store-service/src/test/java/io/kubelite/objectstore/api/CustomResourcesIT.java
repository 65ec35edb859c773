package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CustomResourceDefinitions against a real PostgreSQL: a definition is established at once and its
 * resource served in discovery and REST (create, get, list, patch, status, delete), in each served
 * version; deleting the definition takes its objects.
 */
class CustomResourcesIT extends ApiServerTest {

    static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    static final String CRONTABS = "/apis/stable.example.com/v1/namespaces/default/crontabs";

    static final String CRONTAB_CRD = """
            {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
             "metadata":{"name":"crontabs.stable.example.com"},
             "spec":{"group":"stable.example.com","scope":"Namespaced",
              "names":{"plural":"crontabs","singular":"crontab","kind":"CronTab","shortNames":["ct"]},
              "versions":[
               {"name":"v1","served":true,"storage":true,"subresources":{"status":{},"scale":{"specReplicasPath":".spec.replicas","statusReplicasPath":".status.replicas"}},
                "schema":{"openAPIV3Schema":{"type":"object","properties":{
                  "spec":{"type":"object",
                   "x-kubernetes-validations":[{"rule":"!has(self.image) || !self.image.endsWith(':latest')",
                     "message":"pin the image to a tag other than latest"}],
                   "properties":{
                    "cronSpec":{"type":"string","pattern":"^(\\\\d+|\\\\*)(/\\\\d+)?(\\\\s+(\\\\d+|\\\\*)(/\\\\d+)?){4}$"},
                    "image":{"type":"string"},
                    "replicas":{"type":"integer","minimum":1,"maximum":10,"default":1}},
                   "required":["image"]},
                  "status":{"type":"object","properties":{"lastScheduleTime":{"type":"string"},"replicas":{"type":"integer"}}}}}},
                "additionalPrinterColumns":[
                 {"name":"Spec","type":"string","jsonPath":".spec.cronSpec"},
                 {"name":"Replicas","type":"integer","jsonPath":".spec.replicas"},
                 {"name":"Age","type":"date","jsonPath":".metadata.creationTimestamp"}]},
               {"name":"v1beta1","served":true,"storage":false,
                "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}""";

    @Test
    void aDefinitionIsEstablishedAndItsResourceServedAtOnce() {
        var created = api.post(CRDS, CRONTAB_CRD);
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        var crd = api.get(CRDS + "/crontabs.stable.example.com").body();
        assertThat(crd.path("status").path("acceptedNames").path("kind").asString()).isEqualTo("CronTab");
        assertThat(crd.path("status").path("storedVersions").toString()).isEqualTo("[\"v1\"]");
        assertThat(crd.path("status").path("conditions")).anySatisfy(c -> {
            assertThat(c.path("type").asString()).isEqualTo("Established");
            assertThat(c.path("status").asString()).isEqualTo("True");
        });
        assertThat(crd.path("spec").path("names").path("listKind").asString()).isEqualTo("CronTabList");

        var discovery = api.get("/apis/stable.example.com/v1").body();
        assertThat(discovery.toString()).contains("\"name\":\"crontabs\"").contains("\"shortNames\":[\"ct\"]")
                .contains("\"name\":\"crontabs/status\"");
        assertThat(api.get("/apis").body().toString()).contains("stable.example.com");

        assertThat(api.get("/openapi/v3").body().path("paths").has("apis/stable.example.com/v1")).isTrue();
        var openapi = api.get("/openapi/v3/apis/stable.example.com/v1").body();
        var schema = openapi.path("components").path("schemas").path("com.example.stable.v1.CronTab");
        assertThat(schema.path("properties").path("spec").path("properties").path("cronSpec").path("type").asString())
                .isEqualTo("string");
        assertThat(schema.path("properties").path("metadata").path("allOf").get(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta");
        assertThat(openapi.path("components").path("schemas").has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        assertThat(schema.path("x-kubernetes-group-version-kind").get(0).path("kind").asString()).isEqualTo("CronTab");
        var patchContent = openapi.path("paths").path("/apis/stable.example.com/v1/namespaces/{namespace}/crontabs/{name}")
                .path("patch").path("requestBody").path("content");
        assertThat(patchContent.has("application/merge-patch+json")).isTrue();
        assertThat(patchContent.has("application/strategic-merge-patch+json")).as("kubectl then sends merge patches").isFalse();

        var tab = api.post(CRONTABS, """
                {"apiVersion":"stable.example.com/v1","kind":"CronTab","metadata":{"name":"nightly"},
                 "spec":{"cronSpec":"* * * * */5","image":"my-awesome-cron-image"},"status":{"lastScheduleTime":"ignored"}}""");
        assertThat(tab.code()).as(tab.raw()).isEqualTo(201);
        assertThat(tab.body().path("spec").path("replicas").asInt()).as("defaulted").isEqualTo(1);
        assertThat(tab.body().has("status")).as("status only through the subresource").isFalse();
        assertThat(tab.body().path("metadata").path("generation").asLong()).isEqualTo(1);

        var list = api.get(CRONTABS).body();
        assertThat(list.path("kind").asString()).isEqualTo("CronTabList");
        assertThat(list.path("items").size()).isEqualTo(1);
        var watched = api.get(CRONTABS + "?watch=true&timeoutSeconds=1&resourceVersion=0");
        assertThat(watched.raw()).contains("\"type\":\"ADDED\"").contains("\"name\":\"nightly\"");
        var asBeta = api.get("/apis/stable.example.com/v1beta1/namespaces/default/crontabs/nightly").body();
        assertThat(asBeta.path("apiVersion").asString()).isEqualTo("stable.example.com/v1beta1");

        var patched = api.patch(CRONTABS + "/nightly", "application/merge-patch+json", "{\"spec\":{\"replicas\":3}}");
        assertThat(patched.code()).as(patched.raw()).isEqualTo(200);
        assertThat(patched.body().path("metadata").path("generation").asLong()).isEqualTo(2);
        var strategic = api.patch(CRONTABS + "/nightly", "application/strategic-merge-patch+json", "{\"spec\":{\"replicas\":4}}");
        assertThat(strategic.code()).isEqualTo(415);
        assertThat(strategic.body().path("message").asString()).isEqualTo("the body of the request was in an unknown format"
                + " - accepted media types include: application/json-patch+json, application/merge-patch+json,"
                + " application/apply-patch+yaml");

        var status = api.patch(CRONTABS + "/nightly/status", "application/merge-patch+json",
                "{\"status\":{\"lastScheduleTime\":\"2026-11-27T06:00:00Z\"},\"spec\":{\"replicas\":9}}");
        assertThat(status.code()).as(status.raw()).isEqualTo(200);
        assertThat(status.body().path("status").path("lastScheduleTime").asString()).isEqualTo("2026-11-27T06:00:00Z");
        assertThat(status.body().path("spec").path("replicas").asInt()).as("spec kept by a status write").isEqualTo(3);

        var scale = api.get(CRONTABS + "/nightly/scale").body();
        assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(3);
        var scaled = api.patch(CRONTABS + "/nightly/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":5}}");
        assertThat(scaled.code()).as(scaled.raw()).isEqualTo(200);
        assertThat(api.get(CRONTABS + "/nightly").body().path("spec").path("replicas").asInt()).isEqualTo(5);
        var tooMany = api.patch(CRONTABS + "/nightly/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":50}}");
        assertThat(tooMany.code()).as("the schema's maximum holds through scale").isEqualTo(422);

        var applied = api.patch(CRONTABS + "/applied?fieldManager=kubectl", "application/apply-patch+yaml", """
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata:
                  name: applied
                spec:
                  image: first
                """);
        assertThat(applied.code()).as(applied.raw()).isEqualTo(201);
        assertThat(applied.body().path("spec").path("replicas").asInt()).isEqualTo(1);
        var conflict = api.patch(CRONTABS + "/applied?fieldManager=other", "application/apply-patch+yaml", """
                apiVersion: stable.example.com/v1
                kind: CronTab
                metadata:
                  name: applied
                spec:
                  image: second
                """);
        assertThat(conflict.code()).as(conflict.raw()).isEqualTo(409);
        assertThat(conflict.body().path("message").asString()).contains("conflict with \"kubectl\"").contains(".spec.image");

        var table = api.get(CRONTABS, "application/json;as=Table;v=v1;g=meta.k8s.io").body();
        assertThat(table.path("columnDefinitions").toString()).contains("\"name\":\"Spec\"").contains("\"name\":\"Replicas\"");

        assertThat(api.delete(CRDS + "/crontabs.stable.example.com").code()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(CRDS + "/crontabs.stable.example.com").code() == 404);
        assertThat(api.get(CRONTABS).code()).isEqualTo(404);
        api.post(CRDS, CRONTAB_CRD);
        assertThat(api.get(CRONTABS).body().path("items").size()).as("objects went with their definition").isZero();
        api.delete(CRDS + "/crontabs.stable.example.com");
    }

    @Test
    void refusesCustomObjectsTheSchemaForbidsAndReportsUnknownFields() {
        api.post(CRDS, CRONTAB_CRD.replace("crontabs", "jobtabs").replace("CronTab", "JobTab").replace("\"ct\"", "\"jt\""));
        String jobtabs = "/apis/stable.example.com/v1/namespaces/default/jobtabs";

        var bad = api.post(jobtabs, """
                {"apiVersion":"stable.example.com/v1","kind":"JobTab","metadata":{"name":"bad"},
                 "spec":{"cronSpec":"every minute","replicas":"three"}}""");
        assertThat(bad.code()).as(bad.raw()).isEqualTo(422);
        assertThat(bad.body().path("message").asString())
                .contains("spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")
                .contains("spec.image: Required value");
        var latest = api.post(jobtabs, """
                {"apiVersion":"stable.example.com/v1","kind":"JobTab","metadata":{"name":"latest"},
                 "spec":{"image":"app:latest"}}""");
        assertThat(latest.code()).as(latest.raw()).isEqualTo(422);
        assertThat(latest.body().path("message").asString())
                .contains("spec: Invalid value: \"object\": pin the image to a tag other than latest");
        var unknown = api.post(jobtabs + "?fieldValidation=Strict", """
                {"apiVersion":"stable.example.com/v1","kind":"JobTab","metadata":{"name":"typo"},
                 "spec":{"image":"x","imagePullPolicy":"Always"}}""");
        assertThat(unknown.code()).as(unknown.raw()).isEqualTo(400);
        assertThat(unknown.body().path("message").asString()).isEqualTo("JobTab in version \"v1\" cannot be handled as a JobTab:"
                + " strict decoding error: unknown field \"spec.imagePullPolicy\"");
        var pruned = api.post(jobtabs, """
                {"apiVersion":"stable.example.com/v1","kind":"JobTab","metadata":{"name":"pruned"},
                 "spec":{"image":"x","imagePullPolicy":"Always"}}""");
        assertThat(pruned.code()).as(pruned.raw()).isEqualTo(201);
        assertThat(pruned.body().path("spec").has("imagePullPolicy")).isFalse();
        assertThat(api.get(jobtabs + "/bad").code()).isEqualTo(404);
        api.delete(CRDS + "/jobtabs.stable.example.com");
    }

    @Test
    void refusesABadDefinition() {
        var bad = api.post(CRDS, """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Global","names":{"plural":"gadgets","kind":"Widget"},
                  "versions":[{"name":"v1","served":true,"storage":false,"schema":{"openAPIV3Schema":{"type":"object"}}}]}}""");
        assertThat(bad.code()).as(bad.raw()).isEqualTo(422);
        assertThat(bad.body().path("message").asString())
                .contains("metadata.name: Invalid value: \"widgets.example.com\": must be spec.names.plural+\".\"+spec.group")
                .contains("spec.scope: Unsupported value: \"Global\"")
                .contains("must have exactly one version marked as storage version");
        assertThat(api.get(CRDS + "/widgets.example.com").code()).isEqualTo(404);
        var badRule = api.post(CRDS, """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gadgets.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gadgets","kind":"Gadget"},
                  "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
                   "properties":{"spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.size >"}]}}}}}]}}""");
        assertThat(badRule.code()).as(badRule.raw()).isEqualTo(422);
        assertThat(badRule.body().path("message").asString())
                .contains("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value:")
                .contains("compilation failed: ERROR: <input>:1:");
        assertThat(api.get("/apis/example.com/v1/namespaces/default/gadgets").code()).isEqualTo(404);
    }

    @Test
    void transitionRulesReadTheOldObjectAndRulesAddedLaterAreRatchetedOnUnchangedValues() {
        var crd = api.post(CRDS, """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"databases.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"databases","kind":"Database"},
                  "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
                   "properties":{"spec":{"type":"object","x-kubernetes-validations":[
                       {"rule":"self.replicas >= 1","messageExpression":"'replicas must be at least 1, not ' + string(self.replicas)",
                        "fieldPath":".replicas"}],
                     "properties":{"replicas":{"type":"integer"},"owner":{"type":"string"},
                      "storage":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"storage is immutable"}]}}}}}}}]}}""");
        assertThat(crd.code()).as(crd.raw()).isEqualTo(201);
        String databases = "/apis/example.com/v1/namespaces/default/databases";
        var created = api.post(databases, """
                {"apiVersion":"example.com/v1","kind":"Database","metadata":{"name":"orders"},"spec":{"replicas":5,"storage":"10Gi"}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);

        var resized = api.patch(databases + "/orders", "application/merge-patch+json", "{\"spec\":{\"storage\":\"20Gi\"}}");
        assertThat(resized.code()).as(resized.raw()).isEqualTo(422);
        assertThat(resized.body().path("message").asString()).isEqualTo("Database.example.com \"orders\" is invalid: "
                + "spec.storage: Invalid value: \"string\": storage is immutable");
        var none = api.patch(databases + "/orders", "application/merge-patch+json", "{\"spec\":{\"replicas\":0}}");
        assertThat(none.body().path("message").asString()).as(none.raw())
                .endsWith("spec.replicas: Invalid value: \"object\": replicas must be at least 1, not 0");
        var stored = api.get(databases + "/orders").body().path("spec");
        assertThat(stored.path("storage").asString() + " " + stored.path("replicas").asInt()).isEqualTo("10Gi 5");

        var ruleAdded = api.patch(CRDS + "/databases.example.com", "application/json-patch+json", """
                [{"op":"add","path":"/spec/versions/0/schema/openAPIV3Schema/properties/spec/properties/replicas/x-kubernetes-validations",
                  "value":[{"rule":"self <= 3","message":"at most 3 replicas"}]}]""");
        assertThat(ruleAdded.code()).as(ruleAdded.raw()).isEqualTo(200);
        var owned = api.patch(databases + "/orders", "application/merge-patch+json", "{\"spec\":{\"owner\":\"shop\"}}");
        assertThat(owned.code()).as("replicas unchanged: the new rule warns, it does not refuse; " + owned.raw()).isEqualTo(200);
        assertThat(owned.http().headers().allValues("Warning")).anySatisfy(w ->
                assertThat(w.replace("\\\"", "\"")).contains("spec.replicas: Invalid value: \"integer\": at most 3 replicas"));
        var grown = api.patch(databases + "/orders", "application/merge-patch+json", "{\"spec\":{\"replicas\":6}}");
        assertThat(grown.code()).as(grown.raw()).isEqualTo(422);
        assertThat(grown.body().path("message").asString()).contains("spec.replicas: Invalid value: \"integer\": at most 3 replicas");
        var fresh = api.post(databases, """
                {"apiVersion":"example.com/v1","kind":"Database","metadata":{"name":"billing"},"spec":{"replicas":5,"storage":"1Gi"}}""");
        assertThat(fresh.code()).as("a create has nothing to ratchet against").isEqualTo(422);
    }

    @Test
    void aDeletedDefinitionTerminatesRemovesItsObjectsWaitsForTheirFinalizersThenGoes() {
        String crds = CRDS + "/gizmos.example.com";
        var crd = api.post(CRDS, """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition","metadata":{"name":"gizmos.example.com"},
                 "spec":{"group":"example.com","scope":"Namespaced","names":{"plural":"gizmos","kind":"Gizmo"},
                  "versions":[{"name":"v1","served":true,"storage":true,"schema":{"openAPIV3Schema":{"type":"object",
                   "x-kubernetes-preserve-unknown-fields":true}}}]}}""");
        assertThat(crd.code()).as(crd.raw()).isEqualTo(201);
        assertThat(crd.body().path("metadata").path("finalizers").toString()).isEqualTo("[\"customresourcecleanup.apiextensions.k8s.io\"]");
        String gizmos = "/apis/example.com/v1/namespaces/default/gizmos";
        for (String name : new String[]{"a", "b", "held"}) {
            var created = api.post(gizmos, "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gizmo\",\"metadata\":{\"name\":\"" + name + "\""
                    + (name.equals("held") ? ",\"finalizers\":[\"example.com/keep\"]" : "") + "}}");
            assertThat(created.code()).as(created.raw()).isEqualTo(201);
        }

        var deleted = api.delete(crds);
        assertThat(deleted.code()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().path("metadata").has("deletionTimestamp")).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(api.get(gizmos + "/a").code()).isEqualTo(404);
            assertThat(api.get(gizmos + "/b").code()).isEqualTo(404);
        });
        var terminating = api.get(crds).body();
        assertThat(terminating.path("status").path("conditions")).anySatisfy(c -> assertThat(
                c.path("type").asString() + " " + c.path("status").asString() + " " + c.path("reason").asString())
                .isEqualTo("Terminating True InstanceDeletionInProgress"));
        var held = api.get(gizmos + "/held");
        assertThat(held.code()).as("an object with a finalizer is only marked").isEqualTo(200);
        assertThat(held.body().path("metadata").has("deletionTimestamp")).isTrue();
        var refused = api.post(gizmos, "{\"apiVersion\":\"example.com/v1\",\"kind\":\"Gizmo\",\"metadata\":{\"name\":\"late\"}}");
        assertThat(refused.code()).as(refused.raw()).isEqualTo(405);
        assertThat(refused.body().path("message").asString()).isEqualTo("create not allowed while custom resource definition is terminating");

        var released = api.patch(gizmos + "/held", "application/merge-patch+json", "{\"metadata\":{\"finalizers\":null}}");
        assertThat(released.code()).as(released.raw()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.get(crds).code() == 404);
        assertThat(api.get(gizmos).code()).isEqualTo(404);
    }
}
