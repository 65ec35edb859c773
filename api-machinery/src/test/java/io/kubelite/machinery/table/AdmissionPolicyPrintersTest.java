package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;

class AdmissionPolicyPrintersTest {

    private final TablePrinter policies = TablePrinters.forResource("admissionregistration.k8s.io", "validatingadmissionpolicies");
    private final TablePrinter bindings =
            TablePrinters.forResource("admissionregistration.k8s.io", "validatingadmissionpolicybindings");

    @Test
    void hasKubernetesColumns() {
        assertThat(policies.columns()).extracting(Column::name).containsExactly("Name", "Validations", "ParamKind", "Age");
        assertThat(policies.columns()).extracting(Column::type).containsExactly("string", "integer", "string", "string");
        assertThat(bindings.columns()).extracting(Column::name).containsExactly("Name", "PolicyName", "ParamRef", "Age");
        assertThat(bindings.columns()).extracting(Column::priority).containsOnly(0);
    }

    @Test
    void printsAPolicyWithItsValidationCountAndParamKind() {
        JsonNode policy = json("""
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingAdmissionPolicy",
                 "metadata":{"name":"replicalimit-policy.example.com","creationTimestamp":"%s"},
                 "spec":{"failurePolicy":"Fail",
                   "paramKind":{"apiVersion":"rules.example.com/v1","kind":"ReplicaLimit"},
                   "validations":[{"expression":"object.spec.replicas <= params.maxReplicas"},
                                  {"expression":"object.spec.replicas >= 1"}]}}
                """.formatted(ago(90)));

        assertThat(policies.cells(policy, NOW))
                .containsExactly("replicalimit-policy.example.com", 2L, "rules.example.com/v1/ReplicaLimit", "90s");
    }

    @Test
    void printsUnsetForAPolicyWithoutParamsAndZeroForOneThatOnlyAudits() {
        JsonNode policy = json("""
                {"metadata":{"name":"audit-only","creationTimestamp":"%s"},
                 "spec":{"auditAnnotations":[{"key":"replicas","valueExpression":"string(object.spec.replicas)"}]}}
                """.formatted(ago(3600)));

        assertThat(policies.cells(policy, NOW)).containsExactly("audit-only", 0L, "<unset>", "60m");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            no param reference                        |                                                                       | <unset>
            a param by namespace and name             | {"name":"limits","namespace":"payments","parameterNotFoundAction":"Deny"} | payments/limits
            a param by name in every namespace        | {"name":"limits","parameterNotFoundAction":"Deny"}                    | */limits
            neither name nor selector                 | {"parameterNotFoundAction":"Deny"}                                    | <unset>
            an empty selector                         | {"selector":{},"parameterNotFoundAction":"Allow"}                     | &LabelSelector{MatchLabels:map[string]string{},MatchExpressions:[]LabelSelectorRequirement{},}
            """)
    void printsTheParamReference(String name, String paramRef, String shown) {
        JsonNode binding = json("""
                {"metadata":{"name":"demo-binding","creationTimestamp":"%s"},
                 "spec":{"policyName":"demo-policy.example.com","validationActions":["Deny"]%s}}
                """.formatted(ago(5), paramRef == null ? "" : ",\"paramRef\":" + paramRef));

        assertThat(bindings.cells(binding, NOW)).containsExactly("demo-binding", "demo-policy.example.com", shown, "5s");
    }

    @Test
    void printsASelectorAsGoPrintsALabelSelectorSortedByKey() {
        JsonNode binding = json("""
                {"metadata":{"name":"by-team"},
                 "spec":{"policyName":"demo-policy.example.com",
                   "paramRef":{"parameterNotFoundAction":"Deny","selector":{
                     "matchLabels":{"team":"payments","env":"prod"},
                     "matchExpressions":[{"key":"tier","operator":"In","values":["web","api"]},
                                         {"key":"canary","operator":"DoesNotExist"}]}}}}
                """);

        assertThat(bindings.cells(binding, NOW).get(2)).isEqualTo("&LabelSelector{MatchLabels:map[string]string{env: prod,team: payments,},"
                + "MatchExpressions:[]LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[web api],},"
                + "LabelSelectorRequirement{Key:canary,Operator:DoesNotExist,Values:[],},},}");
    }
}
