package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.resource.ResourceType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Who may write {@code status}: for kinds with a status subresource only that subresource, so a
 * PUT or PATCH of the object keeps the stored status and a status write keeps everything else.
 * A pod's {@code spec.ephemeralContainers} likewise belong to its ephemeralcontainers subresource.
 */
final class StatusRules {

    private StatusRules() {
    }

    static void resetOnCreate(ResourceType storage, ObjectNode body) {
        switch (storage.resource()) {
            case "pods" -> body.putObject("status").put("phase", "Pending");
            case "namespaces" -> {
                body.putObject("status").put("phase", "Active");
                ObjectNode spec = body.get("spec") instanceof ObjectNode s ? s : body.putObject("spec");
                if (!spec.has("finalizers")) {
                    spec.putArray("finalizers").add("kubernetes");
                }
            }
            // A node agent registers its Node with its status, as kubelets do.
            case "nodes" -> {
            }
            default -> {
                if (storage.hasSubresource("status")) {
                    body.remove("status");
                }
            }
        }
    }

    static void afterAdmission(ResourceType storage, ObjectNode object) {
        if (storage.resource().equals("customresourcedefinitions") && storage.group().equals("apiextensions.k8s.io")) {
            io.kubelite.objectstore.crd.DefinitionStatus.fill(object);
        }
        if (storage.resource().equals("pods") && object.get("status") instanceof ObjectNode status
                && !status.has("qosClass")) {
            status.put("qosClass", QosClass.of(object.path("spec")));
        }
    }

    static void keepStatus(ObjectNode old, ObjectNode body) {
        if (old.has("status")) {
            body.set("status", old.get("status").deepCopy());
        } else {
            body.remove("status");
        }
    }

    static ObjectNode takeStatusOnly(ObjectNode old, ObjectNode body) {
        ObjectNode result = old.deepCopy();
        JsonNode status = body.get("status");
        if (status == null || status.isNull()) {
            result.remove("status");
        } else {
            result.set("status", status.deepCopy());
        }
        return result;
    }

    /**
     * A write to a CertificateSigningRequest's approval subresource: the stored object with the
     * written {@code status.conditions} (kube's csrApprovalStrategy).
     */
    static ObjectNode takeConditionsOnly(ObjectNode old, ObjectNode body) {
        ObjectNode result = old.deepCopy();
        JsonNode conditions = body.path("status").get("conditions");
        if (conditions == null || conditions.isNull()) {
            if (result.get("status") instanceof ObjectNode status) {
                status.remove("conditions");
            }
        } else {
            result.withObjectProperty("status").set("conditions", conditions.deepCopy());
        }
        return result;
    }

    /** A write to the object keeps the pod's ephemeral containers, as kube-apiserver's pod strategy does. */
    static void keepEphemeralContainers(ObjectNode old, ObjectNode body) {
        JsonNode kept = old.path("spec").get("ephemeralContainers");
        if (!(body.get("spec") instanceof ObjectNode spec)) {
            return;
        }
        if (kept == null) {
            spec.remove("ephemeralContainers");
        } else {
            spec.set("ephemeralContainers", kept.deepCopy());
        }
    }

    /** A write to pods/ephemeralcontainers: the stored pod with the written {@code spec.ephemeralContainers}. */
    static ObjectNode takeEphemeralContainersOnly(ObjectNode old, ObjectNode body) {
        ObjectNode result = old.deepCopy();
        JsonNode written = body.path("spec").get("ephemeralContainers");
        ObjectNode spec = result.withObjectProperty("spec");
        if (written == null || written.isNull()) {
            spec.remove("ephemeralContainers");
        } else {
            spec.set("ephemeralContainers", written.deepCopy());
        }
        return result;
    }
}
