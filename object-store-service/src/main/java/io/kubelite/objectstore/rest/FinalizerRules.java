package io.kubelite.objectstore.rest;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** When a write of an object that is being deleted finishes its deletion. */
final class FinalizerRules {

    private FinalizerRules() {
    }

    /**
     * An object marked for deletion goes away with the write that removes its last finalizer.
     * Pods are the exception: a pod being deleted gracefully waits for its node agent; and a
     * namespace also waits for its {@code spec.finalizers} (its contents to be gone).
     */
    static boolean readyToDelete(ObjectNode object) {
        JsonNode meta = object.path("metadata");
        return meta.hasNonNull("deletionTimestamp") && meta.path("finalizers").isEmpty()
                && !"Pod".equals(object.path("kind").asString(""))
                && !("Namespace".equals(object.path("kind").asString("")) && !object.path("spec").path("finalizers").isEmpty());
    }
}
