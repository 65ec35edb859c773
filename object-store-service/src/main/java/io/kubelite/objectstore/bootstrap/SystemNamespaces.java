package io.kubelite.objectstore.bootstrap;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.rest.ResourceService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/** The namespaces every cluster starts with: default, kube-system, kube-public, kube-node-lease. */
@Component
@Order(1)
class SystemNamespaces implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SystemNamespaces.class);
    static final List<String> NAMES = List.of("default", "kube-system", "kube-public", "kube-node-lease");

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final JsonMapper json;

    SystemNamespaces(ResourceService resources, ResourceRegistry registry, JsonMapper json) {
        this.resources = resources;
        this.registry = registry;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        var type = registry.find("", "v1", "namespaces").orElseThrow();
        for (String name : NAMES) {
            ObjectNode ns = json.createObjectNode();
            ns.put("apiVersion", "v1");
            ns.put("kind", "Namespace");
            ns.putObject("metadata").put("name", name);
            try {
                resources.create(type, null, ns, io.kubelite.objectstore.rest.SystemWrites.options());
                log.info("created namespace {}", name);
            } catch (ApiException e) {
                if (e.code() != 409) {
                    throw e;
                }
                // a cluster made before namespaces came with their ServiceAccount
                resources.createDefaultServiceAccount(name);
            }
        }
    }
}
