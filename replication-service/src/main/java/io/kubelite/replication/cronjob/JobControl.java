package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;

import java.util.Optional;

/** Creates, reads and deletes Jobs through the API server. */
interface JobControl {

    /** Creates the Job; empty if one of that name exists already. */
    Optional<Job> create(Job job);

    Optional<Job> get(String namespace, String name);

    /** Deletes the Job and, in the background, its pods; a Job already gone is not an error. */
    void delete(String namespace, String name);
}
