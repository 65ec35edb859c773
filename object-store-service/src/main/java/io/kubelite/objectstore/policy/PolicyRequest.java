package io.kubelite.objectstore.policy;

import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.resource.ResourceType;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One write as admission policies see it (Kubernetes' admission attributes).
 *
 * @param operation   {@code CREATE}, {@code UPDATE} or {@code DELETE}
 * @param stored      the kind in its storage version, which the objects are in
 * @param requested   the kind in the version the request named ({@code extensions/v1beta1} deployments)
 * @param subresource {@code status} for a status write, empty for the object itself
 * @param namespace   empty for a cluster-scoped object
 * @param object      the object as it would be stored; null for a DELETE
 * @param oldObject   the object it replaces; null for a CREATE
 */
public record PolicyRequest(String operation, ResourceType stored, ResourceType requested, String subresource,
                            String namespace, String name, JsonNode object, JsonNode oldObject, UserInfo user,
                            boolean dryRun) {

    public boolean isNamespaceObject() {
        return stored.group().isEmpty() && stored.resource().equals("namespaces");
    }

    /** {@code request} in CEL: Kubernetes' AdmissionRequest, as a map. */
    public Map<String, Object> celRequest() {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("kind", Map.of("group", stored.group(), "version", stored.version(), "kind", stored.kind()));
        r.put("resource", Map.of("group", stored.group(), "version", stored.version(), "resource", stored.resource()));
        r.put("subResource", subresource);
        r.put("requestKind", Map.of("group", requested.group(), "version", requested.version(), "kind", requested.kind()));
        r.put("requestResource", Map.of("group", requested.group(), "version", requested.version(),
                "resource", requested.resource()));
        r.put("requestSubResource", subresource);
        r.put("name", name);
        r.put("namespace", namespace);
        r.put("operation", operation);
        Map<String, Object> userInfo = new LinkedHashMap<>();
        userInfo.put("username", user.name());
        userInfo.put("uid", user.uid());
        userInfo.put("groups", user.groups());
        userInfo.put("extra", user.extra());
        r.put("userInfo", userInfo);
        r.put("dryRun", dryRun);
        return r;
    }
}
