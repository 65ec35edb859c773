package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * kube-controller-manager's TTL-after-finished controller: a Job with
 * {@code ttlSecondsAfterFinished} is deleted, with its pods (foreground), that many seconds after
 * it finished — the {@code lastTransitionTime} of its Complete or Failed condition. A Job finished
 * at 10:00:00 with a TTL of 100 goes at 10:01:40; 0 deletes it as soon as it finishes.
 */
public final class TtlAfterFinished implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(TtlAfterFinished.class);

    private final Function<ObjectKey, Optional<Job>> jobs;
    private final Consumer<Job> delete;
    private final Clock clock;

    public TtlAfterFinished(Function<ObjectKey, Optional<Job>> jobs, Consumer<Job> delete, Clock clock) {
        this.jobs = jobs;
        this.delete = delete;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Job> found = jobs.apply(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Job job = found.get();
        Long ttl = job.getSpec() == null ? null : job.getSpec().getTtlSecondsAfterFinished() == null ? null
                : job.getSpec().getTtlSecondsAfterFinished().longValue();
        Optional<Instant> finished = finishTime(job);
        if (ttl == null || finished.isEmpty()) {
            return Result.done();
        }
        Instant expires = finished.get().plusSeconds(ttl);
        Duration left = Duration.between(clock.instant(), expires);
        if (!left.isNegative() && !left.isZero()) {
            return Result.requeueAfter(left);
        }
        log.info("job {} finished at {}: deleted after its ttlSecondsAfterFinished ({} s)", key, finished.get(), ttl);
        delete.accept(job);
        return Result.done();
    }

    /** When the Job's Complete or Failed condition turned True. */
    static Optional<Instant> finishTime(Job job) {
        return JobConditions.finishing(job.getStatus()).map(JobCondition::getLastTransitionTime)
                .filter(t -> !t.isEmpty()).map(Instant::parse);
    }
}
