package io.kubelite.replication.job;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a Job needs next, as Kubernetes' Job controller decides for a NonIndexed Job:
 * <ul>
 *   <li>more failures than {@code backoffLimit} → Failed (BackoffLimitExceeded), active pods deleted;</li>
 *   <li>running longer than {@code activeDeadlineSeconds} → Failed (DeadlineExceeded), active pods deleted;</li>
 *   <li>with {@code completions}: Complete once that many pods succeeded; meanwhile keep
 *       {@code min(parallelism, completions - succeeded)} pods active. Example: completions 3,
 *       parallelism 2, 1 succeeded, 1 active → create 1 more; 3 succeeded → Complete;</li>
 *   <li>without completions (a work queue): Complete once a pod succeeded and none is active;
 *       after the first success no new pods start.</li>
 * </ul>
 */
public record JobPlan(int create, boolean deleteActive, Optional<Finish> finish) {

    public record Finish(String type, String reason, String message) {
    }

    /** @param completions null for a work-queue Job */
    public record Spec(Integer completions, int parallelism, int backoffLimit, Long activeDeadlineSeconds) {
    }

    public record Counts(int active, int succeeded, int failed) {
    }

    public static JobPlan decide(Spec spec, Counts counts, Instant startTime, Instant now) {
        if (counts.failed() > spec.backoffLimit()) {
            return new JobPlan(0, true, Optional.of(new Finish("Failed", "BackoffLimitExceeded",
                    "Job has reached the specified backoff limit")));
        }
        if (spec.activeDeadlineSeconds() != null && startTime != null
                && !now.isBefore(startTime.plusSeconds(spec.activeDeadlineSeconds()))) {
            return new JobPlan(0, true, Optional.of(new Finish("Failed", "DeadlineExceeded",
                    "Job was active longer than specified deadline")));
        }
        if (spec.completions() != null) {
            if (counts.succeeded() >= spec.completions()) {
                return new JobPlan(0, counts.active() > 0, Optional.of(complete()));
            }
            int want = Math.min(spec.parallelism(), spec.completions() - counts.succeeded());
            return new JobPlan(Math.max(0, want - counts.active()), false, Optional.empty());
        }
        if (counts.succeeded() > 0) {
            return new JobPlan(0, false, counts.active() == 0 ? Optional.of(complete()) : Optional.empty());
        }
        return new JobPlan(Math.max(0, spec.parallelism() - counts.active()), false, Optional.empty());
    }

    /** When the active deadline passes, if there is one still ahead. */
    public static Optional<Duration> untilDeadline(Spec spec, Instant startTime, Instant now) {
        if (spec.activeDeadlineSeconds() == null || startTime == null) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, startTime.plusSeconds(spec.activeDeadlineSeconds()));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left.plusMillis(100));
    }

    private static Finish complete() {
        return new Finish("Complete", null, null);
    }
}
