package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubelite.scheduler.filters.AffinityTerms;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-scheduler's InterPodAffinity score for the pod's preferred terms: each pod a preferred
 * affinity term selects in a node's domain adds the term's weight, each one a preferred
 * anti-affinity term selects subtracts it; the sums are rescaled to 0..100 between the lowest and
 * highest node (weight 2); the terms' namespaces as the filter reads them ({@link AffinityTerms}). Example: anti-affinity weight 100 on {@code kubernetes.io/hostname}
 * for {@code app=web} → nodes without a web pod score 100, a node with one 0.
 */
public final class InterPodAffinityScorer implements PodScorer {

    /** One preferred term and its weight, negative for anti-affinity. */
    private record Term(AffinityTerms term, long weight) {
    }

    @Override
    public Optional<NodeScorer> prepare(PodInfo pod, Cluster cluster) {
        List<Term> terms = terms(pod);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Integer>> counts = terms.stream().map(t -> t.term().podsPerDomain(cluster.nodes(), pod.key())).toList();
        return Optional.of(new PreparedScorer("InterPodAffinity", 2, node -> {
            long total = 0;
            for (int i = 0; i < terms.size(); i++) {
                String value = node.labels().get(terms.get(i).term().topologyKey());
                if (value != null) {
                    total += counts.get(i).getOrDefault(value, 0) * terms.get(i).weight();
                }
            }
            return total;
        }, false));
    }

    private static List<Term> terms(PodInfo pod) {
        Affinity affinity = pod.pod().getSpec() == null ? null : pod.pod().getSpec().getAffinity();
        List<Term> terms = new ArrayList<>();
        if (affinity == null) {
            return terms;
        }
        if (affinity.getPodAffinity() != null) {
            add(terms, pod, affinity.getPodAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), 1);
        }
        if (affinity.getPodAntiAffinity() != null) {
            add(terms, pod, affinity.getPodAntiAffinity().getPreferredDuringSchedulingIgnoredDuringExecution(), -1);
        }
        return terms;
    }

    private static void add(List<Term> terms, PodInfo pod, List<WeightedPodAffinityTerm> weighted, int sign) {
        if (weighted == null) {
            return;
        }
        for (WeightedPodAffinityTerm w : weighted) {
            if (w.getPodAffinityTerm() != null && w.getPodAffinityTerm().getLabelSelector() != null && w.getWeight() != null) {
                terms.add(new Term(AffinityTerms.of(pod.pod(), List.of(w.getPodAffinityTerm())).get(0), (long) sign * w.getWeight()));
            }
        }
    }
}
