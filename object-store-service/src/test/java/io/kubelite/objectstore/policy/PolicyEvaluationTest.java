package io.kubelite.objectstore.policy;

import io.kubelite.objectstore.admission.AdmissionObjects;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.authorization.RequestAttributes;
import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.cel.Authorizer;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.StoredObject;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PolicyEvaluationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ResourceType DEPLOYMENTS = new ResourceRegistry().find("apps", "v1", "deployments").orElseThrow();
    static final Authorizer.Authorize NOTHING_ALLOWED = (user, request) -> new RbacAuthorizer.Decision(false, "");

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

        assertThat(PolicyEvaluation.evaluate(policy, create(6), null, null, NOTHING_ALLOWED))
                .containsExactly(new PolicyEvaluation.Denial("failed expression: object.spec.replicas <= 5", "Invalid"));
        assertThat(PolicyEvaluation.evaluate(policy, create(5), null, null, NOTHING_ALLOWED)).isEmpty();
    }

    @Test
    void theMessageExpressionThenTheMessageThenTheExpressionNameTheDenial() {
        var policy = policy("""
                {"validations":[
                  {"expression":"object.spec.replicas <= params.max","messageExpression":"'at most ' + string(params.max) + ' replicas'",
                   "message":"too many","reason":"Forbidden"},
                  {"expression":"object.spec.replicas <= params.max","messageExpression":"1 == 1 ? '' : 'x'","message":"too many"},
                  {"expression":"request.userInfo.username == 'bob'","message":"only bob"}]}""");

        assertThat(PolicyEvaluation.evaluate(policy, create(6), JSON.readTree("{\"max\":3}"), null, NOTHING_ALLOWED))
                .containsExactly(
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

        assertThat(PolicyEvaluation.evaluate(policy, create(3), null, namespace, NOTHING_ALLOWED))
                .containsExactly(new PolicyEvaluation.Denial("failed expression: object.spec.replicas <= variables.limit", "Invalid"));
        var otherTeam = policy("""
                {"matchConditions":[{"name":"team-b","expression":"object.metadata.labels.team == 'b'"}],
                 "validations":[{"expression":"false"}]}""");
        assertThat(PolicyEvaluation.evaluate(otherTeam, create(3), null, namespace, NOTHING_ALLOWED)).isEmpty();
    }

    @Test
    void anExpressionThatCannotBeEvaluatedDeniesUnderFailAndIsIgnoredUnderIgnore() {
        String validations = "\"validations\":[{\"expression\":\"object.spec.paused == false\"}]";

        assertThat(PolicyEvaluation.evaluate(policy("{" + validations + "}"), create(1), null, null, NOTHING_ALLOWED))
                .containsExactly(new PolicyEvaluation.Denial(
                        "expression 'object.spec.paused == false' resulted in error: no such key: paused", "Invalid"));
        assertThat(PolicyEvaluation.evaluate(policy("{\"failurePolicy\":\"Ignore\"," + validations + "}"), create(1), null, null,
                NOTHING_ALLOWED)).isEmpty();
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

    /** RBAC objects answered from a fixed list, as AdmissionObjects answers them from its snapshot. */
    static final class FixedRbacObjects extends AdmissionObjects {

        private final List<StoredObject> objects;

        FixedRbacObjects(StoredObject... objects) {
            super(null, null);
            this.objects = List.of(objects);
        }

        @Override
        public List<StoredObject> itemsOrStored(String resource, String namespace) {
            return objects.stream().filter(o -> o.resource().equals(resource) && o.namespace().equals(namespace)).toList();
        }
    }

    static StoredObject stored(String resource, String namespace, String name, String body) {
        return new StoredObject(0, resource, namespace, name, "", 1, (ObjectNode) JSON.readTree(body));
    }

    /** The group {@code dev} may scale deployments in {@code default}: alice may, bob may not. */
    static final RbacAuthorizer RBAC = new RbacAuthorizer(new FixedRbacObjects(
            stored(AdmissionObjects.CLUSTER_ROLES, "", "scaler", """
                    {"rules":[{"apiGroups":["apps"],"resources":["deployments/scale"],"verbs":["update"]}]}"""),
            stored(AdmissionObjects.ROLE_BINDINGS, "default", "scalers", """
                    {"roleRef":{"kind":"ClusterRole","name":"scaler"},"subjects":[{"kind":"Group","name":"dev"}]}""")));

    static PolicyRequest create(int replicas, UserInfo user) {
        PolicyRequest alice = create(replicas);
        return new PolicyRequest(alice.operation(), alice.stored(), alice.requested(), alice.subresource(), alice.namespace(),
                alice.name(), alice.object(), alice.oldObject(), user, alice.dryRun());
    }

    @Test
    void theAuthorizerAsksRbacWhatTheRequestingUserMayDo() {
        var policy = policy("""
                {"variables":[{"name":"scaling","expression":"authorizer.requestResource.subresource('scale').check('update')"}],
                 "validations":[{"expression":"object.spec.replicas <= 5 || variables.scaling.allowed()",
                   "messageExpression":"request.userInfo.username + ' may not scale deployments beyond 5 replicas'",
                   "reason":"Forbidden"}]}""");

        assertThat(PolicyEvaluation.evaluate(policy, create(6), null, null, RBAC::authorize)).isEmpty();
        assertThat(PolicyEvaluation.evaluate(policy, create(6, new UserInfo("bob", "", List.of())), null, null,
                RBAC::authorize)).containsExactly(
                        new PolicyEvaluation.Denial("bob may not scale deployments beyond 5 replicas", "Forbidden"));
        assertThat(PolicyEvaluation.evaluate(policy, create(5, new UserInfo("bob", "", List.of())), null, null,
                RBAC::authorize)).isEmpty();
    }

    @Test
    void aDecisionGivesRbacsReasonAndAServiceAccountIsCheckedAsItself() {
        var policy = policy("""
                {"variables":[
                  {"name":"scale", "expression":"authorizer.group('apps').resource('deployments').subresource('scale')"},
                  {"name":"ciScale", "expression":"authorizer.serviceAccount('default', 'ci').group('apps').resource('deployments')"}],
                 "validations":[
                  {"expression":"false", "messageExpression":"variables.scale.namespace('default').name('web').check('update').reason()"},
                  {"expression":"variables.scale.namespace('default').check('update').allowed()", "message":"alice may not scale"},
                  {"expression":"variables.scale.namespace('prod').check('update').allowed()", "message":"alice may not scale in prod"},
                  {"expression":"variables.ciScale.subresource('scale').namespace('default').check('update').allowed()",
                   "message":"ci may not scale"},
                  {"expression":"authorizer.path('/healthz').check('get').allowed()", "message":"alice may not read /healthz"}]}""");

        assertThat(PolicyEvaluation.evaluate(policy, create(1), null, null, RBAC::authorize)).containsExactly(
                new PolicyEvaluation.Denial("RBAC: allowed by RoleBinding \"scalers\" in namespace \"default\" of ClusterRole "
                        + "\"scaler\" to alice", "Invalid"),
                new PolicyEvaluation.Denial("alice may not scale in prod", "Invalid"),
                new PolicyEvaluation.Denial("ci may not scale", "Invalid"),
                new PolicyEvaluation.Denial("alice may not read /healthz", "Invalid"));
    }

    @Test
    void requestResourceIsWhatTheRequestWrites() {
        List<RequestAttributes> asked = new ArrayList<>();
        List<String> users = new ArrayList<>();
        Authorizer.Authorize recording = (user, request) -> {
            users.add(user.name());
            asked.add(request);
            return new RbacAuthorizer.Decision(true, "");
        };
        PolicyRequest scale = new PolicyRequest("UPDATE", DEPLOYMENTS, DEPLOYMENTS, "scale", "default", "web",
                JSON.readTree("{\"spec\":{\"replicas\":3}}"), JSON.readTree("{\"spec\":{\"replicas\":1}}"),
                new UserInfo("alice", "", List.of("dev")), false);

        assertThat(PolicyEvaluation.evaluate(policy("""
                {"matchConditions":[{"name":"may-delete","expression":"authorizer.requestResource.check('delete').allowed()"}],
                 "validations":[{"expression":"authorizer.requestResource.subresource('').check('patch').allowed()"}]}"""),
                scale, null, null, recording)).isEmpty();
        assertThat(users).containsOnly("alice");
        assertThat(asked).containsExactly(
                RequestAttributes.resource("delete", "apps", "deployments", "scale", "default", "web"),
                RequestAttributes.resource("patch", "apps", "deployments", "", "default", "web"));
    }
}
