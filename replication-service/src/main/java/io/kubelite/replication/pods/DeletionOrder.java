package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.Pod;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The order in which surplus pods are deleted: the first pod in this order goes first. It is
 * Kubernetes' {@code ActivePods} ordering, which prefers to delete the pod that is least
 * useful right now:
 * <ol>
 *   <li>unscheduled before scheduled;</li>
 *   <li>Pending before Unknown before Running;</li>
 *   <li>not ready before ready;</li>
 *   <li>of two ready pods, the one ready for less time (unknown ready time first);</li>
 *   <li>more container restarts before fewer;</li>
 *   <li>newer before older (unknown creation time first).</li>
 * </ol>
 * Example: a Running+Ready pod created at 10:00 and another created at 10:05 → the 10:05 one
 * goes first; a Pending pod goes before both.
 */
public final class DeletionOrder implements Comparator<Pod> {

    public static final DeletionOrder INSTANCE = new DeletionOrder();

    private static final Map<String, Integer> PHASE_ORDINAL = Map.of("Pending", 0, "Unknown", 1, "Running", 2);

    private DeletionOrder() {
    }

    /** The {@code count} pods to delete first, in deletion order. */
    public static List<Pod> firstToDelete(List<Pod> pods, int count) {
        List<Pod> sorted = new ArrayList<>(pods);
        sorted.sort(INSTANCE);
        return List.copyOf(sorted.subList(0, Math.min(count, sorted.size())));
    }

    @Override
    public int compare(Pod a, Pod b) {
        boolean aScheduled = PodStates.isScheduled(a);
        boolean bScheduled = PodStates.isScheduled(b);
        if (aScheduled != bScheduled) {
            return aScheduled ? 1 : -1;
        }
        int phase = Integer.compare(phaseOrdinal(a), phaseOrdinal(b));
        if (phase != 0) {
            return phase;
        }
        boolean aReady = PodStates.isReady(a);
        boolean bReady = PodStates.isReady(b);
        if (aReady != bReady) {
            return aReady ? 1 : -1;
        }
        if (aReady) {
            int ready = newerOrUnknownFirst(PodStates.readySince(a), PodStates.readySince(b));
            if (ready != 0) {
                return ready;
            }
        }
        int restarts = Integer.compare(PodStates.maxContainerRestarts(b), PodStates.maxContainerRestarts(a));
        if (restarts != 0) {
            return restarts;
        }
        return newerOrUnknownFirst(PodStates.creationTime(a), PodStates.creationTime(b));
    }

    private static int phaseOrdinal(Pod pod) {
        // Phases outside the table (Succeeded, Failed, none) sort with Pending, as Go's zero value does.
        return PHASE_ORDINAL.getOrDefault(PodStates.phase(pod), 0);
    }

    /** Unknown first, then the later instant first; 0 when equal. */
    private static int newerOrUnknownFirst(Optional<Instant> a, Optional<Instant> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a.isEmpty() == b.isEmpty() ? 0 : (a.isEmpty() ? -1 : 1);
        }
        return b.get().compareTo(a.get());
    }
}
