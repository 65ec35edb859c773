package io.kubelite.objectstore.policy;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.MapType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelExtensions;
import io.kubelite.objectstore.cel.Authorizer;
import io.kubelite.objectstore.cel.AuthorizerLibrary;
import io.kubelite.objectstore.cel.KubernetesLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The CEL environment of admission policies, as kube-apiserver declares it for
 * ValidatingAdmissionPolicy expressions: {@code object}, {@code oldObject}, {@code request},
 * {@code params}, {@code namespaceObject} and the policy's {@code variables}, with CEL's standard
 * functions and macros, the strings, sets and optional extensions, and Kubernetes' own libraries
 * ({@link KubernetesLibrary}: lists, regex, URLs, quantities, IPs, CIDRs, formats), and
 * {@code authorizer} with {@code authorizer.requestResource} ({@link AuthorizerLibrary}), which ask
 * the server's authorizer what the requesting user may do:
 * {@code authorizer.requestResource.subresource('scale').check('update').allowed()}. The compilers
 * of CustomResourceDefinition rules ({@link #selfCompiler}) declare no authorizer.
 *
 * <p>Objects are JSON turned into CEL maps and lists; {@code object.spec.replicas <= 5} reads
 * {@code spec.replicas} of the object as an int. A missing field is an evaluation error
 * ({@code no such key: replicas}), which {@code has(object.spec.replicas)} guards against.
 */
public final class PolicyCel {

    /** kube's CEL settings: numbers of different types compare ({@code 1 < 1.5}), optional syntax ({@code self.?a}). */
    public static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true)
            .enableOptionalSyntax(true).build();

    private static final List<String> OBJECT_VARIABLES = List.of("object", "oldObject", "request", "params",
            "namespaceObject");

    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.optional(),
                    KubernetesLibrary.library(), AuthorizerLibrary.library()).build();

    /** A compiled expression, or why it does not compile. */
    public record Expression(String source, CelRuntime.Program program, String error) {

        public boolean compiled() {
            return program != null;
        }
    }

    private PolicyCel() {
    }

    private static CelCompiler compiler(CelType result) {
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.optional(),
                    KubernetesLibrary.library(), AuthorizerLibrary.library())
                .addVar("variables", MapType.create(SimpleType.STRING, SimpleType.DYN));
        OBJECT_VARIABLES.forEach(name -> builder.addVar(name, SimpleType.DYN));
        if (result != null) {
            builder.setResultType(result);
        }
        return builder.build();
    }

    private static final CelCompiler BOOLEAN = compiler(SimpleType.BOOL);
    private static final CelCompiler STRING = compiler(SimpleType.STRING);
    private static final CelCompiler ANY = compiler(null);

    /**
     * A compiler for CustomResourceDefinition rules: {@code self} (any type) and {@code oldSelf}
     * ({@code oldSelfType}: dynamic, or an optional for {@code optionalOldSelf} rules), giving
     * {@code result}.
     */
    public static CelCompiler selfCompiler(CelType oldSelfType, CelType result) {
        return selfCompiler(SimpleType.DYN, oldSelfType, result, null);
    }

    /**
     * As {@link #selfCompiler(CelType, CelType)} with {@code self} of {@code selfType}, whose struct
     * types {@code types} declares (null: none).
     */
    public static CelCompiler selfCompiler(CelType selfType, CelType oldSelfType, CelType result,
                                           dev.cel.common.types.CelTypeProvider types) {
        var builder = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
                .setStandardMacros(CelStandardMacro.STANDARD_MACROS)
                .addLibraries(CelExtensions.strings(), CelExtensions.sets(OPTIONS), CelExtensions.optional(),
                    KubernetesLibrary.library())
                .addVar("self", selfType).addVar("oldSelf", oldSelfType).setResultType(result);
        if (types != null) {
            builder.setTypeProvider(types);
        }
        return builder.build();
    }

    /** A checked expression made runnable in kube's CEL environment. */
    public static CelRuntime.Program program(CelAbstractSyntaxTree ast) throws CelEvaluationException {
        return RUNTIME.createProgram(ast);
    }

    /** A validation or match condition: must give a bool. */
    public static Expression condition(String source) {
        return compile(BOOLEAN, source);
    }

    /** A messageExpression: must give a string. */
    static Expression message(String source) {
        return compile(STRING, source);
    }

    /** A variable: any type. */
    static Expression variable(String source) {
        return compile(ANY, source);
    }

    private static Expression compile(CelCompiler compiler, String source) {
        try {
            CelAbstractSyntaxTree ast = compiler.compile(source).getAst();
            return new Expression(source, RUNTIME.createProgram(ast), null);
        } catch (CelValidationException e) {
            return new Expression(source, null, "compilation failed: " + e.getMessage());
        } catch (CelEvaluationException e) {
            return new Expression(source, null, "compilation failed: " + e.getMessage());
        }
    }

    /**
     * The values of {@code authorizer} and {@code authorizer.requestResource} for the activation:
     * checks made as the requesting user, the second prefilled with what the request writes — an
     * update of {@code deployments/scale} of {@code web} in {@code default} (group {@code apps}).
     */
    public static Map<String, Object> authorizer(Authorizer.Authorize authorize, PolicyRequest request) {
        Authorizer authorizer = new Authorizer(authorize, request.user());
        return Map.of(AuthorizerLibrary.AUTHORIZER, authorizer, AuthorizerLibrary.REQUEST_RESOURCE,
                authorizer.requestResource(request.requested().group(), request.requested().resource(),
                        request.subresource(), request.namespace(), request.name()));
    }

    /** Evaluates {@code expression} over {@code activation}; throws with kube's wording on an error. */
    public static Object eval(Expression expression, Map<String, Object> activation) throws EvaluationError {
        if (!expression.compiled()) {
            throw new EvaluationError(expression.error());
        }
        try {
            return expression.program().eval(activation);
        } catch (CelEvaluationException e) {
            throw new EvaluationError("expression '" + expression.source() + "' resulted in error: "
                    + celGoMessage(e));
        }
    }

    private static final java.util.regex.Pattern MISSING_KEY =
            java.util.regex.Pattern.compile("key '(.*)' is not present in map\\.?");

    /**
     * cel-go's wording of an evaluation error, which kube-apiserver reports: cel-java prefixes the
     * position ({@code evaluation error at <input>:12: …}) and says {@code key 'replicas' is not
     * present in map.} where cel-go says {@code no such key: replicas}.
     */
    public static String celGoMessage(CelEvaluationException e) {
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (message.startsWith("evaluation error")) {
            int input = message.indexOf("<input>");
            int colon = message.indexOf(": ", Math.max(input, 0));
            if (colon > 0) {
                message = message.substring(colon + 2);
            }
        }
        var missing = MISSING_KEY.matcher(message);
        return missing.matches() ? "no such key: " + missing.group(1) : message;
    }

    /** An expression that could not be evaluated (or compiled); the message is what the client reads. */
    public static final class EvaluationError extends Exception {
        EvaluationError(String message) {
            super(message);
        }
    }

    /** JSON as CEL values: maps, lists, int (long), double, string, bool, null. */
    public static Object toCel(JsonNode node) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return dev.cel.common.values.NullValue.NULL_VALUE;
        }
        if (node.isObject()) {
            Map<String, Object> map = new LinkedHashMap<>();
            node.properties().forEach(e -> {
                if (!e.getValue().isNull()) {
                    map.put(e.getKey(), toCel(e.getValue()));
                }
            });
            return map;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>();
            node.forEach(n -> list.add(toCel(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return node.asString("");
    }
}
