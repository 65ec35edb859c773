package io.kubelite.objectstore.conversion;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.webhook.WebhookClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.UUID;

/**
 * A CustomResourceDefinition's {@code conversion: {strategy: Webhook}}: an object is sent to the
 * definition's webhook in a {@code apiextensions.k8s.io/v1} ConversionReview with the version
 * wanted, and the converted object checked as kube-apiserver checks it — in the wanted version,
 * of the same kind, and with the same metadata but for labels and annotations (which the webhook
 * may change). Example: a v1 CronTab read as v1beta1 goes to the webhook with
 * {@code desiredAPIVersion: stable.example.com/v1beta1}; what it answers is what the client reads.
 * A webhook that fails or answers wrongly fails the request with 500, as kube-apiserver does.
 */
final class ConversionWebhook {

    /** kube-apiserver's timeout for conversion webhooks. */
    private static final int TIMEOUT_SECONDS = 30;

    private final WebhookClient client;

    ConversionWebhook(WebhookClient client) {
        this.client = client;
    }

    /** {@code object} in {@code desiredApiVersion}, as the webhook of {@code conversion} converts it. */
    ObjectNode convert(JsonNode conversion, String kind, ObjectNode object, String desiredApiVersion) {
        String from = object.path("apiVersion").asString("");
        String uid = UUID.randomUUID().toString();
        ObjectNode review = JsonNodeFactory.instance.objectNode();
        review.put("apiVersion", "apiextensions.k8s.io/v1");
        review.put("kind", "ConversionReview");
        ObjectNode request = review.putObject("request");
        request.put("uid", uid);
        request.put("desiredAPIVersion", desiredApiVersion);
        request.putArray("objects").add(object);
        JsonNode answer;
        try {
            answer = client.post(conversion.path("webhook").path("clientConfig"), TIMEOUT_SECONDS, review);
        } catch (WebhookClient.CallFailure e) {
            throw failed(from, kind, e.getMessage());
        }
        JsonNode response = answer.path("response");
        if (!response.path("uid").asString("").equals(uid)) {
            throw failed(from, kind, "expected response.uid=\"" + uid + "\", got \"" + response.path("uid").asString("") + "\"");
        }
        if (!"Success".equals(response.path("result").path("status").asString(""))) {
            throw failed(from, kind, "conversion request failed for " + object.path("metadata").path("name").asString("")
                    + ": " + response.path("result").path("message").asString(""));
        }
        JsonNode converted = response.path("convertedObjects");
        if (converted.size() != 1) {
            throw failed(from, kind, "returned " + converted.size() + " objects, expected 1");
        }
        if (!(converted.get(0) instanceof ObjectNode result)) {
            throw failed(from, kind, "invalid converted object at index 0: not an object");
        }
        String check = check(object, result, desiredApiVersion);
        if (check != null) {
            throw failed(from, kind, "invalid converted object at index 0: " + check);
        }
        ObjectNode metadata = object.get("metadata") instanceof ObjectNode m ? m.deepCopy() : JsonNodeFactory.instance.objectNode();
        for (String kept : List.of("labels", "annotations")) {
            metadata.remove(kept);
            if (result.path("metadata").has(kept)) {
                metadata.set(kept, result.path("metadata").get(kept));
            }
        }
        result.set("metadata", metadata);
        return result;
    }

    /** What is wrong with the converted object, or null. */
    private static String check(ObjectNode original, ObjectNode converted, String desiredApiVersion) {
        String apiVersion = converted.path("apiVersion").asString("");
        if (!apiVersion.equals(desiredApiVersion)) {
            return "invalid apiVersion: \"" + apiVersion + "\", expected \"" + desiredApiVersion + "\"";
        }
        if (!converted.path("kind").asString("").equals(original.path("kind").asString(""))) {
            return "invalid kind: \"" + converted.path("kind").asString("") + "\", expected \"" + original.path("kind").asString("") + "\"";
        }
        for (String field : List.of("name", "namespace", "uid")) {
            JsonNode before = original.path("metadata").path(field);
            JsonNode after = converted.path("metadata").path(field);
            if (!after.isMissingNode() && !after.equals(before)) {
                return "invalid metadata: only labels and annotations may be changed (metadata." + field + ")";
            }
        }
        return null;
    }

    private static ApiException failed(String from, String kind, String why) {
        String message = "conversion webhook for " + from + ", Kind=" + kind + " failed: " + why;
        return new ApiException(500, "InternalError", "Internal error occurred: " + message, null, null, null,
                List.of(new ApiException.Cause("", message, "")));
    }
}
