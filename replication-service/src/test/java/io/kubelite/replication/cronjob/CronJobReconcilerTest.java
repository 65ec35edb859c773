package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.replication.pods.Owners;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronJobReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "hello");

    final ManualClock clock = new ManualClock(Instant.parse("2026-11-27T10:00:30Z"));
    final RecordingEventRecorder events = new RecordingEventRecorder();
    final Map<String, Job> jobs = new LinkedHashMap<>();
    final List<String> deleted = new ArrayList<>();
    int statusWrites;
    int uids;
    CronJob cronJob = new CronJobBuilder().withNewMetadata().withName("hello").withNamespace("default").withUid("cj-uid")
            .withCreationTimestamp("2026-11-27T10:00:30Z").endMetadata()
            .withNewSpec().withSchedule("*/5 * * * *").withConcurrencyPolicy("Allow").withSuspend(false)
            .withSuccessfulJobsHistoryLimit(3).withFailedJobsHistoryLimit(1)
            .withNewJobTemplate().withNewMetadata().addToLabels("app", "hello").endMetadata()
            .withNewSpec().withNewTemplate().withNewSpec().withRestartPolicy("OnFailure")
            .addNewContainer().withName("hello").withImage("busybox").endContainer().endSpec().endTemplate().endSpec()
            .endJobTemplate().endSpec().build();

    final CronJobReconciler reconciler = new CronJobReconciler(new CronJobStore() {
        @Override
        public Optional<CronJob> get(ObjectKey key) {
            return Optional.ofNullable(cronJob);
        }

        @Override
        public Optional<CronJob> fetch(ObjectKey key) {
            return Optional.ofNullable(cronJob);
        }

        @Override
        public List<Job> jobsControlledBy(String namespace, String uid) {
            return jobs.values().stream().filter(j -> Owners.isControlledBy(j, uid)).toList();
        }

        @Override
        public void writeStatus(CronJob c, CronJobStatus status) {
            statusWrites++;
            cronJob = new CronJobBuilder(cronJob).withStatus(status).build();
        }
    }, new JobControl() {
        @Override
        public Optional<Job> create(Job job) {
            if (jobs.containsKey(job.getMetadata().getName())) {
                return Optional.empty();
            }
            Job stored = new JobBuilder(job).editMetadata().withUid("job-uid-" + ++uids).withResourceVersion("1")
                    .endMetadata().build();
            jobs.put(job.getMetadata().getName(), stored);
            return Optional.of(stored);
        }

        @Override
        public Optional<Job> get(String namespace, String name) {
            return Optional.ofNullable(jobs.get(name));
        }

        @Override
        public void delete(String namespace, String name) {
            deleted.add(name);
            jobs.remove(name);
        }
    }, events, clock);

    Result at(String instant) {
        clock.advance(Duration.between(clock.instant(), Instant.parse(instant)));
        return reconciler.reconcile(KEY);
    }

    static String jobName(String scheduled) {
        return "hello-" + Instant.parse(scheduled).getEpochSecond() / 60;
    }

    void finish(String name, String condition, String started, String completed) {
        Job job = jobs.get(name);
        jobs.put(name, new JobBuilder(job).withNewStatus().withStartTime(started).withCompletionTime(
                        condition.equals("Complete") ? completed : null)
                .addNewCondition().withType(condition).withStatus("True").endCondition().endStatus().build());
    }

    List<String> active() {
        return cronJob.getStatus() == null ? List.of()
                : cronJob.getStatus().getActive().stream().map(ObjectReference::getName).toList();
    }

    @Test
    void waitsForTheFirstActivationAndStartsAJobThere() {
        Result early = at("2026-11-27T10:01:00Z");

        assertThat(jobs).isEmpty();
        assertThat(early).isEqualTo(Result.requeueAfter(Duration.ofMinutes(4).plusMillis(100)));
        assertThat(statusWrites).isZero();

        Result due = at("2026-11-27T10:05:02Z");

        Job job = jobs.get(jobName("2026-11-27T10:05:00Z"));
        assertThat(job).isNotNull();
        assertThat(job.getMetadata().getName()).isEqualTo("hello-29929565");
        assertThat(job.getMetadata().getLabels()).containsEntry("app", "hello");
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("batch.kubernetes.io/cronjob-scheduled-timestamp", "2026-11-27T10:05:00Z");
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(ref -> {
            assertThat(ref.getKind()).isEqualTo("CronJob");
            assertThat(ref.getUid()).isEqualTo("cj-uid");
            assertThat(ref.getController()).isTrue();
        });
        assertThat(job.getSpec().getTemplate().getSpec().getContainers()).singleElement()
                .satisfies(c -> assertThat(c.getImage()).isEqualTo("busybox"));
        assertThat(active()).containsExactly(job.getMetadata().getName());
        assertThat(cronJob.getStatus().getActive().get(0).getUid()).isEqualTo(job.getMetadata().getUid());
        assertThat(cronJob.getStatus().getLastScheduleTime()).isEqualTo("2026-11-27T10:05:00Z");
        assertThat(events.reasons()).containsExactly("SuccessfulCreate");
        assertThat(events.events().get(0).message()).isEqualTo("Created job hello-29929565");
        assertThat(due).isEqualTo(Result.requeueAfter(Duration.ofMinutes(4).plusSeconds(58).plusMillis(100)));
    }

    @Test
    void aSecondPassForTheSameActivationStartsNothingMore() {
        at("2026-11-27T10:05:02Z");
        at("2026-11-27T10:06:00Z");

        assertThat(jobs).hasSize(1);
        assertThat(events.reasons()).containsExactly("SuccessfulCreate");
    }

    @Test
    void afterMissingSeveralActivationsStartsOnlyTheLatest() {
        at("2026-11-27T10:17:30Z");

        assertThat(jobs.keySet()).containsExactly(jobName("2026-11-27T10:15:00Z"));
        assertThat(cronJob.getStatus().getLastScheduleTime()).isEqualTo("2026-11-27T10:15:00Z");
        assertThat(events.reasons()).doesNotContain("TooManyMissedTimes");
    }

    @Test
    void moreThanAHundredMissedActivationsAreReportedAndTheLatestStillRuns() {
        cronJob.getSpec().setSchedule("* * * * *");

        at("2026-11-27T12:00:10Z");

        assertThat(events.reasons()).containsExactly("TooManyMissedTimes", "SuccessfulCreate");
        assertThat(jobs.keySet()).containsExactly(jobName("2026-11-27T12:00:00Z"));
    }

    @Test
    void anActivationOlderThanTheStartingDeadlineIsSkipped() {
        cronJob.getSpec().setStartingDeadlineSeconds(60L);

        Result result = at("2026-11-27T10:07:00Z");

        assertThat(jobs).isEmpty();
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofMinutes(3).plusMillis(100)));

        at("2026-11-27T10:10:40Z");

        assertThat(jobs.keySet()).containsExactly(jobName("2026-11-27T10:10:00Z"));
    }

    @Test
    void aSuspendedCronJobStartsNothingAndWaitsForAChange() {
        cronJob.getSpec().setSuspend(true);

        Result result = at("2026-11-27T10:05:02Z");

        assertThat(jobs).isEmpty();
        assertThat(result).isEqualTo(Result.done());
    }

    @Test
    void forbidStartsNoJobWhileOneRuns() {
        cronJob.getSpec().setConcurrencyPolicy("Forbid");
        at("2026-11-27T10:05:02Z");

        at("2026-11-27T10:10:02Z");

        assertThat(jobs.keySet()).containsExactly(jobName("2026-11-27T10:05:00Z"));
        assertThat(events.reasons()).containsExactly("SuccessfulCreate", "JobAlreadyActive");
        assertThat(events.events().get(1).message())
                .isEqualTo("Not starting job because prior execution is running and concurrency policy is Forbid");
    }

    @Test
    void allowRunsJobsSideBySide() {
        at("2026-11-27T10:05:02Z");
        at("2026-11-27T10:10:02Z");

        assertThat(active()).containsExactly(jobName("2026-11-27T10:05:00Z"), jobName("2026-11-27T10:10:00Z"));
    }

    @Test
    void replaceDeletesTheRunningJobBeforeStartingTheNext() {
        cronJob.getSpec().setConcurrencyPolicy("Replace");
        at("2026-11-27T10:05:02Z");

        at("2026-11-27T10:10:02Z");

        assertThat(deleted).containsExactly(jobName("2026-11-27T10:05:00Z"));
        assertThat(active()).containsExactly(jobName("2026-11-27T10:10:00Z"));
        assertThat(events.reasons()).containsExactly("SuccessfulCreate", "SuccessfulDelete", "SuccessfulCreate");
    }

    @Test
    void aFinishedJobLeavesTheActiveListAndASuccessfulOneSetsLastSuccessfulTime() {
        at("2026-11-27T10:05:02Z");
        String name = jobName("2026-11-27T10:05:00Z");
        finish(name, "Complete", "2026-11-27T10:05:03Z", "2026-11-27T10:05:09Z");

        at("2026-11-27T10:05:10Z");

        assertThat(active()).isEmpty();
        assertThat(cronJob.getStatus().getLastSuccessfulTime()).isEqualTo("2026-11-27T10:05:09Z");
        assertThat(events.events().get(1).reason()).isEqualTo("SawCompletedJob");
        assertThat(events.events().get(1).message()).isEqualTo("Saw completed job: " + name + ", condition: Complete");
    }

    @Test
    void aFailedJobLeavesTheActiveListWithoutASuccessTime() {
        at("2026-11-27T10:05:02Z");
        finish(jobName("2026-11-27T10:05:00Z"), "Failed", "2026-11-27T10:05:03Z", null);

        at("2026-11-27T10:05:10Z");

        assertThat(active()).isEmpty();
        assertThat(cronJob.getStatus().getLastSuccessfulTime()).isNull();
    }

    @Test
    void finishedJobsBeyondTheHistoryLimitsAreDeletedOldestFirst() {
        cronJob.getSpec().setSuccessfulJobsHistoryLimit(1);
        cronJob.getSpec().setFailedJobsHistoryLimit(0);
        at("2026-11-27T10:05:02Z");
        finish(jobName("2026-11-27T10:05:00Z"), "Complete", "2026-11-27T10:05:03Z", "2026-11-27T10:05:09Z");
        at("2026-11-27T10:10:02Z");
        finish(jobName("2026-11-27T10:10:00Z"), "Complete", "2026-11-27T10:10:03Z", "2026-11-27T10:10:09Z");
        at("2026-11-27T10:15:02Z");
        finish(jobName("2026-11-27T10:15:00Z"), "Failed", "2026-11-27T10:15:03Z", null);

        at("2026-11-27T10:15:30Z");

        assertThat(deleted).containsExactly(jobName("2026-11-27T10:05:00Z"), jobName("2026-11-27T10:15:00Z"));
        assertThat(jobs.keySet()).containsExactly(jobName("2026-11-27T10:10:00Z"));
        assertThat(cronJob.getStatus().getLastSuccessfulTime()).isEqualTo("2026-11-27T10:10:09Z");
    }

    @Test
    void anActiveJobThatVanishedIsDroppedFromTheStatus() {
        at("2026-11-27T10:05:02Z");
        jobs.clear();

        at("2026-11-27T10:06:00Z");

        assertThat(active()).isEmpty();
        assertThat(events.reasons()).containsExactly("SuccessfulCreate", "MissingJob");
        assertThat(jobs).isEmpty();
    }

    @Test
    void aJobCreatedBeforeTheStatusWasWrittenIsTakenIn() {
        Job earlier = new JobBuilder(ScheduledJob.forActivation(cronJob, Instant.parse("2026-11-27T10:05:00Z"),
                java.time.ZoneOffset.UTC)).editMetadata().withUid("earlier").endMetadata().build();
        jobs.put(earlier.getMetadata().getName(), earlier);

        at("2026-11-27T10:05:02Z");

        assertThat(jobs).hasSize(1);
        assertThat(cronJob.getStatus().getActive()).singleElement()
                .satisfies(ref -> assertThat(ref.getUid()).isEqualTo("earlier"));
        assertThat(cronJob.getStatus().getLastScheduleTime()).isEqualTo("2026-11-27T10:05:00Z");
        // it was seen unlisted first, as kube-controller-manager reports it
        assertThat(events.reasons()).containsExactly("UnexpectedJob");
    }

    @Test
    void aJobOfTheSameNameOwnedByAnotherIsLeftAlone() {
        Job foreign = new JobBuilder().withNewMetadata().withName(jobName("2026-11-27T10:05:00Z")).withNamespace("default")
                .withUid("foreign").endMetadata().build();
        jobs.put(foreign.getMetadata().getName(), foreign);

        at("2026-11-27T10:05:02Z");

        assertThat(active()).isEmpty();
        assertThat(jobs.get(foreign.getMetadata().getName()).getMetadata().getUid()).isEqualTo("foreign");
    }

    @Test
    void countsTheScheduleInItsTimeZone() {
        cronJob.getSpec().setSchedule("0 9 * * *");
        cronJob.getSpec().setTimeZone("America/New_York");

        Result result = at("2026-11-27T14:00:05Z");

        Job job = jobs.get(jobName("2026-11-27T14:00:00Z"));
        assertThat(job.getMetadata().getAnnotations())
                .containsEntry("batch.kubernetes.io/cronjob-scheduled-timestamp", "2026-11-27T09:00:00-05:00");
        assertThat(result).isEqualTo(Result.requeueAfter(Duration.ofHours(24).minusSeconds(5).plusMillis(100)));
    }

    @Test
    void aScheduleThatNeverComesIsReportedAndNotRequeued() {
        cronJob.getSpec().setSchedule("0 0 30 2 *");

        Result result = at("2026-11-27T10:05:02Z");

        assertThat(result).isEqualTo(Result.done());
        assertThat(events.reasons()).containsExactly("InvalidSchedule");
        assertThat(events.events().get(0).message())
                .isEqualTo("invalid schedule: 0 0 30 2 * : time difference between two schedules is less than 1 second");
    }

    @Test
    void everyDurationCountsFromTheCreation() {
        cronJob.getSpec().setSchedule("@every 20s");

        Result early = at("2026-11-27T10:00:40Z");
        Result due = at("2026-11-27T10:00:51Z");

        assertThat(early).isEqualTo(Result.requeueAfter(Duration.ofSeconds(10).plusMillis(100)));
        assertThat(jobs.keySet()).containsExactly(jobName("2026-11-27T10:00:50Z"));
        assertThat(due).isEqualTo(Result.requeueAfter(Duration.ofSeconds(19).plusMillis(100)));
    }

    @Test
    void aStatusWriteThatFailsIsRetriedWithTheJobAlreadyThere() {
        CronJobReconciler failing = new CronJobReconciler(new CronJobStore() {
            @Override
            public Optional<CronJob> get(ObjectKey key) {
                return Optional.of(cronJob);
            }

            @Override
            public Optional<CronJob> fetch(ObjectKey key) {
                return Optional.of(cronJob);
            }

            @Override
            public List<Job> jobsControlledBy(String namespace, String uid) {
                return List.copyOf(jobs.values());
            }

            @Override
            public void writeStatus(CronJob c, CronJobStatus status) {
                throw new IllegalStateException("409 Conflict");
            }
        }, new JobControl() {
            @Override
            public Optional<Job> create(Job job) {
                if (jobs.containsKey(job.getMetadata().getName())) {
                    return Optional.empty();
                }
                jobs.put(job.getMetadata().getName(), new JobBuilder(job).editMetadata().withUid("j1").endMetadata().build());
                return Optional.of(jobs.get(job.getMetadata().getName()));
            }

            @Override
            public Optional<Job> get(String namespace, String name) {
                return Optional.ofNullable(jobs.get(name));
            }

            @Override
            public void delete(String namespace, String name) {
                jobs.remove(name);
            }
        }, events, clock);
        clock.advance(Duration.ofMinutes(4).plusSeconds(32));

        assertThatThrownBy(() -> failing.reconcile(KEY)).hasMessageContaining("409");
        // the retry (with the status write now working) takes the Job in instead of starting another
        Result retried = reconciler.reconcile(KEY);

        assertThat(jobs).hasSize(1);
        assertThat(active()).containsExactly(jobName("2026-11-27T10:05:00Z"));
        assertThat(retried).isInstanceOf(Result.RequeueAfter.class);
    }
}
