package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/** The fields each resource can be selected by with {@code fieldSelector}, and their values. */
final class FieldValues {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");

    /**
     * events.k8s.io/v1 Events, by kube's field label conversion for that group: the core/v1 labels
     * under events.k8s.io's names ({@code regarding.*} for {@code involvedObject.*},
     * {@code reportingController} for {@code reportingComponent}); the core names are not supported there.
     */
    private static final Set<String> EVENTS_V1 = Set.of("regarding.kind", "regarding.namespace", "regarding.name",
            "regarding.uid", "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath", "reason",
            "reportingController", "source", "type");

    private static final Map<String, Set<String>> BY_RESOURCE = Map.of(
            "pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName"),
            "events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type"),
            "nodes", Set.of("spec.unschedulable"),
            "namespaces", Set.of("status.phase"),
            "secrets", Set.of("type"),
            "replicationcontrollers", Set.of("status.replicas"),
            "replicasets", Set.of("status.replicas"),
            "jobs", Set.of("status.successful"),
            "services", Set.of("spec.clusterIP", "spec.type"));

    private FieldValues() {
    }

    static void checkSupported(ResourceType type, Iterable<String> fields) {
        Set<String> supported = type.group().equals("events.k8s.io") ? EVENTS_V1
                : BY_RESOURCE.getOrDefault(type.resource(), Set.of());
        for (String field : fields) {
            if (!COMMON.contains(field) && !supported.contains(field)) {
                throw ApiException.badRequest("field label not supported: " + field);
            }
        }
    }

    /** The value a field selector compares against; absent fields read as "". */
    static String get(JsonNode object, String field) {
        if (field.equals("source")) {
            return eventSource(object);
        }
        JsonNode node = object;
        for (String part : field.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            return field.equals("spec.unschedulable") || field.equals("spec.hostNetwork") ? "false" : "";
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }

    /**
     * An Event's {@code source}: the component of its deprecated source, else its reporting
     * controller, as kube selects it; an object of either version has only one of each pair.
     */
    private static String eventSource(JsonNode event) {
        for (String path : new String[] {"source", "deprecatedSource"}) {
            String component = event.path(path).path("component").asString("");
            if (!component.isEmpty()) {
                return component;
            }
        }
        return event.path("reportingComponent").asString(event.path("reportingController").asString(""));
    }
}
