package io.kubelite.nodeagent.pod;

import java.time.Duration;
import java.time.Instant;

/**
 * When an exited container may start again (Kubernetes' CrashLoopBackOff). The first restart is
 * immediate; each later one waits twice as long as the one before, from 10 s up to 5 min:
 * <pre>
 *   crashes so far (step)   0    1     2     3     4      5      6      7 …
 *   wait after the exit     0s   10s   20s   40s   80s    160s   300s   300s
 * </pre>
 * A container that ran 10 minutes before it exited starts the ladder again at step 0.
 */
public final class RestartBackOff {

    public static final Duration INITIAL = Duration.ofSeconds(10);
    public static final Duration MAX = Duration.ofMinutes(5);
    public static final Duration RESET_AFTER = Duration.ofMinutes(10);

    private RestartBackOff() {
    }

    /** The wait before the restart that follows {@code step} earlier backed-off restarts. */
    public static Duration delay(int step) {
        if (step <= 0) {
            return Duration.ZERO;
        }
        if (step > 6) {
            return MAX;
        }
        Duration d = INITIAL.multipliedBy(1L << (step - 1));
        return d.compareTo(MAX) > 0 ? MAX : d;
    }

    /** The step to use for this exit: back to 0 when the container ran at least {@link #RESET_AFTER}. */
    public static int stepFor(int previousStep, Instant startedAt, Instant finishedAt) {
        if (Duration.between(startedAt, finishedAt).compareTo(RESET_AFTER) >= 0) {
            return 0;
        }
        return previousStep;
    }

    /** Whether restartPolicy brings a container that exited with {@code exitCode} back. */
    public static boolean shouldRestart(String restartPolicy, int exitCode) {
        if ("Never".equals(restartPolicy)) {
            return false;
        }
        if ("OnFailure".equals(restartPolicy)) {
            return exitCode != 0;
        }
        return true;
    }
}
