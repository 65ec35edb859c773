package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.time.ManualClock;
import io.kubelite.replication.testing.Pods;
import io.kubelite.replication.testing.RecordingPodControl;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class JobReconcilerTest {

    static final ObjectKey KEY = ObjectKey.of("default", "pi");

    final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T10:00:00Z"));
    final RecordingPodControl pods = new RecordingPodControl();
    Job job = new JobBuilder().withNewMetadata().withName("pi").withNamespace("default").withUid("job-uid").endMetadata()
            .withNewSpec().withCompletions(3).withParallelism(2).withBackoffLimit(1).withNewTemplate().withNewSpec()
            .withRestartPolicy("Never").addNewContainer().withName("pi").withImage("busybox").endContainer().endSpec()
            .endTemplate().endSpec().build();
    final Expectations expectations = new Expectations(clock);
    final io.kubelite.controller.events.RecordingEventRecorder events = new io.kubelite.controller.events.RecordingEventRecorder();
    final JobReconciler reconciler = new JobReconciler(new JobStore() {
        @Override
        public Optional<Job> get(ObjectKey key) {
            return Optional.of(job);
        }

        @Override
        public List<Pod> podsOwnedBy(String uid) {
            return pods.pods();
        }

        @Override
        public void writeStatus(Job j, JobStatus status) {
            job = new JobBuilder(job).withStatus(status).build();
        }
    }, pods, expectations, events, clock);

    void finishAll(String phase) {
        for (Pod p : pods.pods()) {
            if (!"Succeeded".equals(p.getStatus().getPhase()) && !"Failed".equals(p.getStatus().getPhase())) {
                pods.put(Pods.phase(p, phase));
            }
            expectations.creationObserved(KEY);
        }
    }

    @Test
    void runsThreeCompletionsTwoAtATimeAndCompletes() {
        reconciler.reconcile(KEY);
        assertThat(pods.count("create")).isEqualTo(2);
        assertThat(pods.pods().get(0).getMetadata().getLabels()).containsEntry("job-name", "pi")
                .containsEntry("controller-uid", "job-uid");
        assertThat(job.getStatus().getActive()).isEqualTo(2);
        assertThat(job.getStatus().getStartTime()).isEqualTo("2026-01-01T10:00:00Z");

        finishAll("Succeeded");
        reconciler.reconcile(KEY);
        assertThat(pods.count("create")).as("only one more completion is needed").isEqualTo(3);

        finishAll("Succeeded");
        clock.advance(Duration.ofSeconds(5));
        reconciler.reconcile(KEY);
        assertThat(job.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(job.getStatus().getActive()).isZero();
        assertThat(job.getStatus().getCompletionTime()).isEqualTo("2026-01-01T10:00:05Z");
        assertThat(job.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Complete");
            assertThat(c.getStatus()).isEqualTo("True");
        });
        reconciler.reconcile(KEY);
        assertThat(pods.count("create")).as("a complete Job starts nothing").isEqualTo(3);
        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("Normal");
            assertThat(e.reason()).isEqualTo("Completed");
            assertThat(e.message()).isEqualTo("Job completed");
        });
    }

    @Test
    void failsWithBackoffLimitExceededAfterTooManyFailedPods() {
        reconciler.reconcile(KEY);
        finishAll("Failed");
        reconciler.reconcile(KEY);
        assertThat(job.getStatus().getFailed()).isEqualTo(2);
        assertThat(job.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("Failed");
            assertThat(c.getReason()).isEqualTo("BackoffLimitExceeded");
        });
        assertThat(job.getStatus().getCompletionTime()).isNull();
        assertThat(events.events()).singleElement().satisfies(e -> {
            assertThat(e.type()).isEqualTo("Warning");
            assertThat(e.reason()).isEqualTo("BackoffLimitExceeded");
            assertThat(e.message()).isEqualTo("Job has reached the specified backoff limit");
        });
    }

    @Test
    void aFailedPodIsReplacedOnlyAfterTheBackOff() {
        job = new JobBuilder(job).editSpec().withCompletions(1).withParallelism(1).withBackoffLimit(3).endSpec().build();
        reconciler.reconcile(KEY);
        assertThat(pods.count("create")).isEqualTo(1);
        Pod first = pods.pods().get(0);
        pods.put(new io.fabric8.kubernetes.api.model.PodBuilder(first).editOrNewStatus().withPhase("Failed")
                .addNewContainerStatus().withName("pi").withNewState().withNewTerminated().withExitCode(1)
                .withFinishedAt(clock.instant().toString()).endTerminated().endState().endContainerStatus().endStatus()
                .build());
        expectations.creationObserved(KEY);
        clock.advance(Duration.ofSeconds(1));
        var waiting = reconciler.reconcile(KEY);
        assertThat(pods.count("create")).as("10 s after the first failure").isEqualTo(1);
        assertThat(waiting).isInstanceOfSatisfying(io.kubelite.controller.reconcile.Result.RequeueAfter.class,
                r -> assertThat(r.delay()).isBetween(Duration.ofSeconds(9), Duration.ofSeconds(10)));
        assertThat(job.getStatus().getFailed()).isEqualTo(1);
        assertThat(job.getStatus().getActive()).isZero();
        clock.advance(Duration.ofSeconds(9));
        reconciler.reconcile(KEY);
        assertThat(pods.count("create")).isEqualTo(2);
    }

    @Test
    void aSuspendedJobRunsNoPodsAndResumingRestartsItsClock() {
        reconciler.reconcile(KEY);
        assertThat(pods.count("create")).isEqualTo(2);
        for (Pod p : pods.pods()) {
            expectations.creationObserved(KEY);
        }
        job.getSpec().setSuspend(true);
        clock.advance(Duration.ofSeconds(30));

        reconciler.reconcile(KEY);

        assertThat(pods.count("delete")).isEqualTo(2);
        assertThat(job.getStatus().getActive()).isZero();
        assertThat(job.getStatus().getConditions()).singleElement().satisfies(c ->
                assertThat(c.getType() + "=" + c.getStatus() + " " + c.getReason() + ": " + c.getMessage())
                        .isEqualTo("Suspended=True JobSuspended: Job suspended"));

        job.getSpec().setSuspend(false);
        clock.advance(Duration.ofSeconds(30));
        reconciler.reconcile(KEY);

        assertThat(job.getStatus().getConditions()).singleElement().satisfies(c ->
                assertThat(c.getType() + "=" + c.getStatus() + " " + c.getReason()).isEqualTo("Suspended=False JobResumed"));
        assertThat(job.getStatus().getStartTime()).as("the deadline counts from the resume").isEqualTo("2026-01-01T10:01:00Z");
        assertThat(pods.count("create")).isEqualTo(4);
        assertThat(events.reasons()).as("once each").containsExactly("Suspended", "Resumed");
    }

    @Test
    void anIndexedJobRunsEachIndexOnceWithItsIndexInThePod() {
        job.getSpec().setCompletionMode("Indexed");
        reconciler.reconcile(KEY);

        assertThat(pods.pods()).extracting(p -> p.getMetadata().getName()).containsExactlyInAnyOrder("pi-0-1", "pi-1-2");
        Pod first = pods.pod("pi-0-1");
        assertThat(first.getMetadata().getAnnotations()).containsEntry("batch.kubernetes.io/job-completion-index", "0");
        assertThat(first.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-completion-index", "0");
        assertThat(first.getSpec().getHostname()).isEqualTo("pi-0");
        assertThat(first.getSpec().getContainers().get(0).getEnv()).singleElement().satisfies(e -> {
            assertThat(e.getName()).isEqualTo("JOB_COMPLETION_INDEX");
            assertThat(e.getValueFrom().getFieldRef().getFieldPath())
                    .isEqualTo("metadata.annotations['batch.kubernetes.io/job-completion-index']");
        });

        finishAll("Succeeded");
        reconciler.reconcile(KEY);
        assertThat(job.getStatus().getCompletedIndexes()).isEqualTo("0-1");
        assertThat(pods.pods()).extracting(p -> p.getMetadata().getAnnotations().get("batch.kubernetes.io/job-completion-index"))
                .containsExactlyInAnyOrder("0", "1", "2");

        finishAll("Succeeded");
        reconciler.reconcile(KEY);
        assertThat(job.getStatus().getCompletedIndexes()).isEqualTo("0-2");
        assertThat(job.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(job.getStatus().getConditions()).extracting(c -> c.getType()).containsExactly("Complete");
    }
}
