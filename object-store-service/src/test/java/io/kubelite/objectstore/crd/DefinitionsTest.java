package io.kubelite.objectstore.crd;

import io.kubelite.objectstore.resource.CustomResourceVersion;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** How a stored definition becomes served resources, its status, its scale paths, and kube's version order. */
class DefinitionsTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static ObjectNode crd(String versions) {
        return (ObjectNode) JSON.readTree("""
                {"metadata":{"name":"widgets.example.com"},
                 "spec":{"group":"example.com","scope":"Cluster",
                  "names":{"plural":"widgets","kind":"Widget","shortNames":["wd"],"categories":["all"]},
                  "versions":%s}}""".formatted(versions));
    }

    @Test
    void servesEveryServedVersionPreferredFirstStoredInTheStorageVersion() {
        List<CustomResourceVersion> versions = CustomResourceDefinitions.versionsOf(crd("""
                [{"name":"v1beta1","served":true,"storage":false},
                 {"name":"v1","served":true,"storage":true,"subresources":{"status":{},"scale":{"specReplicasPath":".spec.size"}},
                  "additionalPrinterColumns":[{"name":"Size","type":"integer","jsonPath":".spec.size"}]},
                 {"name":"v1alpha1","served":false,"storage":false}]"""));

        assertThat(versions).extracting(v -> v.type().version()).containsExactly("v1", "v1beta1");
        var v1 = versions.get(0);
        assertThat(v1.type().namespaced()).isFalse();
        assertThat(v1.type().singular()).isEqualTo("widget");
        assertThat(v1.listKind()).isEqualTo("WidgetList");
        assertThat(v1.type().shortNames()).containsExactly("wd");
        assertThat(v1.type().categories()).containsExactly("all");
        assertThat(v1.type().hasSubresource("status")).isTrue();
        assertThat(v1.type().hasSubresource("scale")).isTrue();
        assertThat(v1.type().isCustom()).isTrue();
        assertThat(versions.get(1).type().storageVersion()).isEqualTo("v1");
        assertThat(versions.get(1).type().hasSubresource("status")).isFalse();
        assertThat(v1.printer().columns()).extracting(c -> c.name()).containsExactly("Name", "Size");
    }

    @Test
    void aDefinitionWithoutAStorageVersionServesNothing() {
        assertThat(CustomResourceDefinitions.versionsOf(crd("[{\"name\":\"v1\",\"served\":true,\"storage\":false}]"))).isEmpty();
    }

    @Test
    void ordersVersionsAsKubernetesPrefersThem() {
        List<String> names = new ArrayList<>(List.of("foo10", "v11alpha2", "v1", "v10beta3", "v3beta1", "foo1", "v12alpha1",
                "v2", "v11beta2"));
        names.sort(KubeVersions.PREFERRED_FIRST);
        assertThat(names).containsExactly("v2", "v1", "v11beta2", "v10beta3", "v3beta1", "v12alpha1", "v11alpha2", "foo1", "foo10");
    }

    @Test
    void theStatusAcceptsTheNamesAndRemembersEveryStorageVersion() {
        ObjectNode crd = crd("[{\"name\":\"v1\",\"served\":true,\"storage\":true}]");
        DefinitionStatus.fill(crd);
        assertThat(crd.path("status").path("acceptedNames").path("kind").asString()).isEqualTo("Widget");
        assertThat(crd.path("status").path("storedVersions").toString()).isEqualTo("[\"v1\"]");
        String established = crd.path("status").path("conditions").get(1).path("lastTransitionTime").asString();

        ((ObjectNode) crd.path("spec").path("versions").get(0)).put("storage", false);
        ((tools.jackson.databind.node.ArrayNode) crd.path("spec").path("versions")).addObject().put("name", "v2")
                .put("served", true).put("storage", true);
        DefinitionStatus.fill(crd);
        assertThat(crd.path("status").path("storedVersions").toString()).isEqualTo("[\"v1\",\"v2\"]");
        assertThat(crd.path("status").path("conditions")).hasSize(2);
        assertThat(crd.path("status").path("conditions").get(1).path("lastTransitionTime").asString()).isEqualTo(established);
    }

    @Test
    void scaleReadsAndWritesTheDefinitionsPaths() {
        CustomScale scale = CustomScale.of(JSON.readTree("""
                {"specReplicasPath":".spec.size","statusReplicasPath":".status.ready","labelSelectorPath":".status.selector"}"""));
        ObjectNode widget = (ObjectNode) JSON.readTree("{\"status\":{\"ready\":2,\"selector\":\"app=w\"}}");

        assertThat(scale.specReplicas(widget)).as("missing counts as 0").isZero();
        scale.setSpecReplicas(widget, 3);
        assertThat(widget.path("spec").path("size").asInt()).isEqualTo(3);
        assertThat(scale.statusReplicas(widget)).isEqualTo(2);
        assertThat(scale.selector(widget)).isEqualTo("app=w");
    }
}
