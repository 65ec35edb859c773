package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.kubelite.scheduler.filters.PodTopologySpread;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-scheduler's PodTopologySpread score for {@code whenUnsatisfiable: ScheduleAnyway}: the
 * fewer matching pods a node's domain holds (counted as the filter counts them), the higher it
 * scores (rescaled to 0..100 between the fullest and emptiest, weight 2); a node without the topology label scores 0. Example: zones with
 * 3, 1 and 0 {@code app=web} pods → 0, 66 and 100.
 */
public final class TopologySpreadScorer implements PodScorer {

    @Override
    public Optional<NodeScorer> prepare(PodInfo pod, Cluster cluster) {
        List<TopologySpreadConstraint> soft = pod.pod().getSpec() == null || pod.pod().getSpec().getTopologySpreadConstraints() == null
                ? List.of() : pod.pod().getSpec().getTopologySpreadConstraints().stream()
                        .filter(c -> "ScheduleAnyway".equals(c.getWhenUnsatisfiable()) && c.getLabelSelector() != null).toList();
        if (soft.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Integer>> counts = soft.stream()
                .map(c -> PodTopologySpread.matchingPerDomain(c, pod, cluster.nodes())).toList();
        long worst = counts.stream().flatMap(m -> m.values().stream()).mapToLong(Integer::longValue).sum() + 1;
        return Optional.of(new PreparedScorer("PodTopologySpread", 2, node -> {
            long total = 0;
            for (int i = 0; i < soft.size(); i++) {
                String value = node.labels().get(soft.get(i).getTopologyKey());
                // a node outside every domain ranks below the fullest one
                total += value == null ? worst : counts.get(i).getOrDefault(value, 0);
            }
            return total;
        }, true));
    }
}
