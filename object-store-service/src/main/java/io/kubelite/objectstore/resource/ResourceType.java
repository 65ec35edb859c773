package io.kubelite.objectstore.resource;

import io.fabric8.kubernetes.api.model.HasMetadata;

import java.util.List;

/**
 * One REST resource the API server serves, e.g. {@code apps/v1 deployments}.
 *
 * <p>{@code storageGroup}/{@code storageVersion} name the version objects are kept in: an
 * {@code extensions/v1beta1} Deployment and an {@code autoscaling/v1} HorizontalPodAutoscaler are
 * stored as {@code apps/v1} and {@code autoscaling/v2} and converted on the way in and out.
 */
public record ResourceType(
        String group,
        String version,
        String resource,
        String kind,
        String singular,
        boolean namespaced,
        List<String> shortNames,
        List<String> categories,
        List<Subresource> subresources,
        Class<? extends HasMetadata> model,
        String storageGroup,
        String storageVersion,
        boolean servedInDiscovery) {

    public static final List<String> ALL_VERBS =
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

    /** A subresource such as {@code pods/status}; {@code kind} is what it accepts and returns. */
    public record Subresource(String name, String group, String version, String kind, List<String> verbs) {
    }

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    public String groupVersion() {
        return apiVersion();
    }

    public String storageApiVersion() {
        return storageGroup.isEmpty() ? storageVersion : storageGroup + "/" + storageVersion;
    }

    /** The storage key: objects of every served version of one resource share it. */
    public String storageResource() {
        return storageGroup.isEmpty() ? resource : resource + "." + storageGroup;
    }

    public boolean isStorageVersion() {
        return group.equals(storageGroup) && version.equals(storageVersion);
    }

    public String listKind() {
        return kind + "List";
    }

    /** A resource of a CustomResourceDefinition: untyped, validated by the definition's schema. */
    public boolean isCustom() {
        return model == io.fabric8.kubernetes.api.model.GenericKubernetesResource.class;
    }

    public boolean hasSubresource(String name) {
        return subresources.stream().anyMatch(s -> s.name().equals(name));
    }

    /** Generation moves on spec changes for these kinds, as in Kubernetes. */
    public boolean tracksGeneration() {
        return !resource.equals("events") && !resource.equals("configmaps") && !resource.equals("endpoints")
                && !resource.equals("leases") && !resource.equals("secrets") && !resource.equals("controllerrevisions");
    }
}
