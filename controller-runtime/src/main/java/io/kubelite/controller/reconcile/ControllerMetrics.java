package io.kubelite.controller.reconcile;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;

/**
 * Observes a {@link Controller}'s reconciles. Called on worker threads, so implementations
 * must be thread-safe and quick. Every method defaults to doing nothing.
 */
public interface ControllerMetrics {

    ControllerMetrics NONE = new ControllerMetrics() {
    };

    /** One reconcile of {@code key} finished with {@code outcome} after {@code latency}. */
    default void reconciled(String controller, ObjectKey key, Outcome outcome, Duration latency) {
    }

    /** The reconcile of {@code key} failed with {@code error}; followed by an ERROR outcome. */
    default void reconcileFailed(String controller, ObjectKey key, Exception error) {
    }

    /** The number of workers currently inside a reconcile changed to {@code active}. */
    default void activeWorkers(String controller, int active) {
    }
}
