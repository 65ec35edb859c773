package io.kubelite.objectstore.cel;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;

import java.util.List;

/**
 * Kubernetes' own CEL functions, as kube-apiserver 1.32 offers them to CustomResourceDefinition
 * validation rules and ValidatingAdmissionPolicy expressions ({@code k8s.io/apiserver/pkg/cel/library}):
 * lists, regex, URLs, quantities, IP addresses, CIDRs and named formats. Add the same instance to
 * the compiler and to the runtime:
 *
 * <pre>{@code
 * CelOptions options = CelOptions.current().enableOptionalSyntax(true).build();
 * CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder().setOptions(options)
 *         .addLibraries(CelExtensions.optional(), KubernetesLibrary.library())
 *         .addVar("self", SimpleType.DYN).build();
 * CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(options)
 *         .addLibraries(CelExtensions.optional(), KubernetesLibrary.library()).build();
 *
 * // true for {"cpu": "500m", "cidr": "10.0.0.0/8"}
 * runtime.createProgram(compiler.compile(
 *         "quantity(self.cpu).isLessThan(quantity('1')) && cidr(self.cidr).containsIP('10.1.2.3')").getAst())
 *     .eval(Map.of("self", self));
 * }</pre>
 *
 * <p>A function that fails reports kube's message as the {@code CelEvaluationException}'s own
 * message, without cel-java's {@code evaluation error at <input>:12:} prefix:
 * {@code quantity('200K')} fails with {@code unable to parse quantity's suffix}. The format
 * library returns optionals, so {@code CelExtensions.optional()} must be added next to this one.
 */
public final class KubernetesLibrary implements CelCompilerLibrary, CelRuntimeLibrary {

    private static final KubernetesLibrary INSTANCE = new KubernetesLibrary(List.of(
            new ListFunctions(), new RegexFunctions(), new UrlFunctions(), new QuantityFunctions(),
            new IpFunctions(), new CidrFunctions(), new FormatFunctions()));

    private final List<FunctionLibrary> libraries;

    private KubernetesLibrary(List<FunctionLibrary> libraries) {
        this.libraries = libraries;
    }

    /** The library, for both {@code CelCompilerBuilder.addLibraries} and {@code CelRuntimeBuilder.addLibraries}. */
    public static KubernetesLibrary library() {
        return INSTANCE;
    }

    /** The declarations half, for a compiler. */
    public static CelCompilerLibrary compilerLibrary() {
        return INSTANCE;
    }

    /** The bindings half, for a runtime. */
    public static CelRuntimeLibrary runtimeLibrary() {
        return INSTANCE;
    }

    @Override
    public void setCheckerOptions(CelCheckerBuilder checker) {
        for (FunctionLibrary library : libraries) {
            checker.addFunctionDeclarations(library.declarations());
            checker.addVarDeclarations(library.identifiers());
        }
    }

    @Override
    public void setRuntimeOptions(CelRuntimeBuilder runtime) {
        for (FunctionLibrary library : libraries) {
            runtime.addFunctionBindings(library.bindings());
        }
    }
}
