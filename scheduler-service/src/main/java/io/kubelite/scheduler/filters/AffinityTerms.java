package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.kubelite.machinery.selector.LabelSelector;

import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's required pod (anti-)affinity terms, with the namespaces each applies to: those it lists,
 * every namespace for an empty {@code namespaceSelector}, else the pod's own. (A non-empty
 * {@code namespaceSelector} would need the namespaces' labels, which the scheduler does not cache:
 * such a term applies to the namespaces it lists only.)
 */
public record AffinityTerms(String topologyKey, LabelSelector selector, List<String> namespaces, boolean allNamespaces) {

    static List<AffinityTerms> requiredAffinity(Pod pod) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        if (a == null || a.getPodAffinity() == null) {
            return List.of();
        }
        return of(pod, a.getPodAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    static List<AffinityTerms> requiredAntiAffinity(Pod pod) {
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        if (a == null || a.getPodAntiAffinity() == null) {
            return List.of();
        }
        return of(pod, a.getPodAntiAffinity().getRequiredDuringSchedulingIgnoredDuringExecution());
    }

    /** The terms of {@code pod} (its namespace is the default one), in order. */
    public static List<AffinityTerms> of(Pod pod, List<PodAffinityTerm> terms) {
        if (terms == null) {
            return List.of();
        }
        return terms.stream().map(t -> {
            boolean all = t.getNamespaceSelector() != null
                    && (t.getNamespaceSelector().getMatchLabels() == null || t.getNamespaceSelector().getMatchLabels().isEmpty())
                    && (t.getNamespaceSelector().getMatchExpressions() == null
                    || t.getNamespaceSelector().getMatchExpressions().isEmpty());
            List<String> namespaces = t.getNamespaces() == null || t.getNamespaces().isEmpty()
                    ? (t.getNamespaceSelector() == null ? List.of(pod.getMetadata().getNamespace()) : List.<String>of())
                    : t.getNamespaces();
            LabelSelector selector = t.getLabelSelector() == null ? LabelSelector.nothing()
                    : LabelSelector.fromApi(t.getLabelSelector());
            return new AffinityTerms(t.getTopologyKey(), selector, namespaces, all);
        }).toList();
    }

    /** Whether this term selects {@code pod}. */
    boolean selects(Pod pod) {
        if (!allNamespaces && !namespaces.contains(pod.getMetadata().getNamespace())) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        return selector.matches(labels == null ? Map.of() : labels);
    }

    /**
     * How many pods this term selects in each topology domain: the value of {@code topologyKey} on
     * the nodes that have it → the count, leaving out the pod with key {@code excluded} (the one
     * being placed).
     */
    public Map<String, Integer> podsPerDomain(List<NodeInfo> nodes, String excluded) {
        Map<String, Integer> byValue = new HashMap<>();
        for (NodeInfo node : nodes) {
            String value = node.labels().get(topologyKey);
            if (value == null) {
                continue;
            }
            for (PodInfo existing : node.pods()) {
                if (!existing.key().equals(excluded) && selects(existing.pod())) {
                    byValue.merge(value, 1, Integer::sum);
                }
            }
        }
        return byValue;
    }
}
