package io.kubelite.controller.queue;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;

/** Decides how long a key waits before it is retried. */
public interface RateLimiter {

    /** The delay before the next retry of {@code key}; records one more failure. */
    Duration when(ObjectKey key);

    /** Clears the failure history of {@code key}, so its next retry waits the base delay. */
    void forget(ObjectKey key);

    /** How many failures have been recorded for {@code key} since it was last forgotten. */
    int numRequeues(ObjectKey key);
}
