package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubelite.controller.ObjectKey;

import java.util.List;
import java.util.Optional;

/** What the StatefulSet controller reads, from the informers' caches. */
interface StatefulSetStore {

    Optional<StatefulSet> get(ObjectKey key);

    /** The pods the set with this uid controls. */
    List<Pod> pods(String uid);

    /** The ControllerRevisions the set with this uid controls. */
    List<ControllerRevision> revisions(String uid);

    Optional<PersistentVolumeClaim> claim(String namespace, String name);
}
