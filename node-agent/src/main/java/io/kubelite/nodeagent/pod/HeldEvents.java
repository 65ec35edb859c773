package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;

/**
 * Events a pod worker records while it syncs a pod, written when the sync is over — after the
 * pod's status, which is what a pod's startup waits for. Written at once, the API writes of
 * "Pulled", "Created" and "Started" competed for the machine with Docker starting the pod's
 * containers and with the status write (docs/PERFORMANCE.md, "Pod startup latency"). A sync about
 * to wait (an image pull, a graceful stop) {@link #flush() flushes} first, so "Pulling" and
 * "Killing" show while they happen. Events recorded on any other thread (probes) go out at once.
 */
final class HeldEvents implements PodEvents {

    private final PodEvents target;
    private final ThreadLocal<List<Runnable>> held = new ThreadLocal<>();

    HeldEvents(PodEvents target) {
        this.target = target;
    }

    /** From now on this thread's events wait for {@link #release()}. */
    void hold() {
        held.set(new ArrayList<>());
    }

    /** Writes what this thread held, in the order recorded, and stops holding. */
    void release() {
        List<Runnable> pending = held.get();
        held.remove();
        if (pending != null) {
            pending.forEach(Runnable::run);
        }
    }

    @Override
    public void flush() {
        List<Runnable> pending = held.get();
        if (pending != null && !pending.isEmpty()) {
            held.set(new ArrayList<>());
            pending.forEach(Runnable::run);
        }
    }

    @Override
    public void normal(Pod pod, String fieldPath, String reason, String message) {
        record(() -> target.normal(pod, fieldPath, reason, message));
    }

    @Override
    public void warning(Pod pod, String fieldPath, String reason, String message) {
        record(() -> target.warning(pod, fieldPath, reason, message));
    }

    private void record(Runnable write) {
        List<Runnable> pending = held.get();
        if (pending == null) {
            write.run();
        } else {
            pending.add(write);
        }
    }
}
