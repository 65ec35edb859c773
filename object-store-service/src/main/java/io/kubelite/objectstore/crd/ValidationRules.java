package io.kubelite.objectstore.crd;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import io.kubelite.objectstore.policy.PolicyCel;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A CustomResourceDefinition schema's {@code x-kubernetes-validations}: CEL rules over
 * {@code self}, the value of the schema node they sit on, checked against each object written, as
 * kube-apiserver checks them. Example: on {@code spec}, {@code {rule: "self.minReplicas <=
 * self.replicas", message: "replicas must not be below minReplicas"}} refuses
 * {@code spec: {minReplicas: 3, replicas: 1}} with {@code spec: Invalid value: "object": replicas
 * must not be below minReplicas}; without a message the detail is {@code failed rule: <rule>}.
 *
 * <p>Rules are compiled once per schema (a rule that does not compile fails every object it
 * applies to, with the compiler's message). Rules that read {@code oldSelf} (transition rules) are
 * not checked: this server validates an object without the one it replaces. CEL's standard
 * functions, macros ({@code has}, {@code all}, {@code exists}, {@code map}, {@code filter}) and
 * string extensions are there; Kubernetes' own libraries (quantities, URLs, IPs, lists, regex
 * extensions) are not, and a rule calling them fails to compile.
 */
public final class ValidationRules {

    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder()
            .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addLibraries(CelExtensions.strings())
            .addVar("self", SimpleType.DYN).setResultType(SimpleType.BOOL).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder()
            .addLibraries(CelExtensions.strings()).build();

    /** One rule where it sits: {@code path} is the schema node's path in objects (e.g. {@code spec}). */
    private record Rule(List<String> path, String source, String message, String reason, CelRuntime.Program program,
                        String compileError) {
    }

    private final List<Rule> rules;

    private ValidationRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /** Collects the rules of {@code schema} (properties only: rules under items and maps are not walked). */
    public static ValidationRules of(JsonNode schema) {
        List<Rule> rules = new ArrayList<>();
        if (schema == null || !schema.has("properties") && !schema.has("x-kubernetes-validations")) {
            return new ValidationRules(rules);
        }
        collect(schema, new ArrayList<>(), rules);
        return new ValidationRules(rules);
    }

    public boolean isEmpty() {
        return rules.isEmpty();
    }

    /**
     * The rules of a definition that do not compile, refused as kube-apiserver refuses them, at
     * {@code spec.validation.openAPIV3Schema…} when every version has the same schema, else at
     * {@code spec.versions[i].schema.openAPIV3Schema…}. Example: {@code
     * spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value:
     * apiextensions.ValidationRule{Rule:"self.a +", …}: compilation failed: ERROR: <input>:1:9: …}.
     */
    public static List<FieldError> compileErrors(JsonNode crd) {
        List<JsonNode> schemas = new ArrayList<>();
        crd.path("spec").path("versions").forEach(v -> schemas.add(v.path("schema").path("openAPIV3Schema")));
        boolean shared = schemas.stream().distinct().count() <= 1;
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < schemas.size() && (i == 0 || !shared); i++) {
            String root = shared ? "spec.validation.openAPIV3Schema" : "spec.versions[" + i + "].schema.openAPIV3Schema";
            compileErrors(schemas.get(i), root, errors);
        }
        return errors;
    }

    private static void compileErrors(JsonNode schema, String path, List<FieldError> errors) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode rules = schema.path("x-kubernetes-validations");
        for (int i = 0; i < rules.size(); i++) {
            JsonNode v = rules.get(i);
            String source = v.path("rule").asString("");
            try {
                COMPILER.compile(source).getAst();
            } catch (CelValidationException e) {
                String literal = "apiextensions.ValidationRule{Rule:" + quote(source) + ", Message:"
                        + quote(v.path("message").asString("")) + ", MessageExpression:"
                        + quote(v.path("messageExpression").asString("")) + ", Reason:"
                        + (v.hasNonNull("reason") ? "\"" + v.path("reason").asString("") + "\""
                                : "(*apiextensions.FieldValueErrorReason)(nil)")
                        + ", FieldPath:" + quote(v.path("fieldPath").asString("")) + ", OptionalOldSelf:(*bool)(nil)}";
                errors.add(new FieldError(path + ".x-kubernetes-validations[" + i + "].rule", FieldError.Type.INVALID,
                        new io.kubelite.machinery.validation.GoValues.Literal(literal),
                        "compilation failed: " + e.getMessage()));
            }
        }
        schema.path("properties").properties().forEach(e ->
                compileErrors(e.getValue(), path + ".properties[" + e.getKey() + "]", errors));
        compileErrors(schema.get("items"), path + ".items", errors);
        if (schema.path("additionalProperties").isObject()) {
            compileErrors(schema.get("additionalProperties"), path + ".additionalProperties", errors);
        }
    }

    private static String quote(String s) {
        return io.kubelite.machinery.validation.GoValues.quote(s);
    }

    private static void collect(JsonNode schema, List<String> path, List<Rule> out) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        for (JsonNode v : schema.path("x-kubernetes-validations")) {
            String source = v.path("rule").asString("");
            if (source.isEmpty() || source.contains("oldSelf")) {
                continue;
            }
            CelRuntime.Program program = null;
            String error = null;
            try {
                CelAbstractSyntaxTree ast = COMPILER.compile(source).getAst();
                program = RUNTIME.createProgram(ast);
            } catch (CelValidationException | CelEvaluationException e) {
                error = e.getMessage();
            }
            out.add(new Rule(List.copyOf(path), source, v.path("message").asString(""),
                    v.path("reason").asString("FieldValueInvalid"), program, error));
        }
        schema.path("properties").properties().forEach(e -> {
            List<String> child = new ArrayList<>(path);
            child.add(e.getKey());
            collect(e.getValue(), child, out);
        });
    }

    /** The rules {@code object} breaks, each at the path of the node it sits on. */
    public List<FieldError> validate(JsonNode object) {
        List<FieldError> errors = new ArrayList<>();
        for (Rule rule : rules) {
            JsonNode self = object;
            for (String field : rule.path()) {
                self = self.path(field);
            }
            if (self.isMissingNode() || self.isNull()) {
                continue;
            }
            FieldPath at = rule.path().isEmpty() ? FieldPath.of("<nil>") : FieldPath.of(rule.path().toArray(String[]::new));
            String type = typeOf(self);
            if (rule.program() == null) {
                errors.add(FieldError.invalid(at, type, "compilation failed: " + rule.compileError()));
                continue;
            }
            try {
                Object result = rule.program().eval(Map.of("self", toCel(self)));
                if (!Boolean.TRUE.equals(result)) {
                    String detail = rule.message().isEmpty() ? "failed rule: " + rule.source() : rule.message();
                    errors.add(new FieldError(at.text(), typeFor(rule.reason()), type, detail));
                }
            } catch (CelEvaluationException e) {
                errors.add(FieldError.invalid(at, type, "evaluation error: " + e.getMessage()));
            }
        }
        return errors;
    }

    private static FieldError.Type typeFor(String reason) {
        return switch (reason) {
            case "FieldValueForbidden" -> FieldError.Type.FORBIDDEN;
            case "FieldValueRequired" -> FieldError.Type.REQUIRED;
            case "FieldValueDuplicate" -> FieldError.Type.DUPLICATE;
            default -> FieldError.Type.INVALID;
        };
    }

    private static String typeOf(JsonNode node) {
        if (node.isObject()) {
            return "object";
        }
        if (node.isArray()) {
            return "array";
        }
        if (node.isIntegralNumber()) {
            return "integer";
        }
        if (node.isNumber()) {
            return "number";
        }
        return node.isBoolean() ? "boolean" : "string";
    }

    /** JSON as CEL's values: maps, lists, int (long), double, string, bool (as admission policies read objects). */
    static Object toCel(JsonNode node) {
        return PolicyCel.toCel(node);
    }
}
