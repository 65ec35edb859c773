package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.controller.ObjectKey;

import java.util.List;
import java.util.Optional;

/** The reads and writes of the garbage collector. */
public interface GcApi {

    /** The object as the API has it now, empty if it does not exist. */
    Optional<HasMetadata> live(GcKind<?> kind, ObjectKey key);

    /**
     * The uid of an object of a kind the collector does not watch (a custom resource, say), read
     * live: empty when it does not exist or its kind is no longer served (its definition was
     * deleted). Throws when the API cannot tell, so nothing is collected on a guess.
     */
    Optional<String> foreignUid(String apiVersion, String kind, String namespace, String name);

    /** Deletes the object (Background), only if it still has the same uid. */
    void delete(GcKind<?> kind, HasMetadata object);

    void removeOwnerReferences(GcKind<?> kind, HasMetadata object, List<String> ownerUids);

    void removeFinalizer(GcKind<?> kind, HasMetadata object, String finalizer);
}
