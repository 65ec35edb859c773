package io.kubelite.controller.time;

import java.time.Clock;
import java.time.Duration;

/**
 * Runs a task once after a delay, measured on {@link #clock()}. Production code uses
 * {@link ExecutorScheduler}; tests use {@link ManualScheduler}, which runs due tasks only
 * when the test advances its clock.
 */
public interface Scheduler {

    /** The clock delays are measured against. */
    Clock clock();

    /** Runs {@code task} once, no earlier than {@code delay} from now. */
    void schedule(Duration delay, Runnable task);
}
