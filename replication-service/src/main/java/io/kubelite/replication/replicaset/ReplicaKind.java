package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.controller.ObjectKey;

import java.util.Optional;

/**
 * Adapts one API kind (ReplicaSet or ReplicationController) to the replica reconciler: reading
 * it from the cache as a {@link ReplicaSetView} and writing its status back.
 */
public interface ReplicaKind<T extends HasMetadata> {

    String kind();

    Optional<T> get(ObjectKey key);

    /**
     * The object as the API has it now, not as the cache does: read before adopting pods, so a
     * controller deleted a moment ago (its orphaned pods just released) never adopts them again.
     */
    default Optional<T> getLive(ObjectKey key) {
        return get(key);
    }

    ReplicaSetView view(T object);

    /** Writes {@code status} through the status subresource of {@code object}. */
    void writeStatus(T object, ReplicaSetStatus status);
}
