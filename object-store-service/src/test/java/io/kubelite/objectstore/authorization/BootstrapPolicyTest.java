package io.kubelite.objectstore.authorization;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A default role or binding from an older version brought up to date at start, never cut down. */
class BootstrapPolicyTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static ObjectNode json(String s) {
        return (ObjectNode) JSON.readTree(s.replace('\'', '"'));
    }

    @Test
    void addsMissingRulesLabelsAndTheAggregationRuleAndKeepsWhatWasThere() {
        ObjectNode existing = json("{'metadata':{'name':'view','labels':{'team':'x'},"
                + "'annotations':{'rbac.authorization.kubernetes.io/autoupdate':'true'}},"
                + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']},{'apiGroups':['x.io'],'resources':['w'],'verbs':['get']}]}");
        ObjectNode bootstrap = json("{'metadata':{'name':'view','labels':{'rbac.authorization.k8s.io/aggregate-to-edit':'true'}},"
                + "'aggregationRule':{'clusterRoleSelectors':[{'matchLabels':{'rbac.authorization.k8s.io/aggregate-to-view':'true'}}]},"
                + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']},{'apiGroups':['metrics.k8s.io'],'resources':['pods'],'verbs':['get']}]}");

        ObjectNode result = BootstrapPolicy.reconciled(existing, bootstrap);

        assertThat(result.path("metadata").path("labels").toString())
                .isEqualTo("{\"team\":\"x\",\"rbac.authorization.k8s.io/aggregate-to-edit\":\"true\"}");
        assertThat(result.path("aggregationRule")).isEqualTo(bootstrap.path("aggregationRule"));
        assertThat(result.path("rules").size()).isEqualTo(3);
        assertThat(result.path("rules").get(2).path("apiGroups").get(0).asString()).isEqualTo("metrics.k8s.io");
    }

    @Test
    void addsMissingSubjectsToABinding() {
        ObjectNode existing = json("{'metadata':{'name':'kubelite:components'},"
                + "'subjects':[{'kind':'Group','name':'system:nodes'},{'kind':'User','name':'extra'}]}");
        ObjectNode bootstrap = json("{'metadata':{'name':'kubelite:components'},"
                + "'subjects':[{'kind':'User','name':'system:serviceaccount:kube-system:dns'},{'kind':'Group','name':'system:nodes'}]}");

        assertThat(BootstrapPolicy.reconciled(existing, bootstrap).path("subjects").findValuesAsString("name"))
                .containsExactly("system:nodes", "extra", "system:serviceaccount:kube-system:dns");
    }

    @Test
    void leavesAnObjectWhoseOwnerTurnedAutoupdateOff() {
        ObjectNode existing = json("{'metadata':{'name':'edit','annotations':{'rbac.authorization.kubernetes.io/autoupdate':'false'}},"
                + "'rules':[]}");
        ObjectNode copy = existing.deepCopy();

        assertThat(BootstrapPolicy.reconciled(existing, json("{'metadata':{'name':'edit','labels':{'a':'b'}},"
                + "'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get']}]}"))).isEqualTo(copy);
    }
}
