package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import java.util.List;
import java.util.Optional;

/**
 * Where a pod's ConfigMaps, Secrets, claims, Services, RuntimeClass and service account tokens come
 * from (the API, or a table in tests).
 */
public interface ConfigLookup {

    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);

    /** A PersistentVolumeClaim, for a pod's persistentVolumeClaim volume. */
    default Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return Optional.empty();
    }

    default Optional<PersistentVolume> persistentVolume(String name) {
        return Optional.empty();
    }

    /**
     * A RuntimeClass, for the runtime handler of a pod that names it; empty when there is none of
     * that name (or where RuntimeClasses are not known).
     */
    default Optional<RuntimeClass> runtimeClass(String name) {
        return Optional.empty();
    }

    /** The Services of a namespace, for the containers' Service variables; none where Services are not known. */
    default List<Service> services(String namespace) {
        return List.of();
    }

    /**
     * A token of the pod's service account for a projected {@code serviceAccountToken} source,
     * bound to the pod; empty where tokens cannot be had.
     *
     * @param audience          the audience asked for; empty for the API's own
     * @param expirationSeconds the lifetime asked for
     */
    default Optional<String> serviceAccountToken(Pod pod, String audience, long expirationSeconds) {
        return Optional.empty();
    }

    /** The pod is gone: what was kept for it (its tokens) can go too. */
    default void podRemoved(String podUid) {
    }
}
