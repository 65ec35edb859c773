package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubelite.controller.ObjectKey;

import java.util.List;
import java.util.Optional;

/** What the Job reconciler reads from the cache and writes back. */
public interface JobStore {

    Optional<Job> get(ObjectKey key);

    /** Pods whose ownerReferences name this uid. */
    List<Pod> podsOwnedBy(String uid);

    void writeStatus(Job job, JobStatus status);
}
