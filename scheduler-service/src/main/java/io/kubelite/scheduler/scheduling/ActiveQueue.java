package io.kubelite.scheduler.scheduling;

import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.queue.WorkQueue;

import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The work queue of the scheduling controller of the current leadership term, for the handlers and
 * callbacks that outlive one term. While this replica is not leading, adds are dropped: the next
 * leader's controller enqueues every pending pod when it starts.
 */
public final class ActiveQueue {

    private final AtomicReference<WorkQueue> current = new AtomicReference<>();

    public void use(WorkQueue queue) {
        current.set(queue);
    }

    public void add(ObjectKey key) {
        WorkQueue queue = current.get();
        if (queue != null) {
            queue.add(key);
        }
    }

    public void addAll(Collection<ObjectKey> keys) {
        WorkQueue queue = current.get();
        if (queue != null) {
            keys.forEach(queue::add);
        }
    }

    /** Pods waiting for their turn now (not those waiting out a back-off); 0 while not leading. */
    public int depth() {
        WorkQueue queue = current.get();
        return queue == null ? 0 : queue.len();
    }

    public void addRateLimited(ObjectKey key) {
        WorkQueue queue = current.get();
        if (queue != null) {
            queue.addRateLimited(key);
        }
    }
}
