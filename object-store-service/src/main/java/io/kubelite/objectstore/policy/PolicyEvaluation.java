package io.kubelite.objectstore.policy;

import io.kubelite.objectstore.cel.Authorizer;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One policy evaluated on one request with one parameter object, as kube-apiserver's validator
 * does it:
 * <ol>
 *   <li>the match conditions: one that is false skips the policy; otherwise one that cannot be
 *       evaluated is a failure;</li>
 *   <li>the variables, in order, each seeing those before it;</li>
 *   <li>each validation: false denies with its {@code messageExpression}'s result (when it gives a
 *       one-line string), else its {@code message}, else {@code failed expression: <expression>};
 *       an expression that cannot be evaluated is a failure.</li>
 * </ol>
 * A failure denies with the error as message under {@code failurePolicy: Fail} and is ignored
 * under {@code Ignore}. Example: {@code object.spec.replicas <= 5} on a Deployment of 6 replicas →
 * {@code Denial("failed expression: object.spec.replicas <= 5", "Invalid")}.
 */
final class PolicyEvaluation {

    /** What one validation decided against the request. */
    record Denial(String message, String reason) {
    }

    private PolicyEvaluation() {
    }

    /** @param authorize the server's authorizer, which {@code authorizer} asks as the requesting user */
    static List<Denial> evaluate(CompiledPolicy policy, PolicyRequest request, JsonNode params, JsonNode namespaceObject,
                                 Authorizer.Authorize authorize) {
        Map<String, Object> activation = new HashMap<>(PolicyCel.authorizer(authorize, request));
        activation.put("object", PolicyCel.toCel(request.object()));
        activation.put("oldObject", PolicyCel.toCel(request.oldObject()));
        activation.put("request", request.celRequest());
        activation.put("params", PolicyCel.toCel(params));
        activation.put("namespaceObject", PolicyCel.toCel(namespaceObject));
        Map<String, Object> variables = new LinkedHashMap<>();
        activation.put("variables", variables);
        List<Denial> denials = new ArrayList<>();
        List<String> conditionErrors = new ArrayList<>();
        for (CompiledPolicy.Named condition : policy.matchConditions()) {
            try {
                if (!Boolean.TRUE.equals(PolicyCel.eval(condition.expression(), activation))) {
                    return List.of();
                }
            } catch (PolicyCel.EvaluationError e) {
                conditionErrors.add(e.getMessage());
            }
        }
        if (!conditionErrors.isEmpty()) {
            // a false condition outweighs errors of the others; the errors are reported as one, as Go's aggregate prints them
            failure(policy, conditionErrors.size() == 1 ? conditionErrors.get(0) : "[" + String.join(", ", conditionErrors) + "]",
                    denials);
            return denials;
        }
        Map<String, String> brokenVariables = new HashMap<>();
        for (CompiledPolicy.Named variable : policy.variables()) {
            try {
                variables.put(variable.name(), PolicyCel.eval(variable.expression(), activation));
            } catch (PolicyCel.EvaluationError e) {
                brokenVariables.put(variable.name(), e.getMessage());
            }
        }
        for (CompiledPolicy.Validation validation : policy.validations()) {
            String broken = brokenVariable(validation.expression().source(), brokenVariables);
            if (broken != null) {
                failure(policy, broken, denials);
                continue;
            }
            Object result;
            try {
                result = PolicyCel.eval(validation.expression(), activation);
            } catch (PolicyCel.EvaluationError e) {
                failure(policy, e.getMessage(), denials);
                continue;
            }
            if (!Boolean.TRUE.equals(result)) {
                denials.add(new Denial(message(validation, activation), validation.reason()));
            }
        }
        return denials;
    }

    /** A variable that could not be evaluated, if the expression reads it: its error. */
    private static String brokenVariable(String source, Map<String, String> broken) {
        for (Map.Entry<String, String> e : broken.entrySet()) {
            if (source.matches("(?s).*\\bvariables\\." + java.util.regex.Pattern.quote(e.getKey()) + "\\b.*")) {
                return e.getValue();
            }
        }
        return null;
    }

    private static void failure(CompiledPolicy policy, String message, List<Denial> denials) {
        if (policy.failOnError()) {
            denials.add(new Denial(message, "Invalid"));
        }
    }

    private static String message(CompiledPolicy.Validation validation, Map<String, Object> activation) {
        if (validation.messageExpression() != null) {
            try {
                if (PolicyCel.eval(validation.messageExpression(), activation) instanceof String text) {
                    String trimmed = text.strip();
                    if (!trimmed.isEmpty() && !trimmed.contains("\n") && trimmed.length() <= 5 * 1024) {
                        return trimmed;
                    }
                }
            } catch (PolicyCel.EvaluationError e) {
                // falls back to the message, as kube-apiserver does
            }
        }
        if (!validation.message().isBlank()) {
            return validation.message().strip();
        }
        return "failed expression: " + validation.expression().source().strip();
    }
}
