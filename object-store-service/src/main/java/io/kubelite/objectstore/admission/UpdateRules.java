package io.kubelite.objectstore.admission;

import io.kubelite.machinery.patch.JsonValues;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/** Fields Kubernetes does not let an update change. */
@Component
public class UpdateRules {

    public void check(ResourceType storage, ObjectNode old, ObjectNode updated) {
        List<ApiException.Cause> causes = new ArrayList<>();
        switch (storage.resource()) {
            case "pods" -> checkPod(old, updated, causes);
            case "replicasets", "deployments", "daemonsets" -> immutable(old, updated, "spec.selector", causes);
            case "controllerrevisions" -> immutable(old, updated, "data", causes);
            case "statefulsets" -> checkStatefulSet(old, updated, causes);
            case "ingressclasses" -> immutable(old, updated, "spec.controller", causes);
            case "runtimeclasses" -> immutable(old, updated, "handler", causes);
            case "storageclasses" -> checkStorageClass(old, updated, causes);
            case "priorityclasses" -> {
                immutable(old, updated, "value", causes);
                immutable(old, updated, "preemptionPolicy", causes);
            }
            case "jobs" -> {
                immutable(old, updated, "spec.selector", causes);
                immutable(old, updated, "spec.completions", causes);
            }
            case "services" -> {
                if (!old.path("spec").path("clusterIP").asString("").isEmpty()) {
                    immutable(old, updated, "spec.clusterIP", causes);
                }
            }
            default -> {
            }
        }
        if (!causes.isEmpty()) {
            throw ApiException.invalid(storage.group(), storage.kind(), updated.path("metadata").path("name").asString(""),
                    causes);
        }
    }

    /** kube's words for a StorageClass's fixed fields. */
    private static void checkStorageClass(ObjectNode old, ObjectNode updated, List<ApiException.Cause> causes) {
        for (String field : List.of("parameters", "provisioner", "reclaimPolicy")) {
            if (!JsonValues.equal(old.path(field), updated.path(field))) {
                causes.add(new ApiException.Cause("FieldValueForbidden", "Forbidden: updates to " + field + " are forbidden.",
                        field));
            }
        }
        immutable(old, updated, "volumeBindingMode", causes);
    }

    /** What a StatefulSet update may change of its spec; the rest (selector, serviceName, claim templates…) is fixed. */
    private static final List<String> STATEFUL_SET_MUTABLE = List.of("replicas", "ordinals", "template", "updateStrategy",
            "revisionHistoryLimit", "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    private static void checkStatefulSet(ObjectNode old, ObjectNode updated, List<ApiException.Cause> causes) {
        ObjectNode a = old.path("spec") instanceof ObjectNode o ? o.deepCopy() : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        ObjectNode b = updated.path("spec") instanceof ObjectNode o ? o.deepCopy() : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        STATEFUL_SET_MUTABLE.forEach(f -> {
            a.remove(f);
            b.remove(f);
        });
        if (!JsonValues.equal(a, b)) {
            causes.add(new ApiException.Cause("FieldValueForbidden", "Forbidden: updates to statefulset spec for fields other "
                    + "than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', "
                    + "'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden", "spec"));
        }
    }

    /**
     * A pod's spec is fixed once created, except container images, activeDeadlineSeconds,
     * added tolerations and the node it is bound to (set once, through binding).
     */
    private static void checkPod(ObjectNode old, ObjectNode updated, List<ApiException.Cause> causes) {
        ObjectNode a = mutablePart(old.path("spec"));
        ObjectNode b = mutablePart(updated.path("spec"));
        String oldNode = old.path("spec").path("nodeName").asString("");
        if (!oldNode.isEmpty()) {
            a.put("nodeName", oldNode);
        } else {
            b.remove("nodeName");
        }
        ephemeralContainersOnlyAdded(old.path("spec").path("ephemeralContainers"),
                updated.path("spec").path("ephemeralContainers"), causes);
        if (!JsonValues.equal(a, b)) {
            causes.add(new ApiException.Cause("FieldValueForbidden", "Forbidden: pod updates may not change fields other "
                    + "than `spec.containers[*].image`, `spec.initContainers[*].image`, `spec.activeDeadlineSeconds`, "
                    + "`spec.tolerations` (only additions to existing tolerations), "
                    + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)", "spec"));
        }
    }

    /** Ephemeral containers, once added, may be neither changed nor removed (kube-apiserver's words). */
    private static void ephemeralContainersOnlyAdded(JsonNode old, JsonNode updated, List<ApiException.Cause> causes) {
        java.util.Map<String, JsonNode> before = new java.util.LinkedHashMap<>();
        old.forEach(c -> before.put(c.path("name").asString(""), c));
        java.util.Set<String> after = new java.util.HashSet<>();
        for (int i = 0; i < updated.size(); i++) {
            JsonNode c = updated.get(i);
            String name = c.path("name").asString("");
            after.add(name);
            if (before.containsKey(name) && !JsonValues.equal(before.get(name), c)) {
                causes.add(new ApiException.Cause("FieldValueForbidden", "Forbidden: existing ephemeral containers may not "
                        + "be changed", "spec.ephemeralContainers[" + i + "]"));
            }
        }
        before.keySet().stream().filter(name -> !after.contains(name)).forEach(name -> causes.add(new ApiException.Cause(
                "FieldValueForbidden", "Forbidden: existing ephemeral containers \"" + name + "\" may not be removed",
                "spec.ephemeralContainers")));
    }

    private static ObjectNode mutablePart(JsonNode spec) {
        ObjectNode copy = spec.isObject() ? ((ObjectNode) spec).deepCopy() : tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
        copy.remove("activeDeadlineSeconds");
        copy.remove("tolerations");
        copy.remove("terminationGracePeriodSeconds");
        copy.remove("ephemeralContainers");
        for (String list : new String[]{"containers", "initContainers"}) {
            if (copy.get(list) instanceof ArrayNode containers) {
                for (JsonNode c : containers) {
                    ((ObjectNode) c).remove("image");
                }
            }
        }
        return copy;
    }

    private static void immutable(ObjectNode old, ObjectNode updated, String path, List<ApiException.Cause> causes) {
        JsonNode a = old;
        JsonNode b = updated;
        for (String part : path.split("\\.")) {
            a = a.path(part);
            b = b.path(part);
        }
        if (!JsonValues.equal(a, b)) {
            causes.add(new ApiException.Cause("FieldValueInvalid", "Invalid value: " + b + ": field is immutable", path));
        }
    }
}
