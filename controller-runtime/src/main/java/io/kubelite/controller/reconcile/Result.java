package io.kubelite.controller.reconcile;

import java.time.Duration;
import java.util.Objects;

/**
 * What a reconciler asks the controller to do with the key next. Failures are not a result:
 * a reconciler reports them by throwing, and the key is retried with backoff.
 */
public sealed interface Result permits Result.Done, Result.RequeueAfter, Result.Requeue {

    /** The object matches its desired state; forget its backoff and wait for the next event. */
    record Done() implements Result {
    }

    /**
     * Reconcile again after {@code delay}, whatever happens meanwhile (for example to re-check
     * a deadline); resets the key's backoff.
     */
    record RequeueAfter(Duration delay) implements Result {
        public RequeueAfter {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative() || delay.isZero()) {
                throw new IllegalArgumentException("requeue delay must be positive, was " + delay);
            }
        }
    }

    /** Reconcile again after the key's next backoff step, without counting it as an error. */
    record Requeue() implements Result {
    }

    static Result done() {
        return new Done();
    }

    static Result requeueAfter(Duration delay) {
        return new RequeueAfter(delay);
    }

    static Result requeue() {
        return new Requeue();
    }
}
