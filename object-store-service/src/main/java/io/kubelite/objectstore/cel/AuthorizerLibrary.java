package io.kubelite.objectstore.cel;

import dev.cel.checker.CelCheckerBuilder;
import dev.cel.common.CelFunctionDecl;
import dev.cel.common.CelVarDecl;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompilerLibrary;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelFunctionBinding;
import dev.cel.runtime.CelRuntimeBuilder;
import dev.cel.runtime.CelRuntimeLibrary;
import io.kubelite.machinery.validation.NameRules;

import java.util.List;

import static io.kubelite.objectstore.cel.FunctionLibrary.error;
import static io.kubelite.objectstore.cel.FunctionLibrary.function;
import static io.kubelite.objectstore.cel.FunctionLibrary.member;

/**
 * kube's {@code kubernetes.authz} library with the variables that give expressions an
 * {@link Authorizer}: {@code authorizer} ({@code kubernetes.authorization.Authorizer}) and
 * {@code authorizer.requestResource} ({@code kubernetes.authorization.ResourceCheck}), as
 * kube-apiserver declares them for ValidatingAdmissionPolicy expressions. Added to a compiler it
 * declares both; the activation then binds {@link #AUTHORIZER} and {@link #REQUEST_RESOURCE}.
 *
 * <pre>
 * authorizer.group('').resource('pods').namespace('default').check('create').allowed()
 * authorizer.requestResource.check('delete').reason()   // 'RBAC: allowed by ClusterRoleBinding …'
 * authorizer.path('')                     // fails: path must not be empty
 * authorizer.group('apps').resource(' ')  // fails: resource must not be empty
 * authorizer.serviceAccount('Dev', 'ci')  // fails: Invalid service account namespace
 * </pre>
 *
 * <p>Not offered: kube 1.31's {@code fieldSelector} and {@code labelSelector}, which RBAC ignores.
 */
public final class AuthorizerLibrary implements CelCompilerLibrary, CelRuntimeLibrary {

    /** The activation key of the requesting user's {@link Authorizer}. */
    public static final String AUTHORIZER = "authorizer";
    /** The activation key of the request's {@link Authorizer.ResourceCheck}, a variable whose name has a dot. */
    public static final String REQUEST_RESOURCE = "authorizer.requestResource";

    private static final AuthorizerLibrary INSTANCE = new AuthorizerLibrary();

    private AuthorizerLibrary() {
    }

    /** The library, for both {@code CelCompilerBuilder.addLibraries} and {@code CelRuntimeBuilder.addLibraries}. */
    public static AuthorizerLibrary library() {
        return INSTANCE;
    }

    @Override
    public void setCheckerOptions(CelCheckerBuilder checker) {
        checker.addVarDeclarations(List.of(CelVarDecl.newVarDeclaration(AUTHORIZER, Authorizer.TYPE),
                CelVarDecl.newVarDeclaration(REQUEST_RESOURCE, Authorizer.ResourceCheck.TYPE)));
        checker.addFunctionDeclarations(declarations());
    }

    @Override
    public void setRuntimeOptions(CelRuntimeBuilder runtime) {
        runtime.addFunctionBindings(bindings());
    }

    private static List<CelFunctionDecl> declarations() {
        var authorizer = Authorizer.TYPE;
        var path = Authorizer.PathCheck.TYPE;
        var group = Authorizer.GroupCheck.TYPE;
        var resource = Authorizer.ResourceCheck.TYPE;
        var decision = Authorizer.Decision.TYPE;
        var string = SimpleType.STRING;
        return List.of(
                function("path", member("authorizer_path", path, authorizer, string)),
                function("group", member("authorizer_group", group, authorizer, string)),
                function("serviceAccount", member("authorizer_serviceaccount", authorizer, authorizer, string, string)),
                function("resource", member("groupcheck_resource", resource, group, string)),
                function("subresource", member("resourcecheck_subresource", resource, resource, string)),
                function("namespace", member("resourcecheck_namespace", resource, resource, string)),
                function("name", member("resourcecheck_name", resource, resource, string)),
                function("check", member("pathcheck_check", decision, path, string),
                        member("resourcecheck_check", decision, resource, string)),
                function("allowed", member("decision_allowed", SimpleType.BOOL, decision)),
                function("reason", member("decision_reason", string, decision)),
                function("errored", member("decision_errored", SimpleType.BOOL, decision)),
                function("error", member("decision_error", string, decision)));
    }

    private static List<CelFunctionBinding> bindings() {
        return List.of(
                CelFunctionBinding.from("authorizer_path", Authorizer.class, String.class, AuthorizerLibrary::path),
                CelFunctionBinding.from("authorizer_group", Authorizer.class, String.class, Authorizer::group),
                CelFunctionBinding.from("authorizer_serviceaccount", List.of(Authorizer.class, String.class, String.class),
                        args -> serviceAccount((Authorizer) args[0], (String) args[1], (String) args[2])),
                CelFunctionBinding.from("groupcheck_resource", Authorizer.GroupCheck.class, String.class,
                        AuthorizerLibrary::resource),
                CelFunctionBinding.from("resourcecheck_subresource", Authorizer.ResourceCheck.class, String.class,
                        Authorizer.ResourceCheck::subresource),
                CelFunctionBinding.from("resourcecheck_namespace", Authorizer.ResourceCheck.class, String.class,
                        Authorizer.ResourceCheck::namespace),
                CelFunctionBinding.from("resourcecheck_name", Authorizer.ResourceCheck.class, String.class,
                        Authorizer.ResourceCheck::name),
                CelFunctionBinding.from("pathcheck_check", Authorizer.PathCheck.class, String.class,
                        Authorizer.PathCheck::check),
                CelFunctionBinding.from("resourcecheck_check", Authorizer.ResourceCheck.class, String.class,
                        Authorizer.ResourceCheck::check),
                CelFunctionBinding.from("decision_allowed", Authorizer.Decision.class, Authorizer.Decision::allowed),
                CelFunctionBinding.from("decision_reason", Authorizer.Decision.class, Authorizer.Decision::reason),
                CelFunctionBinding.from("decision_errored", Authorizer.Decision.class, Authorizer.Decision::errored),
                CelFunctionBinding.from("decision_error", Authorizer.Decision.class, Authorizer.Decision::error));
    }

    private static Authorizer.PathCheck path(Authorizer authorizer, String path) throws CelEvaluationException {
        if (path.isBlank()) {
            throw error("path must not be empty");
        }
        return authorizer.path(path);
    }

    private static Authorizer.ResourceCheck resource(Authorizer.GroupCheck group, String resource)
            throws CelEvaluationException {
        if (resource.isBlank()) {
            throw error("resource must not be empty");
        }
        return group.resource(resource);
    }

    /** The name must be a DNS subdomain and the namespace a DNS label, checked in that order as kube does. */
    private static Authorizer serviceAccount(Authorizer authorizer, String namespace, String name)
            throws CelEvaluationException {
        if (!NameRules.isDns1123Subdomain(name).isEmpty()) {
            throw error("Invalid service account name");
        }
        if (!NameRules.isDns1123Label(namespace).isEmpty()) {
            throw error("Invalid service account namespace");
        }
        return authorizer.serviceAccount(namespace, name);
    }
}
