package io.kubelite.objectstore.rest;

import io.kubelite.machinery.patch.JsonMergePatch;
import io.kubelite.machinery.patch.JsonPatch;
import io.kubelite.machinery.patch.PatchException;
import io.kubelite.machinery.patch.StrategicMergePatch;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.objectstore.crd.CustomScale;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.errors.StatusBodies;
import io.kubelite.objectstore.openapi.ModelCatalog;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.serviceaccount.TokenRequests;
import io.kubelite.objectstore.storage.StoredObject;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The subresources: status (reads), scale, pods' binding and eviction (pods' log: {@link PodLogs}),
 * service accounts' token.
 */
@Component
public class Subresources {

    private final ResourceService resources;
    private final DeleteService deletes;
    private final ResourceRegistry registry;
    private final Responses responses;
    private final JsonMapper json;
    private final TokenRequests tokenRequests;
    private final ModelCatalog schemas;
    private final Evictions evictions;

    public Subresources(ResourceService resources, DeleteService deletes, ResourceRegistry registry,
                        Responses responses, JsonMapper json, TokenRequests tokenRequests, ModelCatalog schemas,
                        Evictions evictions) {
        this.schemas = schemas;
        this.evictions = evictions;
        this.tokenRequests = tokenRequests;
        this.resources = resources;
        this.deletes = deletes;
        this.registry = registry;
        this.responses = responses;
        this.json = json;
    }

    ResponseEntity<JsonNode> get(ResourceEndpoint.Target t, Map<String, String> params, HttpServletRequest request) {
        StoredObject o = resources.get(t.type(), t.namespace(), t.name());
        return switch (t.subresource()) {
            case "status", "ephemeralcontainers", "approval" -> responses.object(200, o, List.of());
            case "scale" -> responses.body(200, scale(t.type(), o));
            default -> throw ApiException.methodNotAllowed("GET is not allowed on " + t.type().resource() + "/" + t.subresource());
        };
    }

    ResponseEntity<JsonNode> post(ResourceEndpoint.Target t, ObjectNode body, WriteOptions options) {
        return switch (t.subresource()) {
            case "binding" -> bind(t, body, options);
            case "token" -> responses.body(201, tokenRequests.issue(resources.get(t.type(), t.namespace(), t.name()), body));
            case "eviction" -> {
                evictions.evict(t.type(), t.namespace(), t.name(), body, options);
                yield responses.body(201, StatusBodies.success("", "pods", t.name(), null).put("code", 201));
            }
            default -> throw ApiException.methodNotAllowed("POST is not allowed on " + t.type().resource() + "/" + t.subresource());
        };
    }

    ResponseEntity<JsonNode> put(ResourceEndpoint.Target t, ObjectNode body, WriteOptions options) {
        if (!t.subresource().equals("scale")) {
            throw ApiException.methodNotAllowed("PUT is not allowed on " + t.type().resource() + "/" + t.subresource());
        }
        StoredObject current = resources.get(t.type(), t.namespace(), t.name());
        String sentRv = body.path("metadata").path("resourceVersion").asString("");
        if (!sentRv.isEmpty() && !sentRv.equals(Long.toString(current.resourceVersion()))) {
            throw ApiException.conflict(t.type().group(), t.type().resource(), t.name(),
                    "the object has been modified; please apply your changes to the latest version and try again");
        }
        return setReplicas(t, body, options);
    }

    ResponseEntity<JsonNode> patch(ResourceEndpoint.Target t, PatchType type, JsonNode patch, WriteOptions options) {
        if (!t.subresource().equals("scale")) {
            throw ApiException.methodNotAllowed("PATCH is not allowed on " + t.type().resource() + "/" + t.subresource());
        }
        ObjectNode scale = scale(t.type(), resources.get(t.type(), t.namespace(), t.name()));
        JsonNode patched;
        try {
            patched = switch (type) {
                case JSON -> JsonPatch.apply(scale, patch);
                case MERGE -> JsonMergePatch.apply(scale, patch);
                case STRATEGIC, APPLY -> StrategicMergePatch.apply(scale, patch, schemas.scalePatchSchema());
            };
        } catch (PatchException e) {
            throw ApiException.badRequest(e.getMessage());
        }
        return setReplicas(t, (ObjectNode) patched, options);
    }

    private ResponseEntity<JsonNode> setReplicas(ResourceEndpoint.Target t, ObjectNode scale, WriteOptions options) {
        JsonNode replicas = scale.path("spec").path("replicas");
        if (!replicas.isIntegralNumber() || replicas.asLong() < 0) {
            throw ApiException.invalid("autoscaling", "Scale", t.name(), List.of(new ApiException.Cause(
                    "FieldValueInvalid", "Invalid value: " + replicas + ": must be greater than or equal to 0",
                    "spec.replicas")));
        }
        var custom = customScale(t.type());
        StoredObject updated = resources.modify(t.type(), t.namespace(), t.name(), o -> {
            if (custom.isPresent()) {
                custom.get().setSpecReplicas(o, replicas.asInt());
            } else {
                o.withObjectProperty("spec").put("replicas", replicas.asInt());
            }
            return o;
        }, options.through("scale"), Scope.OBJECT);
        return responses.body(200, scale(t.type(), updated));
    }

    private ResponseEntity<JsonNode> bind(ResourceEndpoint.Target t, ObjectNode binding, WriteOptions options) {
        String node = binding.path("target").path("name").asString("");
        if (node.isEmpty()) {
            throw ApiException.invalid("", "Binding", t.name(), List.of(new ApiException.Cause(
                    "FieldValueRequired", "Required value", "target.name")));
        }
        // kube-scheduler names the pod's uid, so a decision made for a pod that was deleted and
        // created again under the same name never binds the new one.
        String uid = binding.path("metadata").path("uid").asString("");
        resources.modify(t.type(), t.namespace(), t.name(), pod -> {
            String podUid = pod.path("metadata").path("uid").asString("");
            if (!uid.isEmpty() && !uid.equals(podUid)) {
                throw ApiException.conflict("", "pods", t.name(), "Precondition failed: UID in precondition: " + uid
                        + ", UID in object meta: " + podUid);
            }
            String bound = pod.path("spec").path("nodeName").asString("");
            if (!bound.isEmpty()) {
                throw ApiException.conflict("", "pods", t.name(), "pod " + t.name() + " is already assigned to node \""
                        + bound + "\"");
            }
            if (pod.path("metadata").hasNonNull("deletionTimestamp")) {
                throw ApiException.conflict("", "pods", t.name(), "pod " + t.name() + " is being deleted, cannot be assigned to a host");
            }
            pod.withObjectProperty("spec").put("nodeName", node);
            ObjectNode status = pod.withObjectProperty("status");
            var conditions = status.withArrayProperty("conditions");
            ObjectNode scheduled = json.createObjectNode();
            scheduled.put("type", "PodScheduled");
            scheduled.put("status", "True");
            scheduled.putNull("lastProbeTime");
            scheduled.put("lastTransitionTime", ObjectMetadata.now());
            for (int i = conditions.size() - 1; i >= 0; i--) {
                if ("PodScheduled".equals(conditions.get(i).path("type").asString(""))) {
                    conditions.remove(i);
                }
            }
            conditions.add(scheduled);
            return pod;
        }, options, Scope.ALL);
        return responses.body(201, StatusBodies.success("", "pods", t.name(), null).put("code", 201));
    }

    /** The scale paths of a custom resource's definition; empty for built-in kinds. */
    private java.util.Optional<CustomScale> customScale(ResourceType type) {
        return registry.custom(type).filter(v -> v.scale() != null).map(v -> CustomScale.of(v.scale()));
    }

    /** The autoscaling/v1 Scale view of a workload. */
    ObjectNode scale(ResourceType type, StoredObject o) {
        JsonNode body = o.body();
        ObjectNode scale = json.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode meta = scale.putObject("metadata");
        meta.put("name", o.name());
        meta.put("namespace", o.namespace());
        meta.put("uid", o.uid());
        meta.put("resourceVersion", Long.toString(o.resourceVersion()));
        meta.set("creationTimestamp", body.path("metadata").path("creationTimestamp"));
        var custom = customScale(type);
        if (custom.isPresent()) {
            scale.putObject("spec").put("replicas", custom.get().specReplicas(body));
            ObjectNode status = scale.putObject("status");
            status.put("replicas", custom.get().statusReplicas(body));
            if (!custom.get().selector(body).isEmpty()) {
                status.put("selector", custom.get().selector(body));
            }
            return scale;
        }
        scale.putObject("spec").put("replicas", body.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", body.path("status").path("replicas").asInt(0));
        status.put("selector", selector(type, body.path("spec").path("selector")));
        return scale;
    }

    private String selector(ResourceType type, JsonNode selector) {
        if (type.resource().equals("replicationcontrollers")) {
            Map<String, String> labels = new HashMap<>();
            selector.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
            return LabelSelector.fromMap(labels).toString();
        }
        io.fabric8.kubernetes.api.model.LabelSelector api =
                json.treeToValue(selector, io.fabric8.kubernetes.api.model.LabelSelector.class);
        return LabelSelector.fromApi(api).toString();
    }
}
