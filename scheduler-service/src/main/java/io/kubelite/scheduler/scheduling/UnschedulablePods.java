package io.kubelite.scheduler.scheduling;

import io.kubelite.controller.ObjectKey;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pods the last scheduling attempt found no node for. They wait here, not in the work queue, until
 * a node or pod change could make room (see {@link SchedulerEvents}); then all of them are tried again.
 */
public final class UnschedulablePods {

    private final Set<ObjectKey> keys = ConcurrentHashMap.newKeySet();

    public void add(ObjectKey key) {
        keys.add(key);
    }

    public void remove(ObjectKey key) {
        keys.remove(key);
    }

    public List<ObjectKey> snapshot() {
        return List.copyOf(keys);
    }

    public int size() {
        return keys.size();
    }
}
