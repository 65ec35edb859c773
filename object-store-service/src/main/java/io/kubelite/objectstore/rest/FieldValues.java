package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import tools.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Set;

/** The fields each resource can be selected by with {@code fieldSelector}, and their values. */
final class FieldValues {

    private static final Set<String> COMMON = Set.of("metadata.name", "metadata.namespace");

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
        for (String field : fields) {
            if (!COMMON.contains(field) && !BY_RESOURCE.getOrDefault(type.resource(), Set.of()).contains(field)) {
                throw ApiException.badRequest("field label not supported: " + field);
            }
        }
    }

    /** The value a field selector compares against; absent fields read as "". */
    static String get(JsonNode object, String field) {
        String path = field.equals("source") ? "source.component" : field;
        JsonNode node = object;
        for (String part : path.split("\\.")) {
            node = node.path(part);
        }
        if (node.isMissingNode() || node.isNull()) {
            return field.equals("spec.unschedulable") || field.equals("spec.hostNetwork") ? "false" : "";
        }
        return node.isValueNode() ? node.asString() : node.toString();
    }
}
