package io.kubelite.scheduler.scores;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-scheduler's InterPodAffinity score for the pod's preferred terms: each pod a preferred
 * affinity term selects in a node's domain adds the term's weight, each one a preferred
 * anti-affinity term selects subtracts it; the sums are rescaled to 0..100 between the lowest and
 * highest node (weight 2). Example: anti-affinity weight 100 on {@code kubernetes.io/hostname}
 * for {@code app=web} → nodes without a web pod score 100, a node with one 0.
 */
public final class InterPodAffinityScorer implements PodScorer {

    /** One preferred term: its topology key, the pods it selects (in the new pod's namespace or those listed), its signed weight. */
    private record Term(String topologyKey, LabelSelector selector, List<String> namespaces, long weight) {
    }

    @Override
    public Optional<NodeScorer> prepare(PodInfo pod, Cluster cluster) {
        List<Term> terms = terms(pod);
        if (terms.isEmpty()) {
            return Optional.empty();
        }
        List<Map<String, Long>> sums = new ArrayList<>();
        for (Term term : terms) {
            Map<String, Long> byValue = new HashMap<>();
            for (NodeInfo node : cluster.nodes()) {
                String value = node.labels().get(term.topologyKey());
                if (value == null) {
                    continue;
                }
                for (PodInfo existing : node.pods()) {
                    var meta = existing.pod().getMetadata();
                    if (!existing.key().equals(pod.key()) && term.namespaces().contains(meta.getNamespace())
                            && term.selector().matches(meta.getLabels() == null ? Map.of() : meta.getLabels())) {
                        byValue.merge(value, term.weight(), Long::sum);
                    }
                }
            }
            sums.add(byValue);
        }
        return Optional.of(new PreparedScorer("InterPodAffinity", 2, node -> {
            long total = 0;
            for (int i = 0; i < terms.size(); i++) {
                String value = node.labels().get(terms.get(i).topologyKey());
                if (value != null) {
                    total += sums.get(i).getOrDefault(value, 0L);
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
            var t = w.getPodAffinityTerm();
            if (t == null || t.getLabelSelector() == null || w.getWeight() == null) {
                continue;
            }
            List<String> namespaces = t.getNamespaces() == null || t.getNamespaces().isEmpty()
                    ? List.of(pod.pod().getMetadata().getNamespace()) : t.getNamespaces();
            terms.add(new Term(t.getTopologyKey(), LabelSelector.fromApi(t.getLabelSelector()), namespaces,
                    (long) sign * w.getWeight()));
        }
    }
}
