package io.kubelite.autoscaler.hpa;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * From a recommendation to the replica count an HPA sets, with Kubernetes' default behavior:
 * a scale-down takes the highest recommendation of the stabilization window (5 min by default), so
 * a dip does not shed pods that the next spike needs; a scale-up is at most
 * max(2 × current, current + 4) per step (the default policies: 100 % or 4 pods per 15 s); the
 * result stays within [minReplicas, maxReplicas].
 *
 * <p>Example: current 2, min 1, max 10, recommendation 8 → 6 (at most max(2 × 2, 2 + 4) = 6 in one
 * step); later, at 6, a recommendation of 1 with one of 5 three minutes before → 5 (the window's
 * highest).
 */
public final class ReplicaBounds {

    private record Past(Instant at, int replicas) {
    }

    /** Why the count is what it is, for the ScalingLimited condition. */
    public enum Limit { NONE, TOO_FEW, TOO_MANY, SCALE_UP_LIMIT }

    public record Decision(int replicas, Limit limit) {
    }

    private final Deque<Past> history = new ArrayDeque<>();

    /** Records {@code recommended} and decides; keep one instance per HPA. */
    public synchronized Decision decide(int current, int recommended, int min, int max, Duration downWindow, Instant now) {
        history.addLast(new Past(now, recommended));
        while (!history.isEmpty() && history.peekFirst().at().isBefore(now.minus(downWindow))) {
            history.removeFirst();
        }
        int stabilized = recommended;
        if (recommended < current) {
            for (Past p : history) {
                stabilized = Math.max(stabilized, p.replicas());
            }
            stabilized = Math.min(stabilized, current);
        }
        int upLimit = Math.max(2 * current, current + 4);
        Limit limit = Limit.NONE;
        int desired = stabilized;
        if (desired > upLimit) {
            desired = upLimit;
            limit = Limit.SCALE_UP_LIMIT;
        }
        if (desired > max) {
            desired = max;
            limit = Limit.TOO_MANY;
        } else if (desired < min) {
            desired = min;
            limit = Limit.TOO_FEW;
        }
        return new Decision(desired, limit);
    }
}
