package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.ListStrategy.mergeByKey;
import static io.kubelite.machinery.patch.ListStrategy.mergeScalars;
import static io.kubelite.machinery.patch.ListStrategy.replace;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The patchStrategy/patchMergeKey tags of k8s.io/api, one row per list. */
class PatchSchemaTest {

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
                Arguments.of("CronJob", "spec.jobTemplate.spec.template.spec.containers", mergeByKey("name")),
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
                Arguments.of("Widget", "spec.containers", replace()),
                Arguments.of("Pod", "spec.template.spec.containers", replace()),
                Arguments.of("Deployment", "spec.containers", replace()));
    }

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @MethodSource("tags")
    void knowsTheListStrategyOfEachBuiltInKind(String kind, String path, ListStrategy expected) {
        assertThat(PatchSchema.forKind(kind).listStrategy(PatchSchema.split(path))).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aReplacedListHasNoMergeKey() {
        assertThatThrownBy(() -> new ListStrategy(false, "name")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> mergeByKey("")).isInstanceOf(IllegalArgumentException.class);
    }
}
