package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;

import java.util.Optional;

/** A Job's end as its conditions tell it: {@code Complete} or {@code Failed} with status True. */
public final class JobConditions {

    private JobConditions() {
    }

    /** The condition that finished the Job, if it has finished. */
    public static Optional<JobCondition> finishing(JobStatus status) {
        if (status == null || status.getConditions() == null) {
            return Optional.empty();
        }
        return status.getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .findFirst();
    }

    /** The type of the condition that finished the Job, if it has finished. */
    public static Optional<String> finishedAs(Job job) {
        return finishing(job.getStatus()).map(JobCondition::getType);
    }

    public static boolean finished(Job job) {
        return finishedAs(job).isPresent();
    }

    public static boolean succeeded(Job job) {
        return finishedAs(job).filter("Complete"::equals).isPresent();
    }
}
