package io.kubelite.machinery.patch;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes strategic merge patch ({@code application/strategic-merge-patch+json}), the
 * default of {@code kubectl patch} and the body of {@code kubectl apply}, {@code set image},
 * {@code cordon} and {@code rollout pause}.
 *
 * <p>It is a JSON merge patch in which some lists merge instead of being replaced, as the
 * {@link PatchSchema} of the kind says. {@code kubectl set image deployment/web web=img:v2}
 * sends
 *
 * <pre>
 * {"spec":{"template":{"spec":{
 *     "$setElementOrder/containers":[{"name":"web"}],
 *     "containers":[{"image":"img:v2","name":"web"}]}}}}
 * </pre>
 *
 * which changes the image of the container named {@code web} and leaves every other field
 * of it, and every other container, alone. See {@link MapMerge} and {@link ListMerge} for
 * the rules and directives; the result never contains a directive key.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {
    }

    /**
     * @param original the live object; null means an empty one
     * @param patch the patch, a JSON object
     * @param schema the merge rules of the object's kind, e.g. the object store's rules for a Deployment
     * @return a new tree; neither argument is modified
     * @throws PatchException when the patch is malformed, with a message for the user
     */
    public static JsonNode apply(JsonNode original, JsonNode patch, PatchSchema schema) {
        if (patch == null || !patch.isObject()) {
            throw new PatchException("a strategic merge patch must be a JSON object, not " + JsonValues.typeName(patch));
        }
        ObjectNode live = null;
        if (original != null && !original.isNull() && !original.isMissingNode()) {
            if (!original.isObject()) {
                throw new PatchException("a strategic merge patch applies to a JSON object, not "
                        + JsonValues.typeName(original));
            }
            live = ((ObjectNode) original).deepCopy();
        }
        return new MapMerge(schema).merge(live, (ObjectNode) patch, List.of());
    }
}
