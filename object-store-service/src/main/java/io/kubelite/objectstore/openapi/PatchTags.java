package io.kubelite.objectstore.openapi;

import java.util.Map;
import java.util.Optional;

/**
 * The {@code patchStrategy} and {@code patchMergeKey} tags of Kubernetes' Go types, for the
 * fields of the types kubelite serves, published as {@code x-kubernetes-patch-strategy} and
 * {@code x-kubernetes-patch-merge-key}. kubectl computes {@code apply}'s strategic merge patch
 * from them once the OpenAPI schema describes a kind, so they must say what the compiled-in types
 * say (and what the server's own merge rules, {@code PatchSchema}, do): a list without a tag is
 * replaced, {@code retainKeys} clears the fields a patch leaves out ({@code rollingUpdate} when a
 * Deployment's strategy becomes {@code Recreate}).
 *
 * @param strategy {@code merge}, {@code retainKeys} or {@code merge,retainKeys}
 * @param mergeKey the field identifying a list element; empty for scalar lists and objects
 */
record PatchTags(String strategy, String mergeKey) {

    private static final Map<String, PatchTags> TAGS = Map.ofEntries(
            Map.entry("ObjectMeta.ownerReferences", merge("uid")),
            Map.entry("ObjectMeta.finalizers", merge("")),
            Map.entry("PodSpec.volumes", new PatchTags("merge,retainKeys", "name")),
            Map.entry("PodSpec.initContainers", merge("name")),
            Map.entry("PodSpec.containers", merge("name")),
            Map.entry("PodSpec.ephemeralContainers", merge("name")),
            Map.entry("PodSpec.imagePullSecrets", merge("name")),
            Map.entry("PodSpec.hostAliases", merge("ip")),
            Map.entry("PodSpec.topologySpreadConstraints", merge("topologyKey")),
            Map.entry("PodSpec.resourceClaims", new PatchTags("merge,retainKeys", "name")),
            Map.entry("PodSpec.schedulingGates", merge("name")),
            Map.entry("Container.ports", merge("containerPort")),
            Map.entry("Container.env", merge("name")),
            Map.entry("Container.volumeMounts", merge("mountPath")),
            Map.entry("Container.volumeDevices", merge("devicePath")),
            Map.entry("EphemeralContainer.ports", merge("containerPort")),
            Map.entry("EphemeralContainer.env", merge("name")),
            Map.entry("EphemeralContainer.volumeMounts", merge("mountPath")),
            Map.entry("EphemeralContainer.volumeDevices", merge("devicePath")),
            Map.entry("PodStatus.conditions", merge("type")),
            Map.entry("PodStatus.podIPs", merge("ip")),
            Map.entry("PodStatus.hostIPs", merge("ip")),
            Map.entry("PodStatus.resourceClaimStatuses", new PatchTags("merge,retainKeys", "name")),
            Map.entry("ServiceSpec.ports", merge("port")),
            Map.entry("ServiceStatus.conditions", merge("type")),
            Map.entry("ServiceAccount.secrets", merge("name")),
            Map.entry("NodeSpec.podCIDRs", merge("")),
            Map.entry("NodeStatus.conditions", merge("type")),
            Map.entry("NodeStatus.addresses", merge("type")),
            Map.entry("NamespaceStatus.conditions", merge("type")),
            Map.entry("ReplicationControllerStatus.conditions", merge("type")),
            Map.entry("PersistentVolumeClaimStatus.conditions", merge("type")),
            Map.entry("DeploymentSpec.strategy", new PatchTags("retainKeys", "")),
            Map.entry("DeploymentStatus.conditions", merge("type")),
            Map.entry("ReplicaSetStatus.conditions", merge("type")),
            Map.entry("DaemonSetStatus.conditions", merge("type")),
            Map.entry("StatefulSetStatus.conditions", merge("type")),
            Map.entry("JobStatus.conditions", merge("type")),
            Map.entry("HorizontalPodAutoscalerStatus.conditions", merge("type")));

    static Optional<PatchTags> of(String type, String field) {
        return Optional.ofNullable(TAGS.get(type + "." + field));
    }

    private static PatchTags merge(String mergeKey) {
        return new PatchTags("merge", mergeKey);
    }
}
