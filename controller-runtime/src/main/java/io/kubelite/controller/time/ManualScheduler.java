package io.kubelite.controller.time;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A {@link Scheduler} for tests: tasks run on the caller's thread, in due order, only when
 * {@link #advance(Duration)} moves the clock past their due time. While a task runs the
 * clock reads exactly its due time, so a task that schedules another sees consistent time.
 */
public final class ManualScheduler implements Scheduler {

    private record Pending(Instant due, long sequence, Runnable task) {
    }

    private final ManualClock clock;
    private final PriorityQueue<Pending> pending = new PriorityQueue<>(
            Comparator.comparing(Pending::due).thenComparingLong(Pending::sequence));
    private long sequence;

    public ManualScheduler(ManualClock clock) {
        this.clock = clock;
    }

    public ManualScheduler() {
        this(ManualClock.atEpochOfTests());
    }

    @Override
    public ManualClock clock() {
        return clock;
    }

    @Override
    public synchronized void schedule(Duration delay, Runnable task) {
        Duration notNegative = delay.isNegative() ? Duration.ZERO : delay;
        pending.add(new Pending(clock.instant().plus(notNegative), sequence++, task));
    }

    /** Moves the clock forward by {@code duration}, running every task that falls due. */
    public void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("cannot move a clock backwards by " + duration);
        }
        Instant target = clock.instant().plus(duration);
        while (true) {
            Pending next;
            synchronized (this) {
                next = pending.peek();
                if (next == null || next.due().isAfter(target)) {
                    break;
                }
                pending.poll();
                if (next.due().isAfter(clock.instant())) {
                    clock.set(next.due());
                }
            }
            next.task().run();
        }
        clock.set(target);
    }

    /** Delays from now of the tasks not yet run, earliest first. */
    public synchronized List<Duration> pendingDelays() {
        List<Pending> sorted = new ArrayList<>(pending);
        sorted.sort(pending.comparator());
        List<Duration> delays = new ArrayList<>(sorted.size());
        for (Pending p : sorted) {
            delays.add(Duration.between(clock.instant(), p.due()));
        }
        return delays;
    }
}
