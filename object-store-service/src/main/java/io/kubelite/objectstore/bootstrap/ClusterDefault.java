package io.kubelite.objectstore.bootstrap;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ResourceService;
import io.kubelite.objectstore.rest.SystemWrites;
import io.kubelite.objectstore.storage.ObjectStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The cluster-scoped objects the cluster ships as its defaults, as local Kubernetes distributions
 * ship them: each created when the cluster has no object of its kind at all, so one a user deleted
 * in favour of their own stays gone.
 * <ul>
 *   <li>StorageClass {@code standard}, provisioned by replication-service's hostPath provisioner
 *       ({@code kubelite.io/hostpath}), so a claim that names no class — a StatefulSet's
 *       {@code volumeClaimTemplates}, say — gets a volume of its own without anyone creating
 *       PersistentVolumes;</li>
 *   <li>IngressClass {@code kubelite}, served by the node agents' ingress controller
 *       ({@code kubelite.io/ingress}), so an Ingress that names no class is routed.</li>
 * </ul>
 */
@Component
@Order(3)
class ClusterDefault implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(ClusterDefault.class);

    static final String STORAGE_CLASS = "standard";
    static final String PROVISIONER = "kubelite.io/hostpath";
    static final String INGRESS_CLASS = "kubelite";
    static final String INGRESS_CONTROLLER = "kubelite.io/ingress";

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final ObjectStore store;
    private final JsonMapper json;

    ClusterDefault(ResourceService resources, ResourceRegistry registry, ObjectStore store, JsonMapper json) {
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
        sc.putObject("metadata").put("name", STORAGE_CLASS).putObject("annotations")
                .put("storageclass.kubernetes.io/is-default-class", "true");
        sc.put("provisioner", PROVISIONER);
        sc.put("reclaimPolicy", "Delete");
        sc.put("volumeBindingMode", "Immediate");
        createIfKindEmpty("storage.k8s.io", "storageclasses", sc);

        ObjectNode ic = json.createObjectNode();
        ic.put("apiVersion", "networking.k8s.io/v1");
        ic.put("kind", "IngressClass");
        ic.putObject("metadata").put("name", INGRESS_CLASS).putObject("annotations")
                .put("ingressclass.kubernetes.io/is-default-class", "true");
        ic.putObject("spec").put("controller", INGRESS_CONTROLLER);
        createIfKindEmpty("networking.k8s.io", "ingressclasses", ic);
    }

    /** Creates {@code object} (of {@code group/v1/resource}) unless an object of its kind exists. */
    private void createIfKindEmpty(String group, String resource, ObjectNode object) {
        if (!store.items(resource + "." + group, "").isEmpty()) {
            return;
        }
        ResourceType type = registry.find(group, "v1", resource).orElseThrow();
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
