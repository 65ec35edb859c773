package io.kubelite.controller.queue;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;

/**
 * Observes a {@link WorkQueue}. Called while the queue holds its lock, so implementations
 * must be quick and must not call back into the queue. Every method defaults to doing nothing.
 */
public interface QueueMetrics {

    QueueMetrics NONE = new QueueMetrics() {
    };

    /**
     * The queue was made: its meters exist from now on, at zero, so a scrape shows every queue
     * (as client-go registers a named queue's metrics when it makes the queue).
     */
    default void created(String queue) {
    }

    /** The number of keys waiting to be handed to a worker changed to {@code depth}. */
    default void depth(String queue, int depth) {
    }

    /** {@code key} was added; adds merged into a key already queued are not counted. */
    default void added(String queue, ObjectKey key) {
    }

    /** {@code key} was scheduled for a rate-limited retry. */
    default void retried(String queue, ObjectKey key) {
    }

    /** {@code key} waited {@code latency} between being queued and handed to a worker. */
    default void queueLatency(String queue, ObjectKey key, Duration latency) {
    }

    /** A worker held {@code key} for {@code duration}, from {@code get()} to {@code done()}. */
    default void workDuration(String queue, ObjectKey key, Duration duration) {
    }
}
