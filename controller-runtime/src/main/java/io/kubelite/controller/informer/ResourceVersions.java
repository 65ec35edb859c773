package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** kubelite's resourceVersions are one cluster-wide increasing number, so they compare. */
final class ResourceVersions {

    private ResourceVersions() {
    }

    static long of(HasMetadata object) {
        return parse(object.getMetadata().getResourceVersion());
    }

    static long parse(String resourceVersion) {
        if (resourceVersion == null || resourceVersion.isEmpty()) {
            return 0;
        }
        try {
            return Long.parseLong(resourceVersion);
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
