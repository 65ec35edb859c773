package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;

import java.util.List;
import java.util.Optional;

/** A Job's end as its conditions tell it: {@code Complete} or {@code Failed} with status True. */
final class JobConditions {

    private JobConditions() {
    }

    /** The type of the condition that finished the Job, if it has finished. */
    static Optional<String> finishedAs(Job job) {
        List<JobCondition> conditions = job.getStatus() == null ? null : job.getStatus().getConditions();
        if (conditions == null) {
            return Optional.empty();
        }
        return conditions.stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getType).findFirst();
    }

    static boolean finished(Job job) {
        return finishedAs(job).isPresent();
    }

    static boolean succeeded(Job job) {
        return finishedAs(job).filter("Complete"::equals).isPresent();
    }
}
