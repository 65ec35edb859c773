package io.kubelite.objectstore.webhook;

import io.kubelite.objectstore.policy.PolicyRequest;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The {@code admission.k8s.io/v1} AdmissionReview a webhook receives: the request's uid, kinds and
 * resources (as requested and as matched), name, namespace, operation, user, the object and the one
 * it replaces, dryRun and the operation's options kind. Empty strings are left out, as Go's
 * {@code omitempty} leaves them.
 */
final class AdmissionReviews {

    private AdmissionReviews() {
    }

    /** The AdmissionReview of {@code request}, as kube-apiserver sends it. */
    static ObjectNode of(PolicyRequest request, String uid, JsonMapper json) {
        ObjectNode review = json.createObjectNode();
        review.put("apiVersion", "admission.k8s.io/v1");
        review.put("kind", "AdmissionReview");
        ObjectNode r = review.putObject("request");
        r.put("uid", uid);
        JsonNode described = json.valueToTree(request.celRequest());
        described.properties().forEach(e -> {
            boolean empty = e.getValue().isString() && e.getValue().asString().isEmpty();
            if (!empty) {
                r.set(e.getKey(), e.getValue());
            }
        });
        if (request.object() != null) {
            r.set("object", request.object());
        }
        if (request.oldObject() != null) {
            r.set("oldObject", request.oldObject());
        }
        ObjectNode options = r.putObject("options");
        options.put("apiVersion", "meta.k8s.io/v1");
        options.put("kind", switch (request.operation()) {
            case "CREATE" -> "CreateOptions";
            case "DELETE" -> "DeleteOptions";
            default -> "UpdateOptions";
        });
        return review;
    }
}
