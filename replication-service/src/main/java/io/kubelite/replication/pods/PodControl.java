package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;

/**
 * The writes a workload controller makes to pods. Implementations throw on failure; the
 * caller counts the failure against its expectations.
 */
public interface PodControl {

    /**
     * Creates a pod from {@code template} in {@code namespace}, named {@code <owner name>-<random>},
     * with the template's labels and {@code owner} as its controller reference.
     */
    Pod create(String namespace, PodTemplateSpec template, OwnerReference owner);

    /** Same, named {@code <generateName><random>} (an Indexed Job's pods: {@code pi-2-}). */
    Pod createWithPrefix(String namespace, PodTemplateSpec template, OwnerReference owner, String generateName);

    /** Same, bound to {@code nodeName} (DaemonSet pods). */
    Pod createOnNode(String namespace, PodTemplateSpec template, OwnerReference owner, String nodeName);

    void delete(String namespace, String name);

    /** Same, for the controller {@code owner}, which the deletion is recorded on (an Event) where events are kept. */
    default void delete(String namespace, String name, OwnerReference owner) {
        delete(namespace, name);
    }

    /** Sets {@code owner} as the controller reference of an orphan pod (adoption). */
    void adopt(Pod pod, OwnerReference owner);

    /** Removes the reference to the owner with {@code ownerUid} (the pod no longer matches). */
    void release(Pod pod, String ownerUid);
}
