package io.kubelite.objectstore.bootstrap;

import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.rest.ResourceService;
import io.kubelite.objectstore.storage.ObjectStore;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster's default StorageClass, as local Kubernetes distributions ship one: {@code standard},
 * provisioned by replication-service's hostPath provisioner ({@code kubelite.io/hostpath}), so a
 * claim that names no class — a StatefulSet's {@code volumeClaimTemplates}, say — gets a volume
 * of its own without anyone creating PersistentVolumes. Created when the cluster has no
 * StorageClass at all, so one a user deleted in favour of their own stays gone.
 */
@Component
@Order(3)
class StandardStorageClass implements ApplicationRunner {

    static final String NAME = "standard";
    static final String PROVISIONER = "kubelite.io/hostpath";

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final ObjectStore store;
    private final JsonMapper json;

    StandardStorageClass(ResourceService resources, ResourceRegistry registry, ObjectStore store, JsonMapper json) {
        this.resources = resources;
        this.registry = registry;
        this.store = store;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        ObjectNode sc = json.createObjectNode();
        sc.put("apiVersion", "storage.k8s.io/v1");
        sc.put("kind", "StorageClass");
        sc.putObject("metadata").put("name", NAME).putObject("annotations")
                .put("storageclass.kubernetes.io/is-default-class", "true");
        sc.put("provisioner", PROVISIONER);
        sc.put("reclaimPolicy", "Delete");
        sc.put("volumeBindingMode", "Immediate");
        ClusterDefault.createIfKindEmpty(resources, registry, store, "storage.k8s.io", "v1", "storageclasses", sc);
    }
}
