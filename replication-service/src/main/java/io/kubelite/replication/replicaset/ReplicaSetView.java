package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.kubelite.controller.ObjectKey;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.replication.pods.Owners;

/**
 * What the replica reconciler needs from a ReplicaSet or a ReplicationController: the two
 * differ only in their selector (set-based vs equality) and in where they live in the API,
 * which {@link ReplicaKind} hides.
 */
public record ReplicaSetView(
        String apiVersion,
        String kind,
        ObjectKey key,
        String uid,
        long generation,
        int replicas,
        LabelSelector selector,
        PodTemplateSpec template,
        int minReadySeconds,
        boolean deleting,
        ReplicaSetStatus status) {

    public OwnerReference controllerRef() {
        return Owners.controllerRef(apiVersion, kind, key.name(), uid);
    }
}
