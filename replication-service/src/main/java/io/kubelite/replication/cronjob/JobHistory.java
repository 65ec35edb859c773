package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubelite.replication.job.JobConditions;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which finished Jobs of a CronJob go: beyond {@code successfulJobsHistoryLimit} completed and
 * {@code failedJobsHistoryLimit} failed ones, the oldest by start time (a Job that never started
 * counts as newest, ties by name). With limits 3 and 1, six completed and two failed Jobs lose
 * the three oldest completed and the older failed one; running Jobs are never history.
 */
final class JobHistory {

    private static final Comparator<Job> BY_START_TIME = Comparator
            .comparing((Job j) -> startTime(j).orElse(Instant.MAX))
            .thenComparing(j -> j.getMetadata().getName());

    private JobHistory() {
    }

    static List<Job> beyondLimits(List<Job> jobs, Integer successfulLimit, Integer failedLimit) {
        List<Job> doomed = new ArrayList<>();
        if (successfulLimit != null) {
            doomed.addAll(oldest(jobs.stream().filter(j -> JobConditions.finishedAs(j).filter("Complete"::equals).isPresent()).toList(),
                    successfulLimit));
        }
        if (failedLimit != null) {
            doomed.addAll(oldest(jobs.stream().filter(j -> JobConditions.finishedAs(j).filter("Failed"::equals).isPresent()).toList(),
                    failedLimit));
        }
        return doomed;
    }

    private static List<Job> oldest(List<Job> finished, int keep) {
        int excess = finished.size() - keep;
        if (excess <= 0) {
            return List.of();
        }
        return finished.stream().sorted(BY_START_TIME).limit(excess).toList();
    }

    private static Optional<Instant> startTime(Job job) {
        return Optional.ofNullable(job.getStatus()).map(s -> s.getStartTime()).map(Instant::parse);
    }
}
