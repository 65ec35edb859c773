package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-scheduler's PodTopologySpread filter, for {@code whenUnsatisfiable: DoNotSchedule}: a node
 * is rejected when placing the pod there would make its domain (the nodes sharing the node's
 * {@code topologyKey} value) hold more than {@code maxSkew} matching pods above the emptiest
 * domain. Only nodes the pod could go to by its node affinity count as domains (nodeAffinityPolicy
 * Honor, the default); taints do not matter (nodeTaintsPolicy Ignore). Example: zones a, b, c with
 * 2, 1, 1 pods of {@code app=web} and maxSkew 1 → a new replica may go to b or c, not a; with
 * {@code minDomains: 4} over these three zones the emptiest counts as 0, so only a zone with 0
 * pods would do.
 */
public final class PodTopologySpread implements PodFilter {

    static final String NOT_MATCHED = "node(s) didn't match pod topology spread constraints";
    static final String MISSING_LABEL = NOT_MATCHED + " (missing required label)";

    /** One constraint as counted over the cluster. */
    private record Counted(String topologyKey, int maxSkew, Map<String, Integer> counts, int minimum, int self) {
    }

    @Override
    public Optional<NodeFilter> prepare(PodInfo pod, Cluster cluster) {
        List<TopologySpreadConstraint> constraints = pod.pod().getSpec() == null
                || pod.pod().getSpec().getTopologySpreadConstraints() == null ? List.of()
                : pod.pod().getSpec().getTopologySpreadConstraints().stream()
                        .filter(c -> !"ScheduleAnyway".equals(c.getWhenUnsatisfiable())).toList();
        if (constraints.isEmpty()) {
            return Optional.empty();
        }
        List<Counted> counted = new ArrayList<>();
        for (TopologySpreadConstraint c : constraints) {
            counted.add(count(c, pod, cluster.nodes()));
        }
        return Optional.of((p, node) -> {
            for (Counted c : counted) {
                String value = node.labels().get(c.topologyKey());
                if (value == null) {
                    return List.of(MISSING_LABEL);
                }
                int skew = c.counts().getOrDefault(value, 0) + c.self() - c.minimum();
                if (skew > c.maxSkew()) {
                    return List.of(NOT_MATCHED);
                }
            }
            return List.of();
        });
    }

    private static Counted count(TopologySpreadConstraint c, PodInfo pod, List<NodeInfo> nodes) {
        Map<String, Integer> counts = matchingPerDomain(c, pod, nodes);
        int minimum = counts.values().stream().mapToInt(Integer::intValue).min().orElse(0);
        if (c.getMinDomains() != null && counts.size() < c.getMinDomains()) {
            minimum = 0;
        }
        int self = selector(c, pod.pod()).matches(labels(pod.pod())) ? 1 : 0;
        return new Counted(c.getTopologyKey(), c.getMaxSkew() == null ? 1 : c.getMaxSkew(), counts, minimum, self);
    }

    /**
     * The constraint's domains and how many pods it selects in each (the pod's namespace, the pod
     * itself left out): every value of {@code topologyKey} on a node the pod could go to by its node
     * affinity (nodeAffinityPolicy Honor, the default) and, with nodeTaintsPolicy Honor, its
     * tolerations — an empty domain counted as 0. Shared with the ScheduleAnyway score.
     */
    public static Map<String, Integer> matchingPerDomain(TopologySpreadConstraint c, PodInfo pod, List<NodeInfo> nodes) {
        LabelSelector selector = selector(c, pod.pod());
        boolean honorAffinity = c.getNodeAffinityPolicy() == null || "Honor".equals(c.getNodeAffinityPolicy());
        boolean honorTaints = "Honor".equals(c.getNodeTaintsPolicy());
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (NodeInfo node : nodes) {
            String value = node.labels().get(c.getTopologyKey());
            if (value == null || node.node() == null) {
                continue;
            }
            if (honorAffinity && !NodeAffinityFilter.matches(pod.pod().getSpec(), node.name(), node.labels())) {
                continue;
            }
            if (honorTaints && !new TaintTolerationFilter().reasons(pod, node).isEmpty()) {
                continue;
            }
            int matching = 0;
            for (PodInfo existing : node.pods()) {
                Pod e = existing.pod();
                if (!existing.key().equals(pod.key()) && pod.pod().getMetadata().getNamespace().equals(e.getMetadata().getNamespace())
                        && selector.matches(labels(e))) {
                    matching++;
                }
            }
            counts.merge(value, matching, Integer::sum);
        }
        return counts;
    }

    /** The constraint's selector, narrowed by {@code matchLabelKeys} to the new pod's values of those keys. */
    private static LabelSelector selector(TopologySpreadConstraint c, Pod pod) {
        if (c.getLabelSelector() == null) {
            return LabelSelector.nothing();
        }
        io.fabric8.kubernetes.api.model.LabelSelector api = new io.fabric8.kubernetes.api.model.LabelSelectorBuilder(
                c.getLabelSelector()).build();
        if (c.getMatchLabelKeys() != null) {
            Map<String, String> own = labels(pod);
            Map<String, String> match = new HashMap<>(api.getMatchLabels() == null ? Map.of() : api.getMatchLabels());
            for (String key : c.getMatchLabelKeys()) {
                if (own.containsKey(key)) {
                    match.put(key, own.get(key));
                }
            }
            api.setMatchLabels(match);
        }
        return LabelSelector.fromApi(api);
    }

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }
}
