package io.kubelite.objectstore.cel;

import dev.cel.common.CelOptions;
import dev.cel.common.CelValidationException;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.authorization.RequestAttributes;
import io.kubelite.objectstore.authorization.UserInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * kube's {@code kubernetes.authz} library through a real cel-java compiler and runtime, asking a
 * recording fake of the server's authorizer: alice may update {@code deployments/scale} in
 * {@code default} and GET {@code /healthz}; the service account {@code dev/builder} may create pods
 * in {@code dev}; nothing else is allowed.
 */
class AuthorizerLibraryTest {

    private static final CelOptions OPTIONS = CelOptions.current().build();
    private static final CelCompiler COMPILER = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
            .addLibraries(AuthorizerLibrary.library()).build();
    private static final CelRuntime RUNTIME = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
            .addLibraries(AuthorizerLibrary.library()).build();

    private static final UserInfo ALICE = new UserInfo("alice", "u-1", List.of("dev", "system:authenticated"));
    private static final String ALICE_SCALES = "RBAC: allowed by RoleBinding \"scalers/default\" of Role \"scaler\" to User \"alice\"";
    private static final String BUILDER_CREATES = "RBAC: allowed by RoleBinding \"builders/dev\" of ClusterRole \"edit\" to "
            + "ServiceAccount \"builder/dev\"";

    /** Every question the authorizer was asked: the user's name and groups, and what they asked to do. */
    private final List<Asked> asked = new ArrayList<>();

    private record Asked(String user, List<String> groups, RequestAttributes request) {
    }

    private final Authorizer.Authorize rbac = (user, request) -> {
        asked.add(new Asked(user.name(), user.groups(), request));
        if (user.name().equals("alice")
                && request.equals(RequestAttributes.resource("update", "apps", "deployments", "scale", "default", "web"))) {
            return new RbacAuthorizer.Decision(true, ALICE_SCALES);
        }
        if (user.name().equals("alice") && request.equals(RequestAttributes.nonResource("get", "/healthz"))) {
            return new RbacAuthorizer.Decision(true, "RBAC: allowed by ClusterRoleBinding \"system:public-info-viewer\" "
                    + "of ClusterRole \"system:public-info-viewer\" to Group \"system:authenticated\"");
        }
        if (user.name().equals("system:serviceaccount:dev:builder")
                && request.equals(RequestAttributes.resource("create", "", "pods", "", "dev", ""))) {
            return new RbacAuthorizer.Decision(true, BUILDER_CREATES);
        }
        return new RbacAuthorizer.Decision(false, "");
    };

    /** {@code expression} for alice, whose request is an update of {@code deployments/scale} {@code web} in {@code default}. */
    private Object eval(String expression) throws CelValidationException, CelEvaluationException {
        Authorizer authorizer = new Authorizer(rbac, ALICE);
        return RUNTIME.createProgram(COMPILER.compile(expression).getAst()).eval(Map.of(
                AuthorizerLibrary.AUTHORIZER, authorizer,
                AuthorizerLibrary.REQUEST_RESOURCE, authorizer.requestResource("apps", "deployments", "scale", "default", "web")));
    }

    private static Arguments decision(String name, String expression, Object expected) {
        return Arguments.of(name, expression, expected);
    }

    static Stream<Arguments> decisions() {
        String scale = "authorizer.group('apps').resource('deployments').subresource('scale').namespace('default').name('web')";
        return Stream.of(
                decision("a granted resource check is allowed", scale + ".check('update').allowed()", true),
                decision("an allowed decision gives RBAC's reason", scale + ".check('update').reason()", ALICE_SCALES),
                decision("another verb is denied", scale + ".check('delete').allowed()", false),
                decision("a denial gives no reason, as RBAC's", scale + ".check('delete').reason()", ""),
                decision("another namespace is denied", scale + ".namespace('prod').check('update').allowed()", false),
                decision("the object without the subresource is denied",
                        scale + ".subresource('').check('update').allowed()", false),
                decision("a decision that was made did not error", scale + ".check('update').errored()", false),
                decision("and has no error", scale + ".check('update').error()", ""),
                decision("a granted path is allowed", "authorizer.path('/healthz').check('get').allowed()", true),
                decision("another path is denied", "authorizer.path('/metrics').check('get').allowed()", false),
                decision("verbs are compared as written", "authorizer.path('/healthz').check('GET').allowed()", false),
                decision("the request's own resource is prefilled", "authorizer.requestResource.check('update').allowed()", true),
                decision("and can be narrowed like any check",
                        "authorizer.requestResource.name('api').check('update').allowed()", false),
                decision("a service account may do what it was granted",
                        "authorizer.serviceAccount('dev', 'builder').group('').resource('pods').namespace('dev')"
                                + ".check('create').reason()", BUILDER_CREATES),
                decision("and not what the requesting user was granted",
                        "authorizer.serviceAccount('dev', 'builder').path('/healthz').check('get').allowed()", false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decisions")
    void checksAskTheAuthorizer(String name, String expression, Object expected) throws Exception {
        assertThat(eval(expression)).isEqualTo(expected);
    }

    @Test
    void aResourceCheckAsksForEveryAttributeItWasGiven() throws Exception {
        eval("authorizer.group('apps').resource('deployments').subresource('scale').namespace('default').name('web')"
                + ".check('update').allowed()");
        eval("authorizer.group('').resource('nodes').check('list').allowed()");

        assertThat(asked).extracting(Asked::request).containsExactly(
                RequestAttributes.resource("update", "apps", "deployments", "scale", "default", "web"),
                RequestAttributes.resource("list", "", "nodes", "", "", ""));
    }

    @Test
    void requestResourceIsPrefilledFromTheRequest() throws Exception {
        eval("authorizer.requestResource.check('patch').allowed()");

        assertThat(asked).containsExactly(new Asked("alice", List.of("dev", "system:authenticated"),
                RequestAttributes.resource("patch", "apps", "deployments", "scale", "default", "web")));
    }

    @Test
    void serviceAccountAsksAsThatAccountWithKubesGroups() throws Exception {
        eval("authorizer.serviceAccount('dev', 'builder').path('/healthz').check('get').allowed()");

        assertThat(asked).containsExactly(new Asked("system:serviceaccount:dev:builder",
                List.of("system:serviceaccounts", "system:serviceaccounts:dev"), RequestAttributes.nonResource("get", "/healthz")));
    }

    @Test
    void anAuthorizerThatFailsGivesAnErroredDenial() throws Exception {
        Authorizer failing = new Authorizer((user, request) -> {
            throw new IllegalStateException("roles could not be read");
        }, ALICE);
        var program = RUNTIME.createProgram(COMPILER.compile("[authorizer.requestResource.check('get').allowed(), "
                + "authorizer.requestResource.check('get').errored(), authorizer.requestResource.check('get').error()]").getAst());

        assertThat(program.eval(Map.of(AuthorizerLibrary.AUTHORIZER, failing, AuthorizerLibrary.REQUEST_RESOURCE,
                failing.requestResource("", "pods", "", "dev", "web")))).isEqualTo(List.of(false, true, "roles could not be read"));
    }

    static Stream<Arguments> refusedArguments() {
        return Stream.of(
                Arguments.of("authorizer.path('')", "path must not be empty"),
                Arguments.of("authorizer.path('  ')", "path must not be empty"),
                Arguments.of("authorizer.group('apps').resource('')", "resource must not be empty"),
                Arguments.of("authorizer.group('apps').resource('  ')", "resource must not be empty"),
                Arguments.of("authorizer.serviceAccount('dev', 'invalid@*name')", "Invalid service account name"),
                Arguments.of("authorizer.serviceAccount('not@a#valid!namespace', 'builder')", "Invalid service account namespace"),
                Arguments.of("authorizer.serviceAccount('valid.example.com', 'builder')", "Invalid service account namespace"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedArguments")
    void argumentsKubeRefusesFailWithKubesWords(String expression, String error) {
        assertThatThrownBy(() -> eval(expression)).hasMessageContaining(error);
        assertThat(asked).isEmpty();
    }

    @Test
    void aMisspelledOrMisplacedCallDoesNotCompile() {
        assertThatThrownBy(() -> COMPILER.compile("authorizer.grop('apps')").getAst())
                .isInstanceOf(CelValidationException.class).hasMessageContaining("grop");
        assertThatThrownBy(() -> COMPILER.compile("authorizer.group('apps').check('get')").getAst())
                .isInstanceOf(CelValidationException.class).hasMessageContaining("check");
        assertThatThrownBy(() -> COMPILER.compile("authorizer.path('/healthz').check('get') == true").getAst())
                .isInstanceOf(CelValidationException.class);
        assertThatThrownBy(() -> COMPILER.compile("authorizer.requestResource.resource('pods')").getAst())
                .isInstanceOf(CelValidationException.class).hasMessageContaining("resource");
    }
}
