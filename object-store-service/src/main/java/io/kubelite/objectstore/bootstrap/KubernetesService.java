package io.kubelite.objectstore.bootstrap;

import io.kubelite.objectstore.admission.ServiceAllocator;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ResourceService;
import io.kubelite.objectstore.rest.Scope;
import io.kubelite.objectstore.rest.SystemWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The API's own Service, as kube-apiserver keeps it: {@code default/kubernetes}, the Service
 * range's first address (10.96.0.1), port {@code https} 443, no selector, and Endpoints naming the
 * address clients reach the API at (the gateway). Its ClusterIP is what pods see as
 * {@code KUBERNETES_SERVICE_HOST}, and {@code kubernetes.default.svc} resolves to it. The Endpoints
 * are brought back to the configured address at every start.
 */
@Component
@Order(2)
class KubernetesService implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(KubernetesService.class);
    static final String NAMESPACE = "default";
    static final String NAME = "kubernetes";

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final ServiceAllocator allocator;
    private final JsonMapper json;
    private final String address;
    private final int port;

    KubernetesService(ResourceService resources, ResourceRegistry registry, ServiceAllocator allocator, JsonMapper json,
            @Value("${kubelite.apiserver.advertise-address:127.0.0.1}") String address,
            @Value("${kubelite.apiserver.advertise-port:6443}") int port) {
        this.resources = resources;
        this.registry = registry;
        this.allocator = allocator;
        this.json = json;
        this.address = address;
        this.port = port;
    }

    @Override
    public void run(ApplicationArguments args) {
        ResourceType services = registry.find("", "v1", "services").orElseThrow();
        ObjectNode service = json.createObjectNode();
        service.put("apiVersion", "v1");
        service.put("kind", "Service");
        ObjectNode meta = service.putObject("metadata");
        meta.put("name", NAME);
        meta.put("namespace", NAMESPACE);
        meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = service.putObject("spec");
        spec.put("type", "ClusterIP");
        spec.put("clusterIP", allocator.firstIp());
        spec.put("sessionAffinity", "None");
        spec.putArray("ports").addObject().put("name", "https").put("protocol", "TCP").put("port", 443).put("targetPort", port);
        try {
            resources.create(services, NAMESPACE, service, SystemWrites.options());
            log.info("created service default/kubernetes ({}:443 → {}:{})", allocator.firstIp(), address, port);
        } catch (ApiException e) {
            if (e.code() != 409) {
                log.warn("could not create service default/kubernetes: {}", e.getMessage());
                return;
            }
        }
        ResourceType endpointsType = registry.find("", "v1", "endpoints").orElseThrow();
        ObjectNode endpoints = json.createObjectNode();
        endpoints.put("apiVersion", "v1");
        endpoints.put("kind", "Endpoints");
        endpoints.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE)
                .putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = endpoints.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", address);
        subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        try {
            resources.create(endpointsType, NAMESPACE, endpoints, SystemWrites.options());
        } catch (ApiException e) {
            if (e.code() != 409) {
                log.warn("could not create endpoints default/kubernetes: {}", e.getMessage());
                return;
            }
            ObjectNode current = resources.get(endpointsType, NAMESPACE, NAME).body();
            if (!current.path("subsets").equals(endpoints.path("subsets"))) {
                current.set("subsets", endpoints.get("subsets"));
                resources.update(endpointsType, NAMESPACE, NAME, current, SystemWrites.options(), Scope.OBJECT);
            }
        }
        slice();
    }

    /** Its EndpointSlice, which kube-apiserver writes itself (the Endpoints are not mirrored: skip-mirror). */
    private void slice() {
        ResourceType slices = registry.find("discovery.k8s.io", "v1", "endpointslices").orElseThrow();
        ObjectNode slice = json.createObjectNode();
        slice.put("apiVersion", "discovery.k8s.io/v1");
        slice.put("kind", "EndpointSlice");
        slice.putObject("metadata").put("name", NAME).put("namespace", NAMESPACE)
                .putObject("labels").put("kubernetes.io/service-name", NAME);
        slice.put("addressType", "IPv4");
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(address);
        endpoint.putObject("conditions").put("ready", true);
        slice.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        try {
            resources.create(slices, NAMESPACE, slice, SystemWrites.options());
        } catch (ApiException e) {
            if (e.code() != 409) {
                log.warn("could not create endpointslice default/kubernetes: {}", e.getMessage());
                return;
            }
            ObjectNode current = resources.get(slices, NAMESPACE, NAME).body();
            if (!current.path("endpoints").equals(slice.path("endpoints")) || !current.path("ports").equals(slice.path("ports"))) {
                current.set("endpoints", slice.get("endpoints"));
                current.set("ports", slice.get("ports"));
                resources.update(slices, NAMESPACE, NAME, current, SystemWrites.options(), Scope.OBJECT);
            }
        }
    }
}
