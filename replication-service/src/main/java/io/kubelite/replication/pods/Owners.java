package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;

import java.util.List;
import java.util.Optional;

/** Controller references: the one ownerReference with {@code controller: true}. */
public final class Owners {

    private Owners() {
    }

    public static Optional<OwnerReference> controllerOf(HasMetadata object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        if (refs == null) {
            return Optional.empty();
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    public static boolean isControlledBy(HasMetadata object, String ownerUid) {
        return controllerOf(object).map(r -> ownerUid.equals(r.getUid())).orElse(false);
    }

    /** Whether any of the object's owner references (controller or not) names {@code ownerUid}. */
    public static boolean isOwnedBy(HasMetadata object, String ownerUid) {
        var refs = object.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> ownerUid.equals(r.getUid()));
    }

    /** {@code controller: true, blockOwnerDeletion: true}, as Kubernetes' controllers set it. */
    public static OwnerReference controllerRef(String apiVersion, String kind, String name, String uid) {
        return new OwnerReferenceBuilder().withApiVersion(apiVersion).withKind(kind).withName(name).withUid(uid)
                .withController(true).withBlockOwnerDeletion(true).build();
    }
}
