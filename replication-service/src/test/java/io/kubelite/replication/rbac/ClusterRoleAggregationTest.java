package io.kubelite.replication.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBuilder;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.MapLister;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClusterRoleAggregationTest {

    static final String TO_VIEW = "rbac.authorization.k8s.io/aggregate-to-view";

    final MapLister<ClusterRole> roles = new MapLister<>();
    final List<ClusterRole> updated = new ArrayList<>();
    final ClusterRoleAggregation controller = new ClusterRoleAggregation(roles, updated::add);

    static PolicyRule read(String resource) {
        return new PolicyRuleBuilder().withApiGroups("").withResources(resource).withVerbs("get", "list", "watch").build();
    }

    static ClusterRole role(String name, Map<String, String> labels, List<PolicyRule> rules) {
        return new ClusterRoleBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withRules(rules).build();
    }

    static ClusterRole view(List<PolicyRule> rules) {
        return new ClusterRoleBuilder(role("view", Map.of(), rules)).withNewAggregationRule()
                .addNewClusterRoleSelector().withMatchLabels(Map.of(TO_VIEW, "true")).endClusterRoleSelector()
                .endAggregationRule().build();
    }

    @Test
    void anAggregatingRoleHoldsTheRulesOfTheRolesItSelectsInNameOrderEachOnce() {
        roles.put(view(List.of()));
        roles.put(role("widgets-view", Map.of(TO_VIEW, "true"), List.of(read("widgets"), read("pods"))));
        roles.put(role("system:aggregate-to-view", Map.of(TO_VIEW, "true"), List.of(read("pods"))));
        roles.put(role("unrelated", Map.of(), List.of(read("secrets"))));

        controller.reconcile(new ObjectKey("", "view"));

        assertThat(updated).singleElement().satisfies(r ->
                assertThat(r.getRules()).containsExactly(read("pods"), read("widgets")));
    }

    @Test
    void nothingIsWrittenWhenTheRulesAreCurrentOrTheRoleDoesNotAggregate() {
        roles.put(view(List.of(read("pods"))));
        roles.put(role("system:aggregate-to-view", Map.of(TO_VIEW, "true"), List.of(read("pods"))));
        roles.put(role("plain", Map.of(), List.of()));

        controller.reconcile(new ObjectKey("", "view"));
        controller.reconcile(new ObjectKey("", "plain"));
        controller.reconcile(new ObjectKey("", "gone"));

        assertThat(updated).isEmpty();
    }

    @Test
    void aRoleThatStopsMatchingLeavesTheAggregate() {
        roles.put(view(List.of(read("pods"), read("widgets"))));
        roles.put(role("system:aggregate-to-view", Map.of(TO_VIEW, "true"), List.of(read("pods"))));
        roles.put(role("widgets-view", Map.of(), List.of(read("widgets"))));

        controller.reconcile(new ObjectKey("", "view"));

        assertThat(updated).singleElement().satisfies(r -> assertThat(r.getRules()).containsExactly(read("pods")));
        assertThat(controller.aggregatingRoles()).containsExactly(new ObjectKey("", "view"));
    }
}
