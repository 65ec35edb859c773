package io.kubelite.objectstore.storage;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;

/**
 * Which resourceVersion is old enough to compact, without reading the change log's commit times:
 * every compaction run records the newest resourceVersion and when it saw it; everything up to
 * a checkpoint was committed before the checkpoint's time.
 *
 * <p>Example, retention 15 min, a run every minute: the run at 10:00 records (10:00, rv 5000).
 * The run at 10:15 may compact through 5000; the runs before it find no checkpoint old enough
 * and compact nothing. Rows therefore live between 15 and 16 minutes.
 */
final class CompactionCheckpoints {

    private record Checkpoint(Instant at, long resourceVersion) {
    }

    private final ArrayDeque<Checkpoint> checkpoints = new ArrayDeque<>();

    /** True until the first checkpoint is recorded (after a start, nothing is known yet). */
    synchronized boolean isEmpty() {
        return checkpoints.isEmpty();
    }

    /** Everything up to {@code resourceVersion} was committed before {@code at}. */
    synchronized void record(Instant at, long resourceVersion) {
        checkpoints.addLast(new Checkpoint(at, resourceVersion));
    }

    /**
     * The newest recorded resourceVersion whose checkpoint is at least {@code retention} older
     * than {@code now} (0 when none is); checkpoints older than that one are forgotten.
     */
    synchronized long agedThrough(Instant now, Duration retention) {
        Instant oldEnough = now.minus(retention);
        Checkpoint aged = null;
        while (!checkpoints.isEmpty() && !checkpoints.peekFirst().at().isAfter(oldEnough)) {
            aged = checkpoints.pollFirst();
        }
        if (aged == null) {
            return 0;
        }
        // Kept: the next run needs it again if no newer checkpoint has aged by then.
        checkpoints.addFirst(aged);
        return aged.resourceVersion();
    }
}
