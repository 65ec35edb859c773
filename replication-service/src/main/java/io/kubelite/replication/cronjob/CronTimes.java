package io.kubelite.replication.cronjob;

import io.kubelite.machinery.cron.CronSchedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

/**
 * When a CronJob should have started its latest Job, as kube-controller-manager reckons it.
 * Counting starts at the last scheduled time (or the CronJob's creation), and no earlier than
 * {@code startingDeadlineSeconds} before now when that is set. Worked example, schedule
 * {@code *}{@code /5 * * * *}, last scheduled 10:00, now 10:17:30: the activations since are
 * 10:05, 10:10 and 10:15, so the most recent is 10:15 and three were missed; with a starting
 * deadline of 60 s counting starts at 10:16:30 and nothing is due until 10:20.
 *
 * @param schedule         the parsed {@code spec.schedule}
 * @param zone             {@code spec.timeZone}, or the controller's zone
 * @param earliest         {@code status.lastScheduleTime}, else {@code metadata.creationTimestamp}
 * @param deadlineSeconds  {@code spec.startingDeadlineSeconds}, may be null
 */
record CronTimes(CronSchedule schedule, ZoneId zone, Instant earliest, Long deadlineSeconds) {

    /** Beyond this many missed activations the controller warns (a wrong clock, or a controller down for days). */
    static final long MANY_MISSED = 100;
    /** Added to every wait, so a clock a little behind still finds the activation due. */
    static final Duration NEXT_SCHEDULE_DELTA = Duration.ofMillis(100);

    /** A schedule whose activations cannot be counted (it never fires, or fires twice within a second). */
    static final class InvalidScheduleException extends RuntimeException {
        InvalidScheduleException() {
            super("time difference between two schedules is less than 1 second");
        }
    }

    /**
     * @param earliest    where counting started
     * @param mostRecent  the latest activation at or before now, if any
     * @param missed      how many activations were missed since {@code earliest} (an estimate)
     */
    record MostRecent(Instant earliest, Optional<Instant> mostRecent, long missed) {
    }

    /** The activation due now, if any; empty when the latest one was already scheduled. */
    record Due(Optional<Instant> time, boolean tooManyMissed) {
    }

    /** kube's {@code mostRecentScheduleTime}. */
    MostRecent mostRecent(Instant now, boolean withDeadline) {
        Instant start = earliest;
        if (withDeadline && deadlineSeconds != null) {
            Instant deadline = now.minusSeconds(deadlineSeconds);
            if (deadline.isAfter(start)) {
                start = deadline;
            }
        }
        Instant t1 = next(start);
        if (now.isBefore(t1)) {
            return new MostRecent(start, Optional.empty(), 0);
        }
        Instant t2 = next(t1);
        if (now.isBefore(t2)) {
            return new MostRecent(start, Optional.of(t1), 0);
        }
        long between = Math.round(Duration.between(t1, t2).toMillis() / 1000.0);
        if (between < 1) {
            throw new InvalidScheduleException();
        }
        // estimate the count from the interval of the first two activations, start one interval
        // before the estimate (schedules such as "30 6-16/4 * * 1-5" are not evenly spaced), then
        // walk the real activations up to now
        long elapsed = Duration.between(t1, now).getSeconds();
        long missed = elapsed / between + 1;
        Instant from = t1.plusSeconds((missed - 2) * between);
        Instant latest = null;
        for (Instant t = next(from); !t.isAfter(now); t = next(t)) {
            latest = t;
        }
        return new MostRecent(start, Optional.ofNullable(latest), missed);
    }

    /** kube's {@code nextScheduleTime}: the activation to start a Job for now, if any. */
    Due due(Instant now) {
        MostRecent recent = mostRecent(now, true);
        return new Due(recent.mostRecent().filter(t -> !t.isAfter(now)), recent.missed() > MANY_MISSED);
    }

    /** kube's {@code nextScheduleTimeDuration}: how long until the next activation after the latest one; empty if none comes. */
    Optional<Duration> untilNext(Instant now) {
        Instant from;
        try {
            MostRecent recent = mostRecent(now, false);
            from = recent.mostRecent().orElse(recent.missed() == 0 ? recent.earliest() : now);
        } catch (InvalidScheduleException e) {
            from = now;
        }
        return schedule.next(from, zone).map(t -> Duration.between(now, t).plus(NEXT_SCHEDULE_DELTA));
    }

    private Instant next(Instant after) {
        return schedule.next(after, zone).orElseThrow(InvalidScheduleException::new);
    }
}
