package io.kubelite.controller.events;

import java.time.Duration;
import java.time.Instant;

/**
 * Counts events dropped because the recorder's buffer was full and says when to report them, at
 * most once per interval: a controller that outruns the API under load drops thousands of events,
 * and a warning for each one cost more than the events themselves. The first drop is reported at
 * once; drops within the interval after a report are counted and reported with the next one due.
 *
 * <p>Example, interval 10 s: drops at 0 s, 1 s, 2 s and 12 s report 1 at 0 s, then 3 at 12 s.
 */
final class DropTally {

    private final Duration interval;
    private long unreported;
    private Instant lastReport;

    DropTally(Duration interval) {
        this.interval = interval;
    }

    /** Counts one drop at {@code now}; the number of drops to report now, or 0 when the report is not due. */
    synchronized long dropped(Instant now) {
        unreported++;
        if (lastReport != null && now.isBefore(lastReport.plus(interval))) {
            return 0;
        }
        long report = unreported;
        unreported = 0;
        lastReport = now;
        return report;
    }
}
