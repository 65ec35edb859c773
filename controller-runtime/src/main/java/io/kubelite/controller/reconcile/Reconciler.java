package io.kubelite.controller.reconcile;

import io.kubelite.controller.ObjectKey;

/**
 * Drives one object towards its desired state. Level-triggered: it receives only the key,
 * reads the current state itself, and must give the same answer however many events led to
 * the call. It is never called concurrently for the same key, but may be for different keys.
 * It must not sleep: to wait, return {@link Result.RequeueAfter}.
 */
@FunctionalInterface
public interface Reconciler {

    /**
     * @return what to do with the key next
     * @throws Exception to have the key retried with per-key exponential backoff
     */
    Result reconcile(ObjectKey key) throws Exception;
}
