package io.kubelite.objectstore.bootstrap;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ResourceService;
import io.kubelite.objectstore.rest.SystemWrites;
import io.kubelite.objectstore.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * A cluster-scoped object the cluster ships as its default of a kind (the StorageClass
 * {@code standard}, the IngressClass {@code kubelite}): created when the cluster has no object of
 * that kind at all, so one a user deleted in favour of their own stays gone.
 */
final class ClusterDefault {

    private static final Logger log = LoggerFactory.getLogger(ClusterDefault.class);

    private ClusterDefault() {
    }

    /** Creates {@code object} (of {@code group/version/resource}) unless an object of its kind exists. */
    static void createIfKindEmpty(ResourceService resources, ResourceRegistry registry, ObjectStore store, String group,
            String version, String resource, ObjectNode object) {
        if (!store.items(resource + "." + group, "").isEmpty()) {
            return;
        }
        ResourceType type = registry.find(group, version, resource).orElseThrow();
        String name = object.path("metadata").path("name").asString();
        try {
            resources.create(type, "", object, SystemWrites.options());
            log.info("created the default {} {}", object.path("kind").asString(), name);
        } catch (ApiException e) {
            if (e.code() != 409) {
                log.warn("could not create {} {}: {}", object.path("kind").asString(), name, e.getMessage());
            }
        }
    }
}
