package io.kubelite.objectstore.openapi;

import io.kubelite.machinery.patch.ListStrategy;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The OpenAPI 3 documents' component schemas, built from the catalog the build writes: named and
 * shaped as kube-apiserver's (kubectl explain navigates them), every reference resolvable inside
 * its document, and the strategic-merge tags agreeing with the merge rules the server applies.
 */
class OpenApiDocumentsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ResourceRegistry REGISTRY = new ResourceRegistry();
    static final List<ResourceType> SERVED = REGISTRY.all().stream().filter(ResourceType::servedInDiscovery).toList();
    static final ModelCatalog CATALOG = new ModelCatalog(REGISTRY, JSON);
    static final OpenApiDocuments DOCUMENTS = new OpenApiDocuments(JSON, CATALOG);

    static ObjectNode document(String group, String version) {
        return DOCUMENTS.forGroupVersion(group, version, SERVED.stream()
                .filter(t -> t.group().equals(group) && t.version().equals(version)).toList());
    }

    static JsonNode schemas(String group, String version) {
        return document(group, version).path("components").path("schemas");
    }

    @Test
    void everyServedKindHasAKindSchemaMarkedWithItsGroupVersionKind() {
        for (ResourceType t : SERVED) {
            JsonNode schemas = schemas(t.group(), t.version());
            List<JsonNode> marked = new ArrayList<>();
            for (JsonNode schema : schemas) {
                for (JsonNode gvk : schema.path("x-kubernetes-group-version-kind")) {
                    if (gvk.path("group").asString().equals(t.group()) && gvk.path("version").asString().equals(t.version())
                            && gvk.path("kind").asString().equals(t.kind())) {
                        marked.add(schema);
                    }
                }
            }
            assertThat(marked).as("schemas of %s %s", t.groupVersion(), t.kind()).hasSize(1);
            assertThat(marked.get(0).path("properties").has("metadata")).as(t.kind()).isTrue();
        }
    }

    @Test
    void typesAreNamedAsKubernetesNamesThemEvenWhenAnotherGroupListsThem() {
        JsonNode core = schemas("", "v1");
        assertThat(core.has("io.k8s.api.core.v1.Pod")).isTrue();
        assertThat(core.has("io.k8s.api.core.v1.Event")).isTrue();
        assertThat(core.has("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")).isTrue();
        assertThat(core.path("io.k8s.api.core.v1.PodSpec").path("required").toString()).isEqualTo("[\"containers\"]");

        JsonNode apps = schemas("apps", "v1");
        assertThat(apps.has("io.k8s.api.apps.v1.DeploymentSpec")).isTrue();
        assertThat(apps.has("io.k8s.api.core.v1.PodTemplateSpec")).isTrue();
        assertThat(apps.has("io.k8s.api.apps.v1.PodTemplateSpec")).isFalse();
        assertThat(apps.has("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector")).isTrue();

        assertThat(schemas("autoscaling", "v2").path("io.k8s.api.autoscaling.v2.HorizontalPodAutoscalerSpec")
                .path("properties").has("metrics")).isTrue();
        assertThat(schemas("autoscaling", "v1").path("io.k8s.api.autoscaling.v1.HorizontalPodAutoscalerSpec")
                .path("properties").has("targetCPUUtilizationPercentage")).isTrue();
        // Old manifests' group: the apps/v1 type under its own group, version and kind.
        assertThat(schemas("extensions", "v1beta1").path("io.k8s.api.apps.v1.Deployment")
                .path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"extensions\",\"kind\":\"Deployment\",\"version\":\"v1beta1\"}]");
    }

    @Test
    void fieldsCarryDescriptionsTypesAndReferencesInKubernetesForm() {
        JsonNode container = schemas("", "v1").path("io.k8s.api.core.v1.Container").path("properties");
        assertThat(container.path("image").path("type").asString()).isEqualTo("string");
        assertThat(container.path("image").path("description").asString()).startsWith("Container image name.");
        assertThat(container.path("resources").path("allOf").get(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.ResourceRequirements");
        assertThat(container.path("resources").path("description").asString())
                .startsWith("Compute Resources required by this container.");
        JsonNode podSpec = schemas("", "v1").path("io.k8s.api.core.v1.PodSpec").path("properties");
        assertThat(podSpec.path("affinity").path("description").asString())
                .isEqualTo("If specified, the pod's scheduling constraints");
        assertThat(schemas("", "v1").path("io.k8s.api.core.v1.Pod").path("properties").path("metadata")
                .path("description").asString()).startsWith("Standard object's metadata.");
        // core/v1 Event: a type name events.k8s.io/v1 shares
        JsonNode event = schemas("", "v1").path("io.k8s.api.core.v1.Event").path("properties");
        assertThat(event.path("involvedObject").path("description").asString())
                .isEqualTo("The object that this event is about.");
        assertThat(container.path("ports").path("items").path("allOf").get(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.api.core.v1.ContainerPort");
        JsonNode limits = schemas("", "v1").path("io.k8s.api.core.v1.ResourceRequirements").path("properties").path("limits");
        assertThat(limits.path("additionalProperties").path("allOf").get(0).path("$ref").asString())
                .isEqualTo("#/components/schemas/io.k8s.apimachinery.pkg.api.resource.Quantity");
        // kubectl explain prints the name of a referenced type that has no single primitive type.
        assertThat(schemas("", "v1").path("io.k8s.apimachinery.pkg.api.resource.Quantity").has("type")).isFalse();
        assertThat(schemas("", "v1").path("io.k8s.apimachinery.pkg.util.intstr.IntOrString").path("format").asString())
                .isEqualTo("int-or-string");
    }

    @Test
    void everyReferenceResolvesInsideItsDocument() {
        for (String gv : REGISTRY.groupVersions()) {
            String[] parts = gv.contains("/") ? gv.split("/") : new String[] {"", gv};
            ObjectNode doc = document(parts[0], parts[1]);
            JsonNode schemas = doc.path("components").path("schemas");
            Set<String> refs = new HashSet<>();
            collectRefs(doc, refs);
            assertThat(refs).as(gv).isNotEmpty();
            for (String ref : refs) {
                assertThat(ref).startsWith("#/components/schemas/");
                assertThat(schemas.has(ref.substring("#/components/schemas/".length()))).as(gv + " " + ref).isTrue();
            }
        }
    }

    @Test
    void requestAndResponseBodiesReferToTheKind() {
        JsonNode pod = document("", "v1").path("paths").path("/api/v1/namespaces/{namespace}/pods/{name}");
        assertThat(pod.path("put").path("requestBody").path("content").path("application/json").path("schema")
                .path("$ref").asString()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
        assertThat(pod.path("get").path("responses").path("200").path("content").path("application/json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
        // kubectl apply computes strategic merge patches from the schema only where PATCH accepts them.
        assertThat(pod.path("patch").path("requestBody").path("content").has("application/strategic-merge-patch+json"))
                .isTrue();
        JsonNode scale = document("apps", "v1").path("paths")
                .path("/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale");
        assertThat(scale.path("get").path("responses").path("200").path("content").path("application/json")
                .path("schema").path("type").asString()).isEqualTo("object");
        JsonNode ephemeral = document("", "v1").path("paths")
                .path("/api/v1/namespaces/{namespace}/pods/{name}/ephemeralcontainers");
        assertThat(ephemeral.path("patch").path("responses").path("200").path("content").path("application/json")
                .path("schema").path("$ref").asString()).isEqualTo("#/components/schemas/io.k8s.api.core.v1.Pod");
        assertThat(ephemeral.path("patch").path("requestBody").path("content").has("application/strategic-merge-patch+json"))
                .isTrue();
    }

    @Test
    void retainKeysAndMergeKeysAreTagged() {
        JsonNode podSpec = schemas("", "v1").path("io.k8s.api.core.v1.PodSpec").path("properties");
        assertThat(podSpec.path("volumes").path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge,retainKeys");
        assertThat(podSpec.path("volumes").path("x-kubernetes-patch-merge-key").asString()).isEqualTo("name");
        assertThat(podSpec.path("tolerations").has("x-kubernetes-patch-strategy")).isFalse();
        JsonNode strategy = schemas("apps", "v1").path("io.k8s.api.apps.v1.DeploymentSpec").path("properties")
                .path("strategy");
        assertThat(strategy.path("x-kubernetes-patch-strategy").asString()).isEqualTo("retainKeys");
        assertThat(strategy.has("x-kubernetes-patch-merge-key")).isFalse();
        JsonNode finalizers = schemas("", "v1").path("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
                .path("properties").path("finalizers");
        assertThat(finalizers.path("x-kubernetes-patch-strategy").asString()).isEqualTo("merge");
        assertThat(finalizers.has("x-kubernetes-patch-merge-key")).isFalse();
    }

    /**
     * kubectl apply merges lists by the published tags, the server by its own rules: for every list
     * of every served kind they must agree, or an apply would replace a list the server merges.
     */
    @Test
    void publishedMergeTagsAgreeWithTheServersMergeRulesForEveryListOfEveryKind() {
        int lists = 0;
        for (ResourceType t : SERVED) {
            JsonNode schemas = schemas(t.group(), t.version());
            String kindName = null;
            for (Map.Entry<String, JsonNode> e : schemas.properties()) {
                if (e.getValue().path("x-kubernetes-group-version-kind").toString().contains("\"" + t.kind() + "\"")) {
                    kindName = e.getKey();
                }
            }
            lists += compareLists(t, schemas, schemas.path(kindName), new ArrayList<>(), 0);
        }
        assertThat(lists).isGreaterThan(100);
    }

    private static int compareLists(ResourceType type, JsonNode schemas, JsonNode schema, List<String> path, int depth) {
        String kind = type.kind();
        if (depth > 12) {
            return 0;
        }
        int lists = 0;
        for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
            List<String> at = new ArrayList<>(path);
            at.add(property.getKey());
            JsonNode p = property.getValue();
            JsonNode element = p;
            if (p.has("items")) {
                lists++;
                String strategy = p.path("x-kubernetes-patch-strategy").asString("");
                ListStrategy server = CATALOG.patchSchema(type).listStrategy(at);
                assertThat(server.merge()).as("%s %s merges", kind, String.join(".", at)).isEqualTo(strategy.contains("merge"));
                assertThat(server.mergeKey()).as("%s %s merge key", kind, String.join(".", at))
                        .isEqualTo(p.path("x-kubernetes-patch-merge-key").asString(""));
                element = p.get("items");
            }
            JsonNode ref = element.path("allOf").path(0).path("$ref");
            if (!ref.isMissingNode()) {
                JsonNode target = schemas.path(ref.asString().substring("#/components/schemas/".length()));
                lists += compareLists(type, schemas, target, at, depth + 1);
            }
        }
        return lists;
    }

    private static void collectRefs(JsonNode node, Set<String> refs) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                if (e.getKey().equals("$ref") && e.getValue().isString()) {
                    refs.add(e.getValue().asString());
                } else {
                    collectRefs(e.getValue(), refs);
                }
            }
        } else if (node.isArray()) {
            node.forEach(n -> collectRefs(n, refs));
        }
    }
}
