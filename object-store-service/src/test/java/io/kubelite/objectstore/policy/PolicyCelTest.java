package io.kubelite.objectstore.policy;

import dev.cel.common.types.SimpleType;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.authorization.UserInfo;
import io.kubelite.objectstore.cel.Authorizer;
import io.kubelite.objectstore.resource.ResourceRegistry;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyCelTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static Map<String, Object> activation(String object, String oldObject) {
        Map<String, Object> a = new HashMap<>();
        a.put("object", PolicyCel.toCel(object == null ? null : JSON.readTree(object)));
        a.put("oldObject", PolicyCel.toCel(oldObject == null ? null : JSON.readTree(oldObject)));
        a.put("params", PolicyCel.toCel(null));
        a.put("namespaceObject", PolicyCel.toCel(null));
        a.put("request", Map.of("operation", "CREATE"));
        a.put("variables", Map.of());
        return a;
    }

    @Test
    void readsTheObjectAsCelValues() throws Exception {
        var a = activation("{\"spec\":{\"replicas\":6,\"ratio\":0.5}}", null);
        assertThat(PolicyCel.eval(PolicyCel.condition("object.spec.replicas <= 5"), a)).isEqualTo(false);
        assertThat(PolicyCel.eval(PolicyCel.condition("object.spec.ratio < 1"), a)).isEqualTo(true);
        assertThat(PolicyCel.eval(PolicyCel.condition("oldObject == null"), a)).isEqualTo(true);
        assertThat(PolicyCel.eval(PolicyCel.condition("request.operation == 'CREATE'"), a)).isEqualTo(true);
        assertThat(PolicyCel.eval(PolicyCel.condition("!has(object.spec.paused)"), a)).isEqualTo(true);
        assertThat(PolicyCel.eval(PolicyCel.condition("'a,b'.split(',').size() == 2"), a)).isEqualTo(true);
    }

    @Test
    void aMissingFieldIsAnEvaluationErrorAndABrokenExpressionDoesNotCompile() {
        var a = activation("{\"spec\":{}}", null);
        assertThatThrownBy(() -> PolicyCel.eval(PolicyCel.condition("object.spec.replicas <= 5"), a))
                .hasMessage("expression 'object.spec.replicas <= 5' resulted in error: no such key: replicas");
        assertThat(PolicyCel.condition("object.spec.replicas <=").error()).startsWith("compilation failed: ERROR: <input>:1:");
        assertThat(PolicyCel.condition("'a' + 'b'").error()).contains("expected type 'bool' but found 'string'");
        assertThat(PolicyCel.condition("authorizer.group('').check('x')").error())
                .contains("found no matching overload for 'check' applied to 'kubernetes.authorization.GroupCheck.(string)'");
    }

    @Test
    void theAuthorizerChecksWhatTheRequestingUserMay() throws Exception {
        var deployments = new ResourceRegistry().find("apps", "v1", "deployments").orElseThrow();
        var request = new PolicyRequest("CREATE", deployments, deployments, "", "default", "web", JSON.readTree("{}"), null,
                new UserInfo("alice", "", List.of("dev")), false);
        Authorizer.Authorize createsDeployments = (user, attributes) -> new RbacAuthorizer.Decision(
                user.name().equals("alice") && attributes.verb().equals("create") && attributes.resource().equals("deployments"),
                "");
        var a = activation("{}", null);
        a.putAll(PolicyCel.authorizer(createsDeployments, request));

        assertThat(PolicyCel.eval(PolicyCel.condition("authorizer.requestResource.check('create').allowed()"), a)).isEqualTo(true);
        assertThat(PolicyCel.eval(PolicyCel.condition("authorizer.requestResource.check('delete').allowed()"), a)).isEqualTo(false);
        assertThat(PolicyCel.eval(PolicyCel.condition(
                "authorizer.serviceAccount('default', 'ci').group('apps').resource('deployments').check('create').allowed()"), a))
                .isEqualTo(false);
        assertThat(PolicyCel.eval(PolicyCel.message("authorizer.path('/healthz').check('get').error()"), a)).isEqualTo("");
        assertThat(PolicyCel.variable("authorizer.group('apps').resource('deployments')").compiled()).isTrue();
    }

    @Test
    void aMisspelledAuthorizerCallDoesNotCompile() {
        assertThat(PolicyCel.condition("authorizer.grop('x').resource('pods').check('get').allowed()").error())
                .startsWith("compilation failed: ERROR: <input>:1:16:").contains("'grop'");
        assertThat(PolicyCel.condition("authorizer.requestResource.check('get')").error())
                .contains("expected type 'bool' but found 'kubernetes.authorization.Decision'");
    }

    @Test
    void customResourceRulesHaveNoAuthorizer() {
        var rules = PolicyCel.selfCompiler(SimpleType.DYN, SimpleType.BOOL);

        assertThatThrownBy(() -> rules.compile("authorizer.path('/healthz').check('get').allowed()").getAst())
                .hasMessageContaining("undeclared reference to 'authorizer'");
    }
}
