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

    ReplicaSetView view(T object);

    /** Writes {@code status} through the status subresource of {@code object}. */
    void writeStatus(T object, ReplicaSetStatus status);
}
