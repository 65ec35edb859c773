package io.kubelite.objectstore.relay;

import java.util.Map;

/**
 * Names the topic of a change: the prefix, the API group (left out for the core group), the
 * version and the resource, all from the stored object, e.g. with prefix {@code kubelite.}:
 *
 * <pre>
 * pods                              v1                      → kubelite.v1.pods
 * deployments.apps                  apps/v1                 → kubelite.apps.v1.deployments
 * horizontalpodautoscalers.autoscaling autoscaling/v2       → kubelite.autoscaling.v2.horizontalpodautoscalers
 * leases.coordination.k8s.io        coordination.k8s.io/v1  → kubelite.coordination.k8s.io.v1.leases
 * </pre>
 *
 * An object without {@code apiVersion} falls back to its resource's storage version
 * ({@code storageApiVersions}, keyed by storage resource), and failing that to the group in the
 * storage key with version {@code v1}.
 */
final class ChangeTopics {

    private final String prefix;
    private final Map<String, String> storageApiVersions;

    ChangeTopics(String prefix, Map<String, String> storageApiVersions) {
        this.prefix = prefix;
        this.storageApiVersions = Map.copyOf(storageApiVersions);
    }

    String topicOf(OutboxRecord change) {
        return topicOf(change.resource(), change.apiVersion());
    }

    String topicOf(String storageResource, String apiVersion) {
        int dot = storageResource.indexOf('.');
        String plural = dot < 0 ? storageResource : storageResource.substring(0, dot);
        String gv = apiVersion;
        if (gv == null || gv.isBlank()) {
            gv = storageApiVersions.get(storageResource);
        }
        if (gv == null || gv.isBlank()) {
            gv = dot < 0 ? "v1" : storageResource.substring(dot + 1) + "/v1";
        }
        return prefix + gv.replace('/', '.') + "." + plural;
    }
}
