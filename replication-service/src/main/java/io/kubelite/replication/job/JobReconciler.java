package io.kubelite.replication.job;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.defaulting.JobLabels;
import io.kubelite.replication.pods.Owners;
import io.kubelite.replication.pods.PodControl;
import io.kubelite.replication.pods.PodStates;
import io.kubelite.replication.pods.SlowStart;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs a Job's pods to completion ({@link JobPlan}) and reports active, ready, succeeded and
 * failed pods, startTime, completionTime and the Complete or Failed condition. Failed pods are
 * replaced after Kubernetes' back-off ({@link PodFailureBackoff}: 10 s, 20 s, 40 s … at most 6 min). Failures count
 * failed pods and, for {@code restartPolicy: OnFailure}, container restarts of pods still running.
 */
public final class JobReconciler implements Reconciler {

    static final String COMPLETION_INDEX = "batch.kubernetes.io/job-completion-index";

    private final JobStore store;
    private final PodControl podControl;
    private final Expectations expectations;
    private final EventRecorder events;
    private final Clock clock;

    public JobReconciler(JobStore store, PodControl podControl, Expectations expectations, Clock clock) {
        this(store, podControl, expectations, (object, type, reason, message) -> { }, clock);
    }

    /** With {@code events}, the Job's own events too: Completed, the reason it failed, Suspended, Resumed. */
    public JobReconciler(JobStore store, PodControl podControl, Expectations expectations, EventRecorder events,
            Clock clock) {
        this.store = store;
        this.podControl = podControl;
        this.expectations = expectations;
        this.events = events;
        this.clock = clock;
    }

    public Expectations expectations() {
        return expectations;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Job> found = store.get(key);
        if (found.isEmpty()) {
            expectations.delete(key);
            return Result.done();
        }
        Job job = found.get();
        JobStatus previous = job.getStatus() == null ? new JobStatus() : job.getStatus();
        if (JobConditions.finishing(previous).isPresent() || job.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.SECONDS);
        if (Boolean.TRUE.equals(job.getSpec().getSuspend())) {
            return suspend(job, key, previous, now);
        }
        boolean resumed = suspendedCondition(previous).map(c -> "True".equals(c.getStatus())).orElse(false);
        if (resumed) {
            // resuming starts the clock of activeDeadlineSeconds again, as Kubernetes has it
            previous = new JobStatusBuilder(previous).withStartTime(null)
                    .withConditions(withSuspended(previous, "False", "JobResumed", "Job resumed", now)).build();
            events.normal(job, "Resumed", "Job resumed");
        }
        Instant start = previous.getStartTime() == null ? now : Instant.parse(previous.getStartTime());
        String uid = job.getMetadata().getUid();
        List<Pod> pods = store.podsOwnedBy(uid).stream().filter(p -> Owners.isControlledBy(p, uid)).toList();
        List<Pod> active = pods.stream().filter(PodStates::isActive).toList();
        int succeeded = (int) pods.stream().filter(p -> "Succeeded".equals(PodStates.phase(p))).count();
        int failed = (int) pods.stream().filter(p -> "Failed".equals(PodStates.phase(p))).count();
        boolean onFailure = "OnFailure".equals(job.getSpec().getTemplate().getSpec().getRestartPolicy());
        int restarts = onFailure ? active.stream().mapToInt(JobReconciler::restarts).sum() : 0;
        JobPlan.Spec spec = new JobPlan.Spec(job.getSpec().getCompletions(),
                job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism(),
                job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit(),
                job.getSpec().getActiveDeadlineSeconds());
        if ("Indexed".equals(job.getSpec().getCompletionMode())) {
            return indexed(job, key, previous, spec, pods, active, failed + restarts, failed, start, now);
        }
        JobPlan plan = JobPlan.decide(spec, new JobPlan.Counts(active.size(), succeeded, failed + restarts), start, now);
        int creating = 0;
        Duration backoff = plan.create() > 0 ? PodFailureBackoff.remaining(pods, clock.instant()) : Duration.ZERO;
        if (expectations.satisfied(key)) {
            if (plan.deleteActive()) {
                active.forEach(p -> podControl.delete(key.namespace(), p.getMetadata().getName(), jobRef(job)));
            }
            if (plan.create() > 0 && backoff.isZero()) {
                creating = create(job, key, plan.create());
            }
        }
        JobStatus next = status(previous, start, now, plan, active, plan.deleteActive() ? 0 : active.size() + creating,
                succeeded, failed);
        if (!next.equals(previous)) {
            store.writeStatus(job, next);
        }
        plan.finish().ifPresent(f -> finished(job, f));
        if (plan.finish().isPresent()) {
            return Result.done();
        }
        return requeue(spec, start, now, backoff);
    }

    /** Back at the deadline, or when the pod failure back-off ends, whichever is first. */
    private static Result requeue(JobPlan.Spec spec, Instant start, Instant now, Duration backoff) {
        Optional<Duration> deadline = JobPlan.untilDeadline(spec, start, now);
        if (!backoff.isZero()) {
            Duration wait = backoff.plusMillis(50);
            return Result.requeueAfter(deadline.filter(d -> d.compareTo(wait) < 0).orElse(wait));
        }
        return deadline.map(Result::requeueAfter).orElse(Result.done());
    }

    /**
     * An Indexed Job ({@link IndexedPlan}): each pod runs one index, found in its
     * {@code batch.kubernetes.io/job-completion-index} annotation; {@code status.completedIndexes}
     * lists those that succeeded and {@code succeeded} counts them.
     */
    private Result indexed(Job job, ObjectKey key, JobStatus previous, JobPlan.Spec spec, List<Pod> pods, List<Pod> active,
            int failures, int failed, Instant start, Instant now) {
        int completions = spec.completions() == null ? 0 : spec.completions();
        Set<Integer> succeeded = new TreeSet<>(IndexedPlan.parse(previous.getCompletedIndexes()));
        pods.stream().filter(p -> "Succeeded".equals(PodStates.phase(p))).map(JobReconciler::completionIndex)
                .flatMap(Optional::stream).filter(i -> i < completions).forEach(succeeded::add);
        Set<Integer> running = new TreeSet<>();
        active.stream().map(JobReconciler::completionIndex).flatMap(Optional::stream).forEach(running::add);
        IndexedPlan plan = IndexedPlan.decide(spec, running, succeeded, failures, start, now);
        int creating = 0;
        Duration backoff = plan.create().isEmpty() ? Duration.ZERO : PodFailureBackoff.remaining(pods, clock.instant());
        if (expectations.satisfied(key)) {
            if (plan.deleteActive()) {
                active.forEach(p -> podControl.delete(key.namespace(), p.getMetadata().getName(), jobRef(job)));
            }
            if (!plan.create().isEmpty() && backoff.isZero()) {
                creating = createIndexed(job, key, plan.create());
            }
        }
        JobPlan asPlan = new JobPlan(plan.create().size(), plan.deleteActive(), plan.finish());
        JobStatus next = new JobStatusBuilder(status(previous, start, now, asPlan, active,
                plan.deleteActive() ? 0 : active.size() + creating, succeeded.size(), failed))
                .withCompletedIndexes(succeeded.isEmpty() ? null : IndexedPlan.format(succeeded)).build();
        if (!next.equals(previous)) {
            store.writeStatus(job, next);
        }
        plan.finish().ifPresent(f -> finished(job, f));
        if (plan.finish().isPresent()) {
            return Result.done();
        }
        return requeue(spec, start, now, backoff);
    }

    private int createIndexed(Job job, ObjectKey key, List<Integer> indexes) {
        expectations.expectCreations(key, indexes.size());
        OwnerReference ref = Owners.controllerRef("batch/v1", "Job", key.name(), job.getMetadata().getUid());
        int created = 0;
        for (int index : indexes) {
            try {
                podControl.createWithPrefix(key.namespace(), withIndex(job, index), ref, key.name() + "-" + index + "-");
                created++;
            } catch (RuntimeException e) {
                break;
            }
        }
        for (int i = created; i < indexes.size(); i++) {
            expectations.creationObserved(key);
        }
        return created;
    }

    /**
     * The pod template of one index, as Kubernetes' Job controller makes it: the index in an
     * annotation and a label, {@code JOB_COMPLETION_INDEX} in every container's environment (from
     * that annotation), and hostname {@code <job>-<index>} unless the template sets one.
     */
    static PodTemplateSpec withIndex(Job job, int index) {
        PodTemplateSpec template = withJobLabels(job);
        String value = Integer.toString(index);
        PodTemplateSpecBuilder b = new PodTemplateSpecBuilder(template).editMetadata()
                .addToAnnotations(COMPLETION_INDEX, value).addToLabels(COMPLETION_INDEX, value).endMetadata();
        PodTemplateSpec indexed = b.build();
        EnvVar env = new EnvVarBuilder().withName("JOB_COMPLETION_INDEX").withNewValueFrom().withNewFieldRef()
                .withFieldPath("metadata.annotations['" + COMPLETION_INDEX + "']").endFieldRef().endValueFrom().build();
        for (Container c : indexed.getSpec().getContainers()) {
            c.setEnv(withEnv(c.getEnv(), env));
        }
        if (indexed.getSpec().getInitContainers() != null) {
            for (Container c : indexed.getSpec().getInitContainers()) {
                c.setEnv(withEnv(c.getEnv(), env));
            }
        }
        if (indexed.getSpec().getHostname() == null || indexed.getSpec().getHostname().isEmpty()) {
            indexed.getSpec().setHostname(job.getMetadata().getName() + "-" + index);
        }
        return indexed;
    }

    private static List<EnvVar> withEnv(List<EnvVar> env, EnvVar added) {
        List<EnvVar> all = new ArrayList<>(env == null ? List.of() : env);
        all.removeIf(e -> added.getName().equals(e.getName()));
        all.add(added);
        return all;
    }

    static Optional<Integer> completionIndex(Pod pod) {
        String value = pod.getMetadata().getAnnotations() == null ? null : pod.getMetadata().getAnnotations().get(COMPLETION_INDEX);
        if (value == null && pod.getMetadata().getLabels() != null) {
            value = pod.getMetadata().getLabels().get(COMPLETION_INDEX);
        }
        try {
            return value == null ? Optional.empty() : Optional.of(Integer.parseInt(value));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * A suspended Job runs no pods: the active ones are deleted, the {@code Suspended} condition
     * is True (JobSuspended); its start time stays as it was until it resumes.
     */
    private Result suspend(Job job, ObjectKey key, JobStatus previous, Instant now) {
        String uid = job.getMetadata().getUid();
        List<Pod> active = store.podsOwnedBy(uid).stream().filter(p -> Owners.isControlledBy(p, uid))
                .filter(PodStates::isActive).toList();
        active.forEach(p -> podControl.delete(key.namespace(), p.getMetadata().getName(), jobRef(job)));
        JobStatus next = new JobStatusBuilder(previous).withActive(0).withReady(0)
                .withConditions(withSuspended(previous, "True", "JobSuspended", "Job suspended", now)).build();
        if (!next.equals(previous)) {
            store.writeStatus(job, next);
        }
        if (suspendedCondition(previous).map(c -> !"True".equals(c.getStatus())).orElse(true)) {
            events.normal(job, "Suspended", "Job suspended");
        }
        return Result.done();
    }

    /** The event of a Job that just finished: Completed, or the reason it failed (BackoffLimitExceeded, DeadlineExceeded). */
    private void finished(Job job, JobPlan.Finish finish) {
        if ("Complete".equals(finish.type())) {
            events.normal(job, "Completed", "Job completed");
        } else {
            events.warning(job, finish.reason(), finish.message());
        }
    }

    private static OwnerReference jobRef(Job job) {
        return Owners.controllerRef("batch/v1", "Job", job.getMetadata().getName(), job.getMetadata().getUid());
    }

    private static Optional<JobCondition> suspendedCondition(JobStatus status) {
        return status.getConditions() == null ? Optional.empty()
                : status.getConditions().stream().filter(c -> "Suspended".equals(c.getType())).findFirst();
    }

    /** The conditions with Suspended set to {@code status}; its times kept while it does not change. */
    private static List<JobCondition> withSuspended(JobStatus status, String value, String reason, String message, Instant now) {
        List<JobCondition> conditions = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        Optional<JobCondition> old = suspendedCondition(status);
        if (old.isPresent() && value.equals(old.get().getStatus())) {
            return conditions;
        }
        conditions.removeIf(c -> "Suspended".equals(c.getType()));
        conditions.add(new JobConditionBuilder().withType("Suspended").withStatus(value).withReason(reason).withMessage(message)
                .withLastProbeTime(now.toString()).withLastTransitionTime(now.toString()).build());
        return conditions;
    }

    private int create(Job job, ObjectKey key, int count) {
        expectations.expectCreations(key, count);
        OwnerReference ref = Owners.controllerRef("batch/v1", "Job", key.name(), job.getMetadata().getUid());
        PodTemplateSpec template = withJobLabels(job);
        int created = SlowStart.run(count, 1, batch -> {
            int ok = 0;
            for (int i = 0; i < batch; i++) {
                try {
                    podControl.create(key.namespace(), template, ref);
                    ok++;
                } catch (RuntimeException e) {
                    return ok;
                }
            }
            return ok;
        });
        for (int i = created; i < count; i++) {
            expectations.creationObserved(key);
        }
        return created;
    }

    /**
     * The labels Kubernetes gives a Job's pods, so {@code kubectl get pods -l job-name=pi} finds them.
     * The API server puts them on the template of every Job created since it generates selectors;
     * a Job stored before that has them from here.
     */
    static PodTemplateSpec withJobLabels(Job job) {
        return new PodTemplateSpecBuilder(job.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(JobLabels.LEGACY_JOB_NAME, job.getMetadata().getName())
                .addToLabels(JobLabels.JOB_NAME, job.getMetadata().getName())
                .addToLabels(JobLabels.LEGACY_CONTROLLER_UID, job.getMetadata().getUid())
                .addToLabels(JobLabels.CONTROLLER_UID, job.getMetadata().getUid())
                .endMetadata().build();
    }

    private static JobStatus status(JobStatus previous, Instant start, Instant now, JobPlan plan, List<Pod> active,
            int activeCount, int succeeded, int failed) {
        List<JobCondition> conditions = new ArrayList<>(previous.getConditions() == null ? List.of() : previous.getConditions());
        String completionTime = previous.getCompletionTime();
        if (plan.finish().isPresent()) {
            JobPlan.Finish f = plan.finish().get();
            conditions.add(new JobConditionBuilder().withType(f.type()).withStatus("True").withReason(f.reason())
                    .withMessage(f.message()).withLastProbeTime(now.toString()).withLastTransitionTime(now.toString()).build());
            if (f.type().equals("Complete")) {
                completionTime = now.toString();
            }
        }
        int ready = plan.deleteActive() ? 0 : (int) active.stream().filter(PodStates::isReady).count();
        return new JobStatusBuilder(previous).withStartTime(start.toString()).withActive(activeCount)
                .withReady(ready).withSucceeded(succeeded).withFailed(failed).withCompletionTime(completionTime)
                .withConditions(conditions).build();
    }

    private static int restarts(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return pod.getStatus().getContainerStatuses().stream().map(ContainerStatus::getRestartCount)
                .filter(Objects::nonNull).mapToInt(Integer::intValue).sum();
    }
}
