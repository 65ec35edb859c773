package io.kubelite.objectstore.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.objectstore.ApiServerTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get apiservices}: one Local APIService per group version served, the metrics API's
 * with the health of the service behind it, a Table with kube-aggregator's columns, discovery
 * listing the resource, and every write refused with 405.
 */
class ApiServicesIT extends ApiServerTest {

    static final String PATH = "/apis/apiregistration.k8s.io/v1/apiservices";

    @Test
    void everyServedGroupVersionIsALocalApiServiceAlwaysAvailable() {
        var list = api.get(PATH);

        assertThat(list.code()).isEqualTo(200);
        assertThat(list.body().path("kind").asString()).isEqualTo("APIServiceList");
        List<String> names = list.body().path("items").valueStream()
                .map(i -> i.path("metadata").path("name").asString()).toList();
        assertThat(names).contains("v1.", "v1.apps", "v1.batch", "v2.autoscaling", "v1.autoscaling",
                "v1.rbac.authorization.k8s.io", "v1.apiregistration.k8s.io", "v1beta1.metrics.k8s.io");
        assertThat(names).as("sorted by name").isSorted();

        JsonNode apps = api.get(PATH + "/v1.apps").body();
        assertThat(apps.path("spec").path("group").asString()).isEqualTo("apps");
        assertThat(apps.path("spec").path("version").asString()).isEqualTo("v1");
        assertThat(apps.path("spec").path("groupPriorityMinimum").asInt()).isEqualTo(17800);
        assertThat(apps.path("spec").has("service")).as("served here: Local").isFalse();
        assertThat(apps.path("metadata").path("labels").path("kube-aggregator.kubernetes.io/automanaged").asString())
                .isEqualTo("onstart");
        JsonNode available = apps.path("status").path("conditions").get(0);
        assertThat(available.path("type").asString()).isEqualTo("Available");
        assertThat(available.path("status").asString()).isEqualTo("True");
        assertThat(available.path("reason").asString()).isEqualTo("Local");
        assertThat(api.get(PATH + "/v1.").body().path("spec").path("group").asString()).isEmpty();
    }

    @Test
    void theMetricsApiIsUnavailableWhileItsServiceDoesNotAnswer() {
        JsonNode metrics = api.get(PATH + "/v1beta1.metrics.k8s.io").body();

        assertThat(metrics.path("spec").path("service").path("namespace").asString()).isEqualTo("kube-system");
        assertThat(metrics.path("spec").path("group").asString()).isEqualTo("metrics.k8s.io");
        JsonNode available = metrics.path("status").path("conditions").get(0);
        assertThat(available.path("status").asString()).isEqualTo("False");
        assertThat(available.path("reason").asString()).isEqualTo("FailedDiscoveryCheck");
        assertThat(available.path("message").asString())
                .startsWith("failing or missing response from the metrics API (autoscaler-service): Get \"http://127.0.0.1:1/");

        var table = api.get(PATH + "/v1beta1.metrics.k8s.io", "application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.body().path("columnDefinitions").findValuesAsString("name"))
                .containsExactly("Name", "Service", "Available", "Age");
        assertThat(table.body().path("rows").get(0).path("cells").get(1).asString()).isEqualTo("kube-system/autoscaler-service");
        assertThat(table.body().path("rows").get(0).path("cells").get(2).asString()).isEqualTo("False (FailedDiscoveryCheck)");
    }

    @Test
    void aCustomResourceDefinitionsGroupGetsItsOwnApiService() {
        api.post("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", """
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"gadgets.apisvc.example.com"},
                 "spec":{"group":"apisvc.example.com","scope":"Namespaced",
                  "names":{"plural":"gadgets","singular":"gadget","kind":"Gadget"},
                  "versions":[{"name":"v1","served":true,"storage":true,
                   "schema":{"openAPIV3Schema":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}]}}""");

        var custom = api.get(PATH + "/v1.apisvc.example.com");

        assertThat(custom.code()).as(custom.raw()).isEqualTo(200);
        assertThat(custom.body().path("metadata").path("labels").path("kube-aggregator.kubernetes.io/automanaged")
                .asString()).isEqualTo("true");
        assertThat(custom.body().path("spec").path("groupPriorityMinimum").asInt()).isEqualTo(1000);
        api.delete("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/gadgets.apisvc.example.com");
    }

    @Test
    void discoveryListsApiServicesReadOnlyAndWritesAreRefused() {
        var resources = api.get("/apis/apiregistration.k8s.io/v1").body().path("resources");
        assertThat(resources.findValuesAsString("name")).containsExactly("apiservices");
        assertThat(resources.get(0).path("verbs").valueStream().map(JsonNode::asString).toList())
                .containsExactly("get", "list");

        var created = api.post(PATH, """
                {"apiVersion":"apiregistration.k8s.io/v1","kind":"APIService","metadata":{"name":"v1beta1.custom.metrics.k8s.io"},
                 "spec":{"service":{"name":"prometheus-adapter","namespace":"monitoring"},"group":"custom.metrics.k8s.io",
                  "version":"v1beta1","groupPriorityMinimum":100,"versionPriority":100}}""");
        assertThat(created.code()).isEqualTo(405);
        assertThat(created.body().path("reason").asString()).isEqualTo("MethodNotAllowed");
        assertThat(created.body().path("message").asString()).contains("aggregates no other API server");
        assertThat(api.delete(PATH + "/v1.apps").code()).isEqualTo(405);
        assertThat(api.get(PATH + "/v1.apps").code()).as("still there").isEqualTo(200);
        assertThat(api.get(PATH + "/v9.nosuch").code()).isEqualTo(404);
        assertThat(api.get(PATH + "?watch=true").code()).isEqualTo(405);
    }
}
