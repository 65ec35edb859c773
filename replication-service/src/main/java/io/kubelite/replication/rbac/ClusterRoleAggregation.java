package io.kubelite.replication.rbac;

import io.fabric8.kubernetes.api.model.rbac.AggregationRule;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.selector.LabelSelector;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * kube-controller-manager's ClusterRole aggregation controller: a ClusterRole with an
 * {@code aggregationRule} holds the rules of every other ClusterRole whose labels one of its
 * {@code clusterRoleSelectors} matches (in name order, each rule once), kept current as those
 * roles change. This is how {@code admin}, {@code edit} and {@code view} grow: label a ClusterRole
 * {@code rbac.authorization.k8s.io/aggregate-to-view: "true"} and everyone bound to {@code view}
 * gets its rules. The key is the aggregating role's name.
 */
public final class ClusterRoleAggregation implements Reconciler {

    /** The one write this controller makes. */
    public interface Api {
        /** Replaces the role's rules (an update of the object read, so a concurrent change conflicts). */
        void updateRules(ClusterRole role);
    }

    private final Lister<ClusterRole> roles;
    private final Api api;

    public ClusterRoleAggregation(Lister<ClusterRole> roles, Api api) {
        this.roles = roles;
        this.api = api;
    }

    /** The keys of every aggregating role: a change to any ClusterRole may change what they hold. */
    public List<ObjectKey> aggregatingRoles() {
        return roles.list().stream().filter(ClusterRoleAggregation::aggregates)
                .map(r -> new ObjectKey("", r.getMetadata().getName())).toList();
    }

    @Override
    public Result reconcile(ObjectKey key) {
        ClusterRole role = roles.get(new ObjectKey("", key.name())).orElse(null);
        if (role == null || !aggregates(role)) {
            return Result.done();
        }
        List<LabelSelector> selectors = role.getAggregationRule().getClusterRoleSelectors().stream()
                .map(LabelSelector::fromApi).toList();
        List<PolicyRule> rules = new ArrayList<>();
        List<ClusterRole> sources = new ArrayList<>(roles.list());
        sources.sort(Comparator.comparing(r -> r.getMetadata().getName()));
        for (ClusterRole source : sources) {
            if (source.getMetadata().getName().equals(role.getMetadata().getName())) {
                continue;
            }
            Map<String, String> labels = source.getMetadata().getLabels() == null ? Map.of() : source.getMetadata().getLabels();
            if (selectors.stream().noneMatch(s -> s.matches(labels)) || source.getRules() == null) {
                continue;
            }
            for (PolicyRule rule : source.getRules()) {
                if (!rules.contains(rule)) {
                    rules.add(rule);
                }
            }
        }
        List<PolicyRule> current = role.getRules() == null ? List.of() : role.getRules();
        if (!current.equals(rules)) {
            api.updateRules(new ClusterRoleBuilder(role).withRules(rules).build());
        }
        return Result.done();
    }

    private static boolean aggregates(ClusterRole role) {
        AggregationRule rule = role.getAggregationRule();
        return rule != null && rule.getClusterRoleSelectors() != null && !rule.getClusterRoleSelectors().isEmpty();
    }
}
