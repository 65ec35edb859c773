package io.kubelite.replication.daemonset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which daemon pods to create and delete, as Kubernetes' DaemonSet controller decides with the
 * RollingUpdate strategy:
 * <ul>
 *   <li>an eligible node without a pod gets one; extra pods on a node go (one on the current template is kept);</li>
 *   <li>pods on nodes that are not eligible (or gone) go;</li>
 *   <li>pods of an old template are replaced one node at a time: at most {@code maxUnavailable}
 *       daemon pods may be missing or unready at once, counting those already so. Example: 3 nodes,
 *       maxUnavailable 1, all on the old template and ready → delete the old pod of one node; its new
 *       pod is created on the next sync; once it is ready, the next node follows.</li>
 * </ul>
 */
public record DaemonPlan(List<String> createOn, List<String> deletePods) {

    /** A daemon pod as the plan sees it. */
    public record DaemonPod(String name, String node, boolean current, boolean ready) {
    }

    public static DaemonPlan decide(Set<String> eligibleNodes, Map<String, List<DaemonPod>> podsByNode,
            int maxUnavailable) {
        List<String> create = new ArrayList<>();
        List<String> delete = new ArrayList<>();
        List<DaemonPod> oldReady = new ArrayList<>();
        int unavailable = 0;
        for (String node : eligibleNodes.stream().sorted().toList()) {
            List<DaemonPod> pods = podsByNode.getOrDefault(node, List.of());
            if (pods.isEmpty()) {
                create.add(node);
                unavailable++;
                continue;
            }
            DaemonPod keep = pods.stream().filter(DaemonPod::current).findFirst().orElse(pods.get(0));
            pods.stream().filter(p -> p != keep).forEach(p -> delete.add(p.name()));
            if (!keep.ready()) {
                unavailable++;
                if (!keep.current()) {
                    delete.add(keep.name()); // an old pod that is not ready costs nothing to replace
                }
            } else if (!keep.current()) {
                oldReady.add(keep);
            }
        }
        podsByNode.forEach((node, pods) -> {
            if (!eligibleNodes.contains(node)) {
                pods.forEach(p -> delete.add(p.name()));
            }
        });
        int budget = Math.max(0, maxUnavailable - unavailable);
        oldReady.stream().limit(budget).forEach(p -> delete.add(p.name()));
        return new DaemonPlan(create, delete);
    }
}
