package io.kubelite.replication.cronjob;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubelite.replication.job.JobConditions;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.cron.CronSchedule;
import io.kubelite.machinery.cron.CronSyntaxException;
import io.kubelite.replication.pods.Owners;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Starts a CronJob's Jobs on schedule, as kube-controller-manager's CronJob controller does:
 * one Job per activation (the latest one missed, within {@code startingDeadlineSeconds}), none
 * while suspended, none beside a running one under {@code Forbid}, the running ones deleted first
 * under {@code Replace}; {@code status.active}, {@code lastScheduleTime} and
 * {@code lastSuccessfulTime} kept current; finished Jobs beyond the history limits deleted. The
 * key is queued again just after the next activation.
 */
public final class CronJobReconciler implements Reconciler {

    private static final Logger log = LoggerFactory.getLogger(CronJobReconciler.class);
    private static final DateTimeFormatter RFC1123 = DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss Z",
            java.util.Locale.ROOT);

    private final CronJobStore store;
    private final JobControl jobs;
    private final EventRecorder events;
    private final Clock clock;

    CronJobReconciler(CronJobStore store, JobControl jobs, EventRecorder events, Clock clock) {
        this.store = store;
        this.jobs = jobs;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<CronJob> found = store.get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        CronJob cronJob = found.get();
        List<Job> owned = store.jobsControlledBy(key.namespace(), cronJob.getMetadata().getUid());
        CronJobStatus previous = normalized(cronJob.getStatus());
        Sync sync = new Sync(key, cronJob, normalized(previous));
        Optional<Duration> requeue;
        try {
            requeue = sync.run(owned);
        } catch (RuntimeException e) {
            writeIfChanged(sync.cronJob, previous, sync.status);
            throw e;
        }
        sync.cleanUp(owned);
        writeIfChanged(sync.cronJob, previous, sync.status);
        return requeue.map(d -> Result.requeueAfter(d.isNegative() || d.isZero() ? Duration.ofMillis(1) : d)).orElse(Result.done());
    }

    private void writeIfChanged(CronJob cronJob, CronJobStatus previous, CronJobStatus next) {
        if (!normalized(next).equals(previous)) {
            store.writeStatus(cronJob, normalized(next));
        }
    }

    /** One pass over one CronJob; {@code status} is the status being built. */
    private final class Sync {

        private final ObjectKey key;
        private CronJob cronJob;
        private final CronJobStatus status;

        Sync(ObjectKey key, CronJob cronJob, CronJobStatus status) {
            this.key = key;
            this.cronJob = cronJob;
            this.status = status;
        }

        Optional<Duration> run(List<Job> owned) {
            Instant now = clock.instant();
            reconcileActive(owned);
            if (cronJob.getMetadata().getDeletionTimestamp() != null) {
                return Optional.empty();
            }
            ZoneId zone = clock.getZone();
            String timeZone = cronJob.getSpec().getTimeZone();
            if (timeZone != null) {
                try {
                    zone = ZoneId.of(timeZone);
                } catch (DateTimeException e) {
                    events.warning(cronJob, "UnknownTimeZone", "invalid timeZone: \"" + timeZone + "\": unknown time zone " + timeZone);
                    return Optional.empty();
                }
            }
            if (Boolean.TRUE.equals(cronJob.getSpec().getSuspend())) {
                return Optional.empty();
            }
            CronSchedule schedule;
            try {
                schedule = CronSchedule.parse(cronJob.getSpec().getSchedule());
            } catch (CronSyntaxException e) {
                events.warning(cronJob, "UnparseableSchedule", "unparseable schedule: \"" + cronJob.getSpec().getSchedule()
                        + "\" : " + e.getMessage());
                return Optional.empty();
            }
            CronTimes times = new CronTimes(schedule, zone, earliest(), cronJob.getSpec().getStartingDeadlineSeconds());
            CronTimes.Due due;
            try {
                due = times.due(now);
            } catch (CronTimes.InvalidScheduleException e) {
                events.warning(cronJob, "InvalidSchedule", "invalid schedule: " + cronJob.getSpec().getSchedule() + " : "
                        + e.getMessage());
                return Optional.empty();
            }
            if (due.tooManyMissed()) {
                events.warning(cronJob, "TooManyMissedTimes",
                        "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew");
            }
            if (due.time().isEmpty()) {
                return times.untilNext(now);
            }
            Instant scheduled = due.time().get();
            Long deadline = cronJob.getSpec().getStartingDeadlineSeconds();
            if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
                events.warning(cronJob, "MissSchedule", "Missed scheduled time to start a job: "
                        + RFC1123.format(scheduled.atOffset(ZoneOffset.UTC)));
                return times.untilNext(now);
            }
            String name = ScheduledJob.name(cronJob, scheduled);
            if (status.getActive().stream().anyMatch(r -> name.equals(r.getName()))
                    || scheduled.toString().equals(status.getLastScheduleTime())) {
                return times.untilNext(now);
            }
            String policy = cronJob.getSpec().getConcurrencyPolicy();
            if ("Forbid".equals(policy) && !status.getActive().isEmpty()) {
                events.normal(cronJob, "JobAlreadyActive",
                        "Not starting job because prior execution is running and concurrency policy is Forbid");
                return times.untilNext(now);
            }
            if ("Replace".equals(policy)) {
                for (ObjectReference ref : List.copyOf(status.getActive())) {
                    Optional<Job> job = jobs.get(ref.getNamespace(), ref.getName());
                    if (job.isEmpty()) {
                        events.warning(cronJob, "FailedGet", "Get job: jobs.batch \"" + ref.getName() + "\" not found");
                        throw new IllegalStateException("job " + ref.getNamespace() + "/" + ref.getName()
                                + " of cronjob " + key + " to replace is gone");
                    }
                    delete(job.get());
                }
            }
            Job created = start(scheduled, zone);
            if (created == null) {
                return Optional.empty();
            }
            status.getActive().add(reference(created));
            status.setLastScheduleTime(scheduled.toString());
            return times.untilNext(now);
        }

        /** Drops from {@code status.active} what finished or vanished, notes what succeeded, warns of what it did not start. */
        private void reconcileActive(List<Job> owned) {
            Set<String> uids = new HashSet<>();
            for (Job job : owned) {
                String uid = job.getMetadata().getUid();
                uids.add(uid);
                boolean listed = isActive(uid);
                if (!listed && !JobConditions.finished(job)) {
                    Optional<CronJob> live = store.fetch(key);
                    if (live.isPresent() && normalized(live.get().getStatus()).getActive().stream()
                            .anyMatch(r -> uid.equals(r.getUid()))) {
                        // our own status write, not yet in the cache
                        cronJob = live.get();
                        status.setActive(new ArrayList<>(normalized(live.get().getStatus()).getActive()));
                        status.setLastScheduleTime(normalized(live.get().getStatus()).getLastScheduleTime());
                        continue;
                    }
                    events.warning(cronJob, "UnexpectedJob", "Saw a job that the controller did not create or forgot: "
                            + job.getMetadata().getName());
                } else if (listed && JobConditions.finished(job)) {
                    status.getActive().removeIf(r -> uid.equals(r.getUid()));
                    events.normal(cronJob, "SawCompletedJob", "Saw completed job: " + job.getMetadata().getName()
                            + ", condition: " + JobConditions.finishedAs(job).orElseThrow());
                }
                if (JobConditions.succeeded(job) && job.getStatus().getCompletionTime() != null) {
                    String completed = job.getStatus().getCompletionTime();
                    String last = status.getLastSuccessfulTime();
                    if (last == null || Instant.parse(completed).isAfter(Instant.parse(last))) {
                        status.setLastSuccessfulTime(completed);
                    }
                }
            }
            for (ObjectReference ref : List.copyOf(status.getActive())) {
                if (uids.contains(ref.getUid())) {
                    continue;
                }
                // not in the cache: ask the API server before calling it gone
                if (jobs.get(ref.getNamespace(), ref.getName()).isEmpty()) {
                    events.normal(cronJob, "MissingJob", "Active job went missing: " + ref.getName());
                    status.getActive().removeIf(r -> ref.getUid().equals(r.getUid()));
                }
            }
        }

        /** Creates the activation's Job; null if a Job of that name exists that another controller owns. */
        private Job start(Instant scheduled, ZoneId zone) {
            Job wanted = ScheduledJob.forActivation(cronJob, scheduled, zone);
            Optional<Job> created = jobs.create(wanted);
            if (created.isPresent()) {
                events.normal(cronJob, "SuccessfulCreate", "Created job " + created.get().getMetadata().getName());
                log.info("cronjob {} started job {} for {}", key, created.get().getMetadata().getName(), scheduled);
                return created.get();
            }
            // created before (a crash or a stale cache): take it into the status if it is ours
            String name = wanted.getMetadata().getName();
            Job existing = jobs.get(key.namespace(), name).orElseThrow(() ->
                    new IllegalStateException("job " + key.namespace() + "/" + name + " exists and cannot be read"));
            if (!Owners.isControlledBy(existing, cronJob.getMetadata().getUid()) || isActive(existing.getMetadata().getUid())) {
                return null;
            }
            return existing;
        }

        void cleanUp(List<Job> owned) {
            for (Job job : JobHistory.beyondLimits(owned, cronJob.getSpec().getSuccessfulJobsHistoryLimit(),
                    cronJob.getSpec().getFailedJobsHistoryLimit())) {
                delete(job);
            }
        }

        private void delete(Job job) {
            try {
                jobs.delete(job.getMetadata().getNamespace(), job.getMetadata().getName());
            } catch (RuntimeException e) {
                events.warning(cronJob, "FailedDelete", "Deleted job: " + e.getMessage());
                throw e;
            }
            status.getActive().removeIf(r -> job.getMetadata().getUid().equals(r.getUid()));
            events.normal(cronJob, "SuccessfulDelete", "Deleted job " + job.getMetadata().getName());
        }

        private boolean isActive(String uid) {
            return status.getActive().stream().anyMatch(r -> uid.equals(r.getUid()));
        }

        private Instant earliest() {
            String last = status.getLastScheduleTime();
            return Instant.parse(last != null ? last : cronJob.getMetadata().getCreationTimestamp());
        }
    }

    private static ObjectReference reference(Job job) {
        return new ObjectReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                .withNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withUid(job.getMetadata().getUid()).withResourceVersion(job.getMetadata().getResourceVersion()).build();
    }

    /** A status with a mutable (possibly empty) active list, so stored and computed ones compare. */
    private static CronJobStatus normalized(CronJobStatus status) {
        CronJobStatus s = status == null ? new CronJobStatus() : new CronJobStatusBuilder(status).build();
        s.setActive(new ArrayList<>(s.getActive() == null ? List.of() : s.getActive()));
        return s;
    }
}
