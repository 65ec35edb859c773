package io.kubelite.controller.reconcile;

import io.kubelite.controller.ObjectKey;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A reconciler that records every call, notices when one key is reconciled by two workers at
 * once, and answers with a script.
 */
final class RecordingReconciler implements Reconciler {

    @FunctionalInterface
    interface Script {
        /** @param attempt 1 for the first reconcile of {@code key}, 2 for the second, … */
        Result answer(ObjectKey key, int attempt) throws Exception;
    }

    final List<ObjectKey> calls = new CopyOnWriteArrayList<>();
    final List<ObjectKey> overlapping = new CopyOnWriteArrayList<>();
    private final Set<ObjectKey> inFlight = ConcurrentHashMap.newKeySet();
    private final Map<ObjectKey, AtomicInteger> attempts = new ConcurrentHashMap<>();
    private final Script script;

    RecordingReconciler(Script script) {
        this.script = script;
    }

    @Override
    public Result reconcile(ObjectKey key) throws Exception {
        if (!inFlight.add(key)) {
            overlapping.add(key);
        }
        try {
            calls.add(key);
            return script.answer(key, attempts.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet());
        } finally {
            inFlight.remove(key);
        }
    }

    long callsFor(ObjectKey key) {
        return calls.stream().filter(key::equals).count();
    }
}
