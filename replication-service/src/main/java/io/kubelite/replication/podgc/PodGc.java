package io.kubelite.replication.podgc;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pod garbage collector (kube-controller-manager's PodGC), one pass per period:
 * <ol>
 * <li>pods bound to a node that no longer exists — missing from the cache for the quarantine, and
 *     then confirmed missing by the API — are deleted at once, so their controllers replace them;</li>
 * <li>pods being deleted that were never scheduled have no kubelet to finish them: deleted at once;</li>
 * <li>finished pods (Succeeded, Failed) beyond the threshold are deleted, oldest first.</li>
 * </ol>
 * Example: threshold 2 and finished pods created at 10:00, 10:01, 10:02 → the 10:00 one goes.
 */
public final class PodGc implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(PodGc.class);
    /** The single key the pass runs under. */
    public static final ObjectKey KEY = ObjectKey.clusterScoped("pod-gc");

    /** The API's side: does a node exist, delete a pod with no grace period. */
    public interface PodGcApi {
        boolean nodeExists(String name);

        void forceDelete(Pod pod, String reason);
    }

    private final Supplier<List<Pod>> pods;
    private final Supplier<Set<String>> nodes;
    private final PodGcApi api;
    private final int terminatedThreshold;
    private final Duration period;
    private final Duration quarantine;
    private final Clock clock;
    /** Nodes pods are bound to that the cache lacks, and since when. Only the pass's thread touches it. */
    private final Map<String, Instant> missingSince = new HashMap<>();

    public PodGc(Supplier<List<Pod>> pods, Supplier<Set<String>> nodes, PodGcApi api, int terminatedThreshold,
            Duration period, Duration quarantine, Clock clock) {
        this.pods = pods;
        this.nodes = nodes;
        this.api = api;
        this.terminatedThreshold = terminatedThreshold;
        this.period = period;
        this.quarantine = quarantine;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        List<Pod> all = pods.get();
        gcOrphaned(all);
        gcUnscheduledTerminating(all);
        gcTerminated(all);
        return Result.requeueAfter(period);
    }

    private void gcOrphaned(List<Pod> all) {
        Set<String> known = nodes.get();
        Instant now = clock.instant();
        Map<String, List<Pod>> byMissingNode = new HashMap<>();
        for (Pod pod : all) {
            String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
            if (node != null && !node.isEmpty() && !known.contains(node)) {
                byMissingNode.computeIfAbsent(node, n -> new ArrayList<>()).add(pod);
            }
        }
        missingSince.keySet().retainAll(byMissingNode.keySet());
        byMissingNode.forEach((node, bound) -> {
            Instant since = missingSince.computeIfAbsent(node, n -> now);
            if (since.plus(quarantine).isAfter(now) || api.nodeExists(node)) {
                return;
            }
            for (Pod pod : bound) {
                delete(pod, "PodGC: node " + node + " no longer exists");
            }
            missingSince.remove(node);
        });
    }

    private void gcUnscheduledTerminating(List<Pod> all) {
        for (Pod pod : all) {
            boolean unscheduled = pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty();
            if (unscheduled && pod.getMetadata().getDeletionTimestamp() != null) {
                delete(pod, "PodGC: terminating and never scheduled");
            }
        }
    }

    private void gcTerminated(List<Pod> all) {
        if (terminatedThreshold <= 0) {
            return;
        }
        List<Pod> finished = all.stream().filter(PodGc::finished).filter(p -> p.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((Pod p) -> p.getMetadata().getCreationTimestamp() == null ? ""
                        : p.getMetadata().getCreationTimestamp()).thenComparing(p -> p.getMetadata().getName()))
                .toList();
        for (int i = 0; i < finished.size() - terminatedThreshold; i++) {
            delete(finished.get(i), "PodGC: more than " + terminatedThreshold + " finished pods");
        }
    }

    private static boolean finished(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }

    private void delete(Pod pod, String reason) {
        try {
            api.forceDelete(pod, reason);
            LOG.atInfo().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .addKeyValue("node", pod.getSpec() == null ? null : pod.getSpec().getNodeName()).log("Deleted: " + reason);
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .log("Could not delete (" + reason + "): " + e.getMessage());
        }
    }
}
