package io.kubelite.scheduler.preemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.kubelite.machinery.selector.LabelSelector;

import java.util.Map;
import java.util.Set;

/**
 * What preemption reads of a PodDisruptionBudget: which pods it covers and how many of them may
 * still go ({@code status.disruptionsAllowed}). Pods already in {@code status.disruptedPods} were
 * counted by the API server when they were evicted and do not spend the budget again. A budget
 * without a selector, or with an empty one, covers no pod here (as in kube-scheduler).
 */
public record Budget(String namespace, LabelSelector selector, int disruptionsAllowed, Set<String> disruptedPods) {

    public static Budget of(PodDisruptionBudget pdb) {
        var spec = pdb.getSpec();
        LabelSelector selector = spec == null || spec.getSelector() == null ? LabelSelector.nothing()
                : LabelSelector.fromApi(spec.getSelector());
        var status = pdb.getStatus();
        int allowed = status == null || status.getDisruptionsAllowed() == null ? 0 : status.getDisruptionsAllowed();
        Map<String, String> disrupted = status == null ? null : status.getDisruptedPods();
        return new Budget(pdb.getMetadata().getNamespace(), selector, allowed,
                disrupted == null ? Set.of() : Set.copyOf(disrupted.keySet()));
    }

    /** Whether deleting {@code pod} spends this budget. */
    boolean covers(Pod pod) {
        if (!namespace.equals(pod.getMetadata().getNamespace()) || selector.isEmpty() || selector.matchesNothing()) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels();
        return selector.matches(labels == null ? Map.of() : labels) && !disruptedPods.contains(pod.getMetadata().getName());
    }
}
