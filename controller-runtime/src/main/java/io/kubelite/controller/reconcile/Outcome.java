package io.kubelite.controller.reconcile;

/** How one reconcile ended, as counted by {@link ControllerMetrics}. */
public enum Outcome {
    SUCCESS,
    REQUEUE_AFTER,
    REQUEUE,
    ERROR
}
