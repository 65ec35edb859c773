package io.kubelite.objectstore.policy;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import java.util.HashMap;
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
        assertThat(PolicyCel.condition("authorizer.group('').check('x')").error()).contains("undeclared reference to 'authorizer'");
    }
}
