package io.kubelite.objectstore.policy;

import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEvaluationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ResourceType DEPLOYMENTS = new ResourceRegistry().find("apps", "v1", "deployments").orElseThrow();

    static CompiledPolicy policy(String spec) {
        return CompiledPolicy.of("replica-limit", 1, JSON.readTree("{\"spec\":" + spec + "}"));
    }

    static PolicyRequest create(int replicas) {
        JsonNode object = JSON.readTree("{\"metadata\":{\"name\":\"web\",\"labels\":{\"team\":\"a\"}},\"spec\":{\"replicas\":"
                + replicas + "}}");
        return new PolicyRequest("CREATE", DEPLOYMENTS, DEPLOYMENTS, "", "default", "web", object, null,
                new UserInfo("alice", "", List.of("dev")), false);
    }

    @Test
    void aFalseValidationDeniesWithItsExpressionWhenItHasNoMessage() {
        var policy = policy("{\"validations\":[{\"expression\":\"object.spec.replicas <= 5\"}]}");

        assertThat(PolicyEvaluation.evaluate(policy, create(6), null, null))
                .containsExactly(new PolicyEvaluation.Denial("failed expression: object.spec.replicas <= 5", "Invalid"));
        assertThat(PolicyEvaluation.evaluate(policy, create(5), null, null)).isEmpty();
    }

    @Test
    void theMessageExpressionThenTheMessageThenTheExpressionNameTheDenial() {
        var policy = policy("""
                {"validations":[
                  {"expression":"object.spec.replicas <= params.max","messageExpression":"'at most ' + string(params.max) + ' replicas'",
                   "message":"too many","reason":"Forbidden"},
                  {"expression":"object.spec.replicas <= params.max","messageExpression":"1 == 1 ? '' : 'x'","message":"too many"},
                  {"expression":"request.userInfo.username == 'bob'","message":"only bob"}]}""");

        assertThat(PolicyEvaluation.evaluate(policy, create(6), JSON.readTree("{\"max\":3}"), null)).containsExactly(
                new PolicyEvaluation.Denial("at most 3 replicas", "Forbidden"),
                new PolicyEvaluation.Denial("too many", "Invalid"),
                new PolicyEvaluation.Denial("only bob", "Invalid"));
    }

    @Test
    void matchConditionsSkipThePolicyAndVariablesFeedTheValidations() {
        var policy = policy("""
                {"matchConditions":[{"name":"team-a","expression":"object.metadata.labels.team == 'a'"}],
                 "variables":[{"name":"limit","expression":"namespaceObject.metadata.name == 'default' ? 2 : 10"}],
                 "validations":[{"expression":"object.spec.replicas <= variables.limit"}]}""");
        JsonNode namespace = JSON.readTree("{\"metadata\":{\"name\":\"default\"}}");

        assertThat(PolicyEvaluation.evaluate(policy, create(3), null, namespace))
                .containsExactly(new PolicyEvaluation.Denial("failed expression: object.spec.replicas <= variables.limit", "Invalid"));
        var otherTeam = policy("""
                {"matchConditions":[{"name":"team-b","expression":"object.metadata.labels.team == 'b'"}],
                 "validations":[{"expression":"false"}]}""");
        assertThat(PolicyEvaluation.evaluate(otherTeam, create(3), null, namespace)).isEmpty();
    }

    @Test
    void anExpressionThatCannotBeEvaluatedDeniesUnderFailAndIsIgnoredUnderIgnore() {
        String validations = "\"validations\":[{\"expression\":\"object.spec.paused == false\"}]";

        assertThat(PolicyEvaluation.evaluate(policy("{" + validations + "}"), create(1), null, null)).containsExactly(
                new PolicyEvaluation.Denial("expression 'object.spec.paused == false' resulted in error: no such key: paused",
                        "Invalid"));
        assertThat(PolicyEvaluation.evaluate(policy("{\"failurePolicy\":\"Ignore\"," + validations + "}"), create(1), null, null))
                .isEmpty();
    }

    @Test
    void expressionsThatDoNotCompileAreNamedAtTheirFields() {
        var errors = CompiledPolicy.compileErrors(JSON.readTree("""
                {"spec":{"validations":[{"expression":"object.spec.replicas <= 5"},{"expression":"object.spec.replicas <="},
                  {"expression":"true","messageExpression":"1"}],
                 "matchConditions":[{"name":"a","expression":"quantity('1Gi')"}]}}"""));

        assertThat(errors).extracting(CompiledPolicy.CompileError::field).containsExactly(
                "spec.matchConditions[0].expression", "spec.validations[1].expression", "spec.validations[2].messageExpression");
        assertThat(errors.get(1).detail()).startsWith("compilation failed: ERROR: <input>:1:");
        assertThat(errors.get(0).detail()).as("Kubernetes' libraries are declared; a quantity is not a condition")
                .contains("expected type 'bool' but found 'kubernetes.Quantity'");
    }
}
