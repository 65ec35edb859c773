package io.kubelite.objectstore.openapi;

import static io.kubelite.machinery.patch.ListStrategy.mergeByKey;
import static io.kubelite.machinery.patch.ListStrategy.mergeScalars;
import static io.kubelite.machinery.patch.ListStrategy.replace;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.machinery.patch.ListStrategy;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server's strategic-merge rules, derived from the API types and their tags: the
 * patchStrategy/patchMergeKey tags of k8s.io/api, one row per list.
 */
class PatchSchemasTest {

    static final ResourceRegistry REGISTRY = new ResourceRegistry();
    static final ModelCatalog CATALOG = new ModelCatalog(REGISTRY, tools.jackson.databind.json.JsonMapper.builder().build());

    static Stream<Arguments> tags() {
        return Stream.of(
                Arguments.of("Pod", "metadata.ownerReferences", mergeByKey("uid")),
                Arguments.of("Pod", "metadata.finalizers", mergeScalars()),
                Arguments.of("Pod", "spec.containers", mergeByKey("name")),
                Arguments.of("Pod", "spec.initContainers", mergeByKey("name")),
                Arguments.of("Pod", "spec.ephemeralContainers", mergeByKey("name")),
                Arguments.of("Pod", "spec.containers.env", mergeByKey("name")),
                Arguments.of("Pod", "spec.containers.ports", mergeByKey("containerPort")),
                Arguments.of("Pod", "spec.containers.volumeMounts", mergeByKey("mountPath")),
                Arguments.of("Pod", "spec.initContainers.volumeDevices", mergeByKey("devicePath")),
                Arguments.of("Pod", "spec.containers.envFrom", replace()),
                Arguments.of("Pod", "spec.volumes", mergeByKey("name")),
                Arguments.of("Pod", "spec.imagePullSecrets", mergeByKey("name")),
                Arguments.of("Pod", "spec.hostAliases", mergeByKey("ip")),
                Arguments.of("Pod", "spec.tolerations", replace()),
                Arguments.of("Pod", "status.conditions", mergeByKey("type")),
                Arguments.of("Pod", "status.podIPs", mergeByKey("ip")),
                Arguments.of("Pod", "status.containerStatuses", replace()),
                Arguments.of("ReplicationController", "spec.template.spec.containers", mergeByKey("name")),
                Arguments.of("ReplicaSet", "spec.template.spec.containers.env", mergeByKey("name")),
                Arguments.of("Deployment", "spec.template.spec.volumes", mergeByKey("name")),
                Arguments.of("Deployment", "spec.template.metadata.finalizers", mergeScalars()),
                Arguments.of("Deployment", "status.conditions", mergeByKey("type")),
                Arguments.of("DaemonSet", "spec.template.spec.containers.ports", mergeByKey("containerPort")),
                Arguments.of("Job", "spec.template.spec.containers", mergeByKey("name")),
                Arguments.of("Job", "status.conditions", mergeByKey("type")),
                Arguments.of("Service", "spec.ports", mergeByKey("port")),
                Arguments.of("Node", "spec.taints", replace()),
                Arguments.of("Node", "status.addresses", mergeByKey("type")),
                Arguments.of("Node", "status.conditions", mergeByKey("type")),
                Arguments.of("Node", "status.images", replace()),
                Arguments.of("Namespace", "status.conditions", mergeByKey("type")),
                Arguments.of("HorizontalPodAutoscaler", "status.conditions", mergeByKey("type")),
                Arguments.of("HorizontalPodAutoscaler", "spec.metrics", replace()),
                Arguments.of("Endpoints", "subsets", replace()),
                Arguments.of("Event", "metadata.finalizers", mergeScalars()),
                Arguments.of("ConfigMap", "metadata.ownerReferences", mergeByKey("uid")),
                Arguments.of("Pod", "spec.volumes.ephemeral.volumeClaimTemplate.metadata.finalizers", mergeScalars()),
                Arguments.of("Pod", "spec.containers.envFrom", replace()),
                Arguments.of("Pod", "spec.initContainers.env", mergeByKey("name")),
                Arguments.of("Pod", "status.hostIPs", mergeByKey("ip")),
                Arguments.of("ServiceAccount", "secrets", mergeByKey("name")),
                Arguments.of("PersistentVolumeClaim", "status.conditions", mergeByKey("type")),
                Arguments.of("Service", "status.conditions", mergeByKey("type")),
                Arguments.of("ReplicationController", "status.conditions", mergeByKey("type")),
                Arguments.of("Role", "rules", replace()),
                Arguments.of("ConfigMap", "metadata.finalizers", mergeScalars()),
                Arguments.of("Pod", "spec.template.spec.containers", replace()),
                Arguments.of("Deployment", "spec.containers", replace()));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("tags")
    void knowsTheListStrategyOfEachServedKind(String kind, String path, ListStrategy expected) {
        ResourceType type = REGISTRY.all().stream().filter(t -> t.kind().equals(kind)).findFirst().orElseThrow();
        assertThat(CATALOG.patchSchema(type).listStrategy(List.of(path.split("\\.")))).isEqualTo(expected);
    }

    @Test
    void theScaleSubresourceMergesItsMetadataLists() {
        assertThat(CATALOG.scalePatchSchema().listStrategy(Arrays.asList("metadata", "ownerReferences")))
                .isEqualTo(mergeByKey("uid"));
    }
}
