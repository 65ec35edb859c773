package io.kubelite.machinery.patch;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON Merge Patch, as {@code kubectl scale} ({@code {"spec":{"replicas":3}}}),
 * {@code label} and {@code annotate} send it. Objects merge key by key, {@code null}
 * deletes a key, and anything else (including arrays) replaces the target value:
 *
 * <pre>
 *   target {"metadata":{"labels":{"app":"web","tier":"front"}}}
 *   patch  {"metadata":{"labels":{"tier":null,"env":"prod"}}}
 *   result {"metadata":{"labels":{"app":"web","env":"prod"}}}
 * </pre>
 *
 * A patch that is not an object replaces the whole document, per the RFC; the API server
 * rejects such a result when it decodes it as the resource.
 */
public final class JsonMergePatch {

    private JsonMergePatch() {
    }

    public static JsonNode apply(JsonNode target, JsonNode patch) {
        if (patch == null) {
            throw new PatchException("a JSON merge patch must be a JSON value, not nothing");
        }
        if (!patch.isObject()) {
            return patch.deepCopy();
        }
        ObjectNode result = target != null && target.isObject()
                ? ((ObjectNode) target).deepCopy()
                : JsonNodeFactory.instance.objectNode();
        for (Map.Entry<String, JsonNode> entry : patch.properties()) {
            if (entry.getValue().isNull()) {
                result.remove(entry.getKey());
            } else {
                result.set(entry.getKey(), apply(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }
}
