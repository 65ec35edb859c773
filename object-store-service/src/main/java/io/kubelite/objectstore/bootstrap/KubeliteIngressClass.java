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
 * The cluster's default IngressClass, as local Kubernetes distributions ship one with their ingress
 * controller: {@code kubelite}, served by the node agents' ingress controller
 * ({@code kubelite.io/ingress}), so an Ingress that names no class is routed. Created when the
 * cluster has no IngressClass at all, so one a user deleted in favour of their own stays gone.
 */
@Component
@Order(3)
class KubeliteIngressClass implements ApplicationRunner {

    static final String NAME = "kubelite";
    static final String CONTROLLER = "kubelite.io/ingress";

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final ObjectStore store;
    private final JsonMapper json;

    KubeliteIngressClass(ResourceService resources, ResourceRegistry registry, ObjectStore store, JsonMapper json) {
        this.resources = resources;
        this.registry = registry;
        this.store = store;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        ObjectNode ic = json.createObjectNode();
        ic.put("apiVersion", "networking.k8s.io/v1");
        ic.put("kind", "IngressClass");
        ic.putObject("metadata").put("name", NAME).putObject("annotations")
                .put("ingressclass.kubernetes.io/is-default-class", "true");
        ic.putObject("spec").put("controller", CONTROLLER);
        ClusterDefault.createIfKindEmpty(resources, registry, store, "networking.k8s.io", "v1", "ingressclasses", ic);
    }
}
