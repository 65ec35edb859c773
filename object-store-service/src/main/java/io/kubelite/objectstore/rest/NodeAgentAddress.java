package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.storage.StoredObject;
import java.util.List;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Where the agent of a node listens, as its Node publishes it: {@code status.addresses}
 * InternalIP and {@code status.daemonEndpoints.kubeletEndpoint.Port} — the address the API
 * server's log and exec subresources call.
 */
@Component
class NodeAgentAddress {

    private final ResourceService resources;
    private final ResourceRegistry registry;

    NodeAgentAddress(ResourceService resources, ResourceRegistry registry) {
        this.resources = resources;
        this.registry = registry;
    }

    /** {@code 10.0.0.5:10250} (IPv6 in brackets); 503 naming the pod when the node does not say. */
    String authority(String nodeName, String pod) {
        StoredObject node;
        try {
            node = resources.get(registry.find("", "v1", "nodes").orElseThrow(), null, nodeName);
        } catch (ApiException e) {
            throw unavailable("pod " + pod + " is bound to node " + nodeName + ", which is not registered", pod);
        }
        return authority(node.body(), nodeName, pod);
    }

    /** The agent of a node that exists (404 otherwise); 503 naming the node when it does not say. */
    String authority(String nodeName) {
        return authority(resources.get(registry.find("", "v1", "nodes").orElseThrow(), null, nodeName).body(),
                nodeName, nodeName);
    }

    private static String authority(JsonNode nodeObject, String nodeName, String pod) {
        JsonNode status = nodeObject.path("status");
        int port = status.path("daemonEndpoints").path("kubeletEndpoint").path("Port").asInt(0);
        String address = null;
        for (JsonNode a : status.path("addresses")) {
            if ("InternalIP".equals(a.path("type").asString(""))) {
                address = a.path("address").asString("");
                break;
            }
        }
        if (port == 0 || address == null || address.isEmpty()) {
            throw unavailable("node " + nodeName + " does not publish its agent's address (status.addresses InternalIP "
                    + "and status.daemonEndpoints.kubeletEndpoint.Port)", pod);
        }
        return (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }

    static ApiException unavailable(String message, String pod) {
        return new ApiException(503, "ServiceUnavailable", message, "", "pods", pod, List.of());
    }
}
