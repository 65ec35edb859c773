package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTerm;
import io.kubelite.scheduler.filters.NodeSelectors;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/**
 * Sums the weights of the pod's {@code preferredDuringSchedulingIgnoredDuringExecution} terms a node
 * matches, then scales so the best node gets 100. Example: terms {@code zone=a} (weight 80) and
 * {@code disk=ssd} (weight 20); a node with both sums 100 → 100, {@code zone=a} only → 80, neither → 0.
 */
public final class NodeAffinityScorer implements NodeScorer {

    @Override
    public String name() {
        return "NodeAffinity";
    }

    @Override
    public int weight() {
        return 2;
    }

    @Override
    public long score(PodInfo pod, NodeInfo node) {
        long sum = 0;
        for (PreferredSchedulingTerm term : preferred(pod.pod().getSpec())) {
            if (term.getPreference() != null && term.getWeight() != null
                    && NodeSelectors.termMatches(term.getPreference(), node.name(), node.labels())) {
                sum += term.getWeight();
            }
        }
        return sum;
    }

    @Override
    public void normalize(long[] scores) {
        NodeScorer.scaleToMax(scores);
    }

    private static List<PreferredSchedulingTerm> preferred(PodSpec spec) {
        if (spec == null || spec.getAffinity() == null || spec.getAffinity().getNodeAffinity() == null) {
            return List.of();
        }
        List<PreferredSchedulingTerm> terms =
                spec.getAffinity().getNodeAffinity().getPreferredDuringSchedulingIgnoredDuringExecution();
        return terms == null ? List.of() : terms;
    }
}
