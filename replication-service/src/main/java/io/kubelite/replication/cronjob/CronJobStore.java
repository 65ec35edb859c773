package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubelite.controller.ObjectKey;

import java.util.List;
import java.util.Optional;

/** What the CronJob controller reads and writes of CronJobs and their Jobs. */
interface CronJobStore {

    /** From the informer's cache. */
    Optional<CronJob> get(ObjectKey key);

    /** Straight from the API server, for when the cache may be behind the controller's own writes. */
    Optional<CronJob> fetch(ObjectKey key);

    /** The Jobs in the cache the CronJob with this uid controls. */
    List<Job> jobsControlledBy(String namespace, String uid);

    /** Replaces the status, guarded by the CronJob's resourceVersion (a stale one fails and is retried). */
    void writeStatus(CronJob cronJob, CronJobStatus status);
}
