package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * StorageClasses, EndpointSlices, IngressClasses and NetworkPolicies against a real PostgreSQL: the default class
 * exists and fills in claims, and bad objects and forbidden updates are 422 in kube's words with
 * nothing written.
 */
class ClusterKindsIT extends ApiServerTest {

    static final String CLASSES = "/apis/storage.k8s.io/v1/storageclasses";
    static final String SLICES = "/apis/discovery.k8s.io/v1/namespaces/default/endpointslices";

    @Test
    void theDefaultStorageClassFillsInClaimsThatNameNone() {
        var standard = api.get(CLASSES + "/standard");
        assertThat(standard.code()).isEqualTo(200);
        assertThat(standard.body().path("provisioner").asString()).isEqualTo("kubelite.io/hostpath");

        var claim = api.post("/api/v1/namespaces/default/persistentvolumeclaims", """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"plain"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
        assertThat(claim.body().path("spec").path("storageClassName").asString()).isEqualTo("standard");
        var none = api.post("/api/v1/namespaces/default/persistentvolumeclaims", """
                {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"classless"},
                 "spec":{"storageClassName":"","accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}}}}""");
        assertThat(none.body().path("spec").path("storageClassName").asString()).as("asked for none").isEmpty();
    }

    @Test
    void refusesABadStorageClassAndChangesToWhatIsFixed() {
        var bad = api.post(CLASSES, """
                {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"bad"},
                 "reclaimPolicy":"Recycle","volumeBindingMode":"Later"}""");
        assertThat(bad.code()).as(bad.raw()).isEqualTo(422);
        assertThat(bad.body().path("message").asString())
                .contains("provisioner: Required value")
                .contains("reclaimPolicy: Unsupported value: \"Recycle\": supported values: \"Delete\", \"Retain\"")
                .contains("volumeBindingMode: Unsupported value: \"Later\"");
        assertThat(api.get(CLASSES + "/bad").code()).isEqualTo(404);

        api.post(CLASSES, """
                {"apiVersion":"storage.k8s.io/v1","kind":"StorageClass","metadata":{"name":"fast"},"provisioner":"example.com/ssd"}""");
        var changed = api.patch(CLASSES + "/fast", "application/merge-patch+json", "{\"provisioner\":\"example.com/hdd\"}");
        assertThat(changed.code()).as(changed.raw()).isEqualTo(422);
        assertThat(changed.body().path("message").asString()).contains("provisioner: Forbidden: updates to provisioner are forbidden.");
        assertThat(api.get(CLASSES + "/fast").body().path("provisioner").asString()).isEqualTo("example.com/ssd");
    }

    @Test
    void refusesAnEndpointSliceWithBadAddresses() {
        var bad = api.post(SLICES, """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"bad"},"addressType":"IPv4",
                 "endpoints":[{"addresses":["300.1.1.1"]},{"addresses":[]}],"ports":[{"name":"web","port":80}]}""");
        assertThat(bad.code()).as(bad.raw()).isEqualTo(422);
        assertThat(bad.body().path("message").asString())
                .contains("endpoints[0].addresses[0]: Invalid value: \"300.1.1.1\": must be a valid IPv4 address")
                .contains("endpoints[1].addresses: Required value: must contain at least 1 address")
                .contains("ports[0].protocol: Required value");
        var noType = api.post(SLICES, """
                {"apiVersion":"discovery.k8s.io/v1","kind":"EndpointSlice","metadata":{"name":"untyped"}}""");
        assertThat(noType.code()).isEqualTo(422);
        assertThat(noType.body().path("message").asString()).contains("addressType: Required value");
        assertThat(api.get(SLICES + "/bad").code()).isEqualTo(404);
    }

    @Test
    void anIngressClassKeepsItsController() {
        String classes = "/apis/networking.k8s.io/v1/ingressclasses";
        var created = api.post(classes, """
                {"apiVersion":"networking.k8s.io/v1","kind":"IngressClass","metadata":{"name":"edge"},
                 "spec":{"controller":"example.com/edge"}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        var changed = api.patch(classes + "/edge", "application/merge-patch+json",
                "{\"spec\":{\"controller\":\"example.com/other\"}}");
        assertThat(changed.code()).isEqualTo(422);
        assertThat(changed.body().path("message").asString()).contains("spec.controller: Invalid value: \"example.com/other\": field is immutable");
    }

    @Test
    void aPodTemplateIsKeptValidatedAndPrinted() {
        String templates = "/api/v1/namespaces/default/podtemplates";
        var created = api.post(templates, """
                {"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"web"},
                 "template":{"metadata":{"labels":{"app":"web"}},
                  "spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("template").path("spec").path("restartPolicy").asString()).as("defaulted")
                .isEqualTo("Always");
        var table = api.get(templates, "application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.body().path("rows").get(0).path("cells").toString()).isEqualTo("[\"web\",\"nginx\",\"nginx:1.27\",\"app=web\"]");
        var bad = api.post(templates, """
                {"apiVersion":"v1","kind":"PodTemplate","metadata":{"name":"empty"},"template":{"spec":{}}}""");
        assertThat(bad.code()).isEqualTo(422);
        assertThat(bad.body().path("message").asString()).contains("template.spec.containers: Required value");
    }

    @Test
    void theKubeliteIngressClassIsTheDefaultAndIngressesThatNameNoClassGetIt() {
        var kubelite = api.get("/apis/networking.k8s.io/v1/ingressclasses/kubelite");
        assertThat(kubelite.code()).as(kubelite.raw()).isEqualTo(200);
        assertThat(kubelite.body().path("spec").path("controller").asString()).isEqualTo("kubelite.io/ingress");
        assertThat(kubelite.body().path("metadata").path("annotations").path("ingressclass.kubernetes.io/is-default-class")
                .asString()).isEqualTo("true");
        String ingresses = "/apis/networking.k8s.io/v1/namespaces/default/ingresses";
        var unnamed = api.post(ingresses, """
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"plain"},
                 "spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}""");
        assertThat(unnamed.code()).as(unnamed.raw()).isEqualTo(201);
        assertThat(unnamed.body().path("spec").path("ingressClassName").asString()).isEqualTo("kubelite");
        var annotated = api.post(ingresses, """
                {"apiVersion":"networking.k8s.io/v1","kind":"Ingress","metadata":{"name":"old-style",
                  "annotations":{"kubernetes.io/ingress.class":"nginx"}},
                 "spec":{"defaultBackend":{"service":{"name":"web","port":{"number":80}}}}}""");
        assertThat(annotated.code()).as(annotated.raw()).isEqualTo(201);
        assertThat(annotated.body().path("spec").has("ingressClassName")).as("the annotation names its class").isFalse();
    }

    @Test
    void aNetworkPolicyIsDefaultedAndABadOneRefused() {
        String policies = "/apis/networking.k8s.io/v1/namespaces/default/networkpolicies";
        var created = api.post(policies, """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"db"},
                 "spec":{"podSelector":{"matchLabels":{"role":"db"}},
                  "egress":[{"to":[{"ipBlock":{"cidr":"10.0.0.0/24"}}],"ports":[{"port":5978}]}]}}""");
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("spec").path("policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(created.body().path("spec").path("egress").get(0).path("ports").get(0).path("protocol").asString())
                .isEqualTo("TCP");

        var bad = api.post(policies, """
                {"apiVersion":"networking.k8s.io/v1","kind":"NetworkPolicy","metadata":{"name":"bad"},
                 "spec":{"podSelector":{},"ingress":[{"from":[{},{"ipBlock":{"cidr":"10.0.0.0/16","except":["10.1.0.0/24"]},
                   "podSelector":{}}],"ports":[{"port":80,"endPort":70}]}]}}""");
        assertThat(bad.code()).as(bad.raw()).isEqualTo(422);
        assertThat(bad.body().path("message").asString())
                .contains("spec.ingress[0].from[0]: Required value: must specify a peer")
                .contains("spec.ingress[0].from[1]: Forbidden: may not specify both ipBlock and another peer")
                .contains("spec.ingress[0].from[1].ipBlock.except[0]: Invalid value: \"10.1.0.0/24\": must be a strict subset of `cidr`")
                .contains("spec.ingress[0].ports[0].endPort: Invalid value: 70: must be greater than or equal to `port`");
        assertThat(api.get(policies + "/bad").code()).isEqualTo(404);
    }
}
