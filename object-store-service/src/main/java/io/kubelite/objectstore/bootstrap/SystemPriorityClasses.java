package io.kubelite.objectstore.bootstrap;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.rest.ResourceService;
import io.kubelite.objectstore.rest.SystemWrites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/** The two PriorityClasses kube-apiserver creates at start, with its values and descriptions. */
@Component
@Order(4)
class SystemPriorityClasses implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SystemPriorityClasses.class);

    /** name → (value, description). */
    static final Map<String, Map.Entry<Long, String>> CLASSES = Map.of(
            "system-node-critical", Map.entry(2_000_001_000L,
                    "Used for system critical pods that must not be moved from their current node."),
            "system-cluster-critical", Map.entry(2_000_000_000L,
                    "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final JsonMapper json;

    SystemPriorityClasses(ResourceService resources, ResourceRegistry registry, JsonMapper json) {
        this.resources = resources;
        this.registry = registry;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        ResourceType type = registry.find("scheduling.k8s.io", "v1", "priorityclasses").orElseThrow();
        CLASSES.forEach((name, valueAndDescription) -> {
            ObjectNode pc = json.createObjectNode();
            pc.put("apiVersion", "scheduling.k8s.io/v1");
            pc.put("kind", "PriorityClass");
            pc.putObject("metadata").put("name", name);
            pc.put("value", valueAndDescription.getKey());
            pc.put("description", valueAndDescription.getValue());
            try {
                resources.create(type, "", pc, SystemWrites.options());
                log.info("created priority class {} ({})", name, valueAndDescription.getKey());
            } catch (ApiException e) {
                if (e.code() != 409) {
                    log.warn("could not create priority class {}: {}", name, e.getMessage());
                }
            }
        });
    }
}
