package io.kubelite.replication.job;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class JobPlanTest {

    static final Instant START = Instant.parse("2026-01-01T10:00:00Z");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            // rule; completions; parallelism; backoffLimit; deadline; active; succeeded; failed; seconds since start; create; deleteActive; finish
            "a new job of 3 completions, parallelism 1, starts one pod; 3; 1; 6; -; 0; 0; 0; 0; 1; false; -",
            "parallelism 2 runs two at a time; 3; 2; 6; -; 0; 0; 0; 0; 2; false; -",
            "never more active than completions still needed; 3; 2; 6; -; 1; 2; 0; 0; 0; false; -",
            "a finished pod is replaced until completions are reached; 3; 1; 6; -; 0; 1; 0; 0; 1; false; -",
            "3 of 3 succeeded: Complete; 3; 1; 6; -; 0; 3; 0; 0; 0; false; Complete",
            "a failed pod is retried within the backoff limit; 1; 1; 6; -; 0; 0; 6; 0; 1; false; -",
            "more failures than backoffLimit: Failed; 1; 1; 6; -; 1; 0; 7; 0; 0; true; Failed/BackoffLimitExceeded",
            "past activeDeadlineSeconds: Failed and active pods deleted; 5; 1; 6; 30; 1; 0; 0; 30; 0; true; Failed/DeadlineExceeded",
            "before activeDeadlineSeconds it keeps running; 5; 1; 6; 30; 1; 0; 0; 29; 0; false; -",
            "work queue: parallelism pods until one succeeds; -; 3; 6; -; 0; 0; 0; 0; 3; false; -",
            "work queue: after a success no new pods, complete when none is active; -; 3; 6; -; 2; 1; 0; 0; 0; false; -",
            "work queue: one succeeded and none active: Complete; -; 3; 6; -; 0; 1; 0; 0; 0; false; Complete"})
    void runsPodsToCompletion(String rule, String completions, int parallelism, int backoffLimit, String deadline,
            int active, int succeeded, int failed, int elapsed, int create, boolean deleteActive, String finish) {
        JobPlan plan = JobPlan.decide(new JobPlan.Spec(completions.equals("-") ? null : Integer.parseInt(completions),
                        parallelism, backoffLimit, deadline.equals("-") ? null : Long.parseLong(deadline)),
                new JobPlan.Counts(active, succeeded, failed), START, START.plusSeconds(elapsed));
        assertThat(plan.create()).isEqualTo(create);
        assertThat(plan.deleteActive()).isEqualTo(deleteActive);
        assertThat(plan.finish().map(f -> f.type() + (f.reason() == null ? "" : "/" + f.reason())).orElse("-"))
                .isEqualTo(finish);
    }
}
