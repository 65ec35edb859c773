package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;

/** The StatefulSet controller's writes through the API server. */
interface StatefulControl {

    /** Creates the pod; false if one of that name exists already (a cache behind our own create). */
    boolean createPod(Pod pod);

    /** Deletes the pod; one already gone is no error. */
    void deletePod(String namespace, String name);

    /** Creates the claim; false if it exists (it is kept across the pod's lives). */
    boolean createClaim(PersistentVolumeClaim claim);

    /** Adds {@code owner} to the claim's owner references (a retention policy of Delete). */
    void addClaimOwner(PersistentVolumeClaim claim, OwnerReference owner);

    /** Replaces the status, guarded by the set's resourceVersion. */
    void writeStatus(StatefulSet set);
}
