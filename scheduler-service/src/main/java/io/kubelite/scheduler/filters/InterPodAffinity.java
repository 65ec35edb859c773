package io.kubelite.scheduler.filters;

import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * kube-scheduler's InterPodAffinity filter, for the required terms. A topology domain is the set
 * of nodes with the same value of a term's {@code topologyKey} (each node, for
 * {@code kubernetes.io/hostname}). A node is rejected, checked in this order, when
 * <ul>
 *   <li>the new pod has an affinity term and no pod it selects runs in the node's domain — unless
 *       no such pod runs anywhere and the term selects the new pod itself, so the first replica of
 *       a group can start ("node(s) didn't match pod affinity rules");</li>
 *   <li>the new pod has an anti-affinity term and a pod it selects runs in the node's domain
 *       ("node(s) didn't match pod anti-affinity rules");</li>
 *   <li>a pod already placed has an anti-affinity term selecting the new pod, and the node is in
 *       that pod's domain ("node(s) didn't satisfy existing pods anti-affinity rules").</li>
 * </ul>
 * Example: replicas with {@code podAntiAffinity} on {@code kubernetes.io/hostname} selecting
 * {@code app=web} land on distinct nodes; the third of three on two nodes stays Pending.
 */
public final class InterPodAffinity implements PodFilter {

    static final String EXISTING_ANTI_AFFINITY = "node(s) didn't satisfy existing pods anti-affinity rules";
    static final String AFFINITY = "node(s) didn't match pod affinity rules";
    static final String ANTI_AFFINITY = "node(s) didn't match pod anti-affinity rules";

    @Override
    public Optional<NodeFilter> prepare(PodInfo pod, Cluster cluster) {
        List<AffinityTerms> affinity = AffinityTerms.requiredAffinity(pod.pod());
        List<AffinityTerms> antiAffinity = AffinityTerms.requiredAntiAffinity(pod.pod());
        if (affinity.isEmpty() && antiAffinity.isEmpty() && !cluster.anyRequiredAntiAffinity()) {
            return Optional.empty();
        }
        List<NodeInfo> nodes = cluster.nodes();
        // topologyKey → values the new pod may not join (existing pods' anti-affinity)
        Map<String, Set<String>> forbiddenByExisting = new HashMap<>();
        for (NodeInfo node : nodes) {
            for (PodInfo existing : node.podsWithRequiredAntiAffinity()) {
                for (AffinityTerms term : AffinityTerms.requiredAntiAffinity(existing.pod())) {
                    String value = node.labels().get(term.topologyKey());
                    if (value != null && term.selects(pod.pod())) {
                        forbiddenByExisting.computeIfAbsent(term.topologyKey(), k -> new HashSet<>()).add(value);
                    }
                }
            }
        }
        if (affinity.isEmpty() && antiAffinity.isEmpty() && forbiddenByExisting.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Integer>> affinityCounts = counts(affinity, pod, nodes);
        List<Map<String, Integer>> antiAffinityCounts = counts(antiAffinity, pod, nodes);
        List<Boolean> selfMatching = new ArrayList<>();
        for (int i = 0; i < affinity.size(); i++) {
            selfMatching.add(affinityCounts.get(i).isEmpty() && affinity.get(i).selects(pod.pod()));
        }
        return Optional.of((p, node) -> {
            Map<String, String> labels = node.labels();
            for (int i = 0; i < affinity.size(); i++) {
                String value = labels.get(affinity.get(i).topologyKey());
                boolean satisfied = value != null && (affinityCounts.get(i).getOrDefault(value, 0) > 0 || selfMatching.get(i));
                if (!satisfied) {
                    return List.of(AFFINITY);
                }
            }
            for (int i = 0; i < antiAffinity.size(); i++) {
                String value = labels.get(antiAffinity.get(i).topologyKey());
                if (value != null && antiAffinityCounts.get(i).getOrDefault(value, 0) > 0) {
                    return List.of(ANTI_AFFINITY);
                }
            }
            for (Map.Entry<String, Set<String>> e : forbiddenByExisting.entrySet()) {
                String value = labels.get(e.getKey());
                if (value != null && e.getValue().contains(value)) {
                    return List.of(EXISTING_ANTI_AFFINITY);
                }
            }
            return List.of();
        });
    }

    /** Per term: topology value → how many pods it selects run there. */
    private static List<Map<String, Integer>> counts(List<AffinityTerms> terms, PodInfo incoming, List<NodeInfo> nodes) {
        return terms.stream().map(term -> term.podsPerDomain(nodes, incoming.key())).toList();
    }
}
