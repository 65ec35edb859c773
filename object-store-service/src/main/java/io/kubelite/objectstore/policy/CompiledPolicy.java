package io.kubelite.objectstore.policy;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * A stored ValidatingAdmissionPolicy with its expressions compiled, built again only when its
 * resourceVersion moves.
 *
 * @param failOnError {@code failurePolicy: Fail} (the default): an expression that cannot be
 *                    evaluated denies the request; {@code Ignore} admits it
 * @param paramKind   {@code spec.paramKind}, missing when the policy takes no parameters
 */
record CompiledPolicy(String name, long resourceVersion, boolean failOnError, JsonNode matchConstraints,
                      JsonNode paramKind, List<Named> matchConditions, List<Named> variables,
                      List<Validation> validations) {

    /** A match condition or a variable. */
    record Named(String name, PolicyCel.Expression expression) {
    }

    /** One entry of {@code spec.validations}; {@code messageExpression} may be null. */
    record Validation(PolicyCel.Expression expression, String message, PolicyCel.Expression messageExpression,
                      String reason) {
    }

    static CompiledPolicy of(String name, long resourceVersion, JsonNode policy) {
        JsonNode spec = policy.path("spec");
        List<Named> conditions = new ArrayList<>();
        for (JsonNode c : spec.path("matchConditions")) {
            conditions.add(new Named(c.path("name").asString(""), PolicyCel.condition(c.path("expression").asString(""))));
        }
        List<Named> variables = new ArrayList<>();
        for (JsonNode v : spec.path("variables")) {
            variables.add(new Named(v.path("name").asString(""), PolicyCel.variable(v.path("expression").asString(""))));
        }
        List<Validation> validations = new ArrayList<>();
        for (JsonNode v : spec.path("validations")) {
            String messageExpression = v.path("messageExpression").asString("");
            validations.add(new Validation(PolicyCel.condition(v.path("expression").asString("")),
                    v.path("message").asString(""), messageExpression.isEmpty() ? null : PolicyCel.message(messageExpression),
                    v.path("reason").asString("Invalid")));
        }
        return new CompiledPolicy(name, resourceVersion, !"Ignore".equals(spec.path("failurePolicy").asString("Fail")),
                spec.path("matchConstraints"), spec.get("paramKind"), List.copyOf(conditions), List.copyOf(variables),
                List.copyOf(validations));
    }

    /**
     * The expressions of a policy about to be stored that do not compile, at their fields, as
     * kube-apiserver refuses them. Example: {@code spec.validations[0].expression: Invalid value:
     * "object.spec.replicas <=": compilation failed: ERROR: <input>:1:24: Syntax error: …}.
     */
    static List<CompileError> compileErrors(JsonNode policy) {
        JsonNode spec = policy.path("spec");
        List<CompileError> errors = new ArrayList<>();
        check(spec.path("matchConditions"), "spec.matchConditions", "expression", PolicyCel::condition, errors);
        check(spec.path("variables"), "spec.variables", "expression", PolicyCel::variable, errors);
        check(spec.path("validations"), "spec.validations", "expression", PolicyCel::condition, errors);
        check(spec.path("validations"), "spec.validations", "messageExpression", PolicyCel::message, errors);
        check(spec.path("auditAnnotations"), "spec.auditAnnotations", "valueExpression", PolicyCel::variable, errors);
        return errors;
    }

    /** An expression that does not compile: its field, its source, and the compiler's message. */
    record CompileError(String field, String source, String detail) {
    }

    private static void check(JsonNode entries, String path, String field,
                              java.util.function.Function<String, PolicyCel.Expression> compile, List<CompileError> errors) {
        for (int i = 0; i < entries.size(); i++) {
            String source = entries.get(i).path(field).asString("");
            if (source.isEmpty()) {
                continue;
            }
            PolicyCel.Expression e = compile.apply(source);
            if (!e.compiled()) {
                errors.add(new CompileError(path + "[" + i + "]." + field, source, e.error()));
            }
        }
    }
}
