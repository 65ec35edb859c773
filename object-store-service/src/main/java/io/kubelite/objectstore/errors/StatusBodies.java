package io.kubelite.objectstore.errors;

import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Builds Kubernetes {@code Status} bodies. */
public final class StatusBodies {

    private StatusBodies() {
    }

    public static ObjectNode of(ApiException e) {
        ObjectNode status = base("Failure", e.getMessage());
        if (e.reason() != null && !e.reason().isEmpty()) {
            status.put("reason", e.reason());
        }
        boolean hasDetails = e.detailsKind() != null || e.detailsName() != null || !e.causes().isEmpty();
        // kube-apiserver's 404 for a path it does not serve carries empty details, which kubectl
        // reads (`kubectl debug` tells a missing subresource from a missing pod by them)
        if (hasDetails || e.code() == 404) {
            ObjectNode details = status.putObject("details");
            if (e.detailsName() != null) {
                details.put("name", e.detailsName());
            }
            if (e.detailsGroup() != null && !e.detailsGroup().isEmpty()) {
                details.put("group", e.detailsGroup());
            }
            if (e.detailsKind() != null) {
                details.put("kind", e.detailsKind());
            }
            if (!e.causes().isEmpty()) {
                var causes = details.putArray("causes");
                for (ApiException.Cause c : e.causes()) {
                    ObjectNode cause = causes.addObject();
                    // StatusCause's fields are all omitempty
                    if (c.reason() != null && !c.reason().isEmpty()) {
                        cause.put("reason", c.reason());
                    }
                    cause.put("message", c.message());
                    if (c.field() != null && !c.field().isEmpty()) {
                        cause.put("field", c.field());
                    }
                }
            }
        }
        status.put("code", e.code());
        return status;
    }

    public static ObjectNode success(String group, String kind, String name, String uid) {
        ObjectNode status = base("Success", null);
        ObjectNode details = status.putObject("details");
        details.put("name", name);
        if (group != null && !group.isEmpty()) {
            details.put("group", group);
        }
        details.put("kind", kind);
        if (uid != null) {
            details.put("uid", uid);
        }
        return status;
    }

    private static ObjectNode base(String outcome, String message) {
        ObjectNode status = JsonNodeFactory.instance.objectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", outcome);
        if (message != null) {
            status.put("message", message);
        }
        return status;
    }
}
