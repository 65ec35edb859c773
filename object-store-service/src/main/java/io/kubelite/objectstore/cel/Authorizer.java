package io.kubelite.objectstore.cel;

import dev.cel.common.types.OpaqueType;
import io.kubelite.objectstore.authorization.RbacAuthorizer;
import io.kubelite.objectstore.authorization.RequestAttributes;
import io.kubelite.objectstore.authorization.UserInfo;

import java.util.List;

/**
 * The CEL value {@code kubernetes.authorization.Authorizer}: what {@code user} may do, as the
 * server's authorizer decides. A check is built one call at a time and asked only by
 * {@code check(verb)}:
 *
 * <pre>
 * authorizer                                       // Authorizer for the requesting user
 *   .group('apps')                                 // GroupCheck
 *   .resource('deployments').subresource('scale')  // ResourceCheck
 *   .namespace('default').name('web')              // ResourceCheck, namespace "" is cluster scope
 *   .check('update')                               // Decision: allowed(), reason(), errored(), error()
 * authorizer.path('/healthz').check('get')         // a non-resource path
 * authorizer.serviceAccount('dev', 'builder')      // Authorizer for system:serviceaccount:dev:builder
 * </pre>
 *
 * @param authorize the server's authorizer ({@code RbacAuthorizer::authorize})
 */
public record Authorizer(Authorize authorize, UserInfo user) {

    static final OpaqueType TYPE = OpaqueType.create("kubernetes.authorization.Authorizer");

    /** One authorization decision: may {@code user} do {@code request}? */
    @FunctionalInterface
    public interface Authorize {
        RbacAuthorizer.Decision authorize(UserInfo user, RequestAttributes request);
    }

    /** A check of a non-resource path such as {@code /healthz}. */
    PathCheck path(String path) {
        return new PathCheck(this, path);
    }

    /** A check in an API group, "" for the core group. */
    GroupCheck group(String group) {
        return new GroupCheck(this, group);
    }

    /**
     * The same authorizer for a service account, as kube's {@code ServiceAccountInfo.UserInfo()}
     * builds that user: {@code system:serviceaccount:dev:builder} in {@code system:serviceaccounts}
     * and {@code system:serviceaccounts:dev} — and, as there, not in {@code system:authenticated},
     * which only an authenticator adds.
     */
    Authorizer serviceAccount(String namespace, String name) {
        return new Authorizer(authorize, new UserInfo("system:serviceaccount:" + namespace + ":" + name, "",
                List.of("system:serviceaccounts", "system:serviceaccounts:" + namespace)));
    }

    /** {@code authorizer.requestResource}: a check of the object a request writes, which only lacks the verb. */
    public ResourceCheck requestResource(String group, String resource, String subresource, String namespace,
                                         String name) {
        return new ResourceCheck(this, group, resource, subresource, namespace, name);
    }

    /** The CEL value {@code kubernetes.authorization.PathCheck}. */
    record PathCheck(Authorizer authorizer, String path) {

        static final OpaqueType TYPE = OpaqueType.create("kubernetes.authorization.PathCheck");

        /** {@code verb} is an HTTP verb in lower case, as RBAC rules name it: {@code get}, {@code post}. */
        Decision check(String verb) {
            return authorizer.decide(RequestAttributes.nonResource(verb, path));
        }
    }

    /** The CEL value {@code kubernetes.authorization.GroupCheck}. */
    record GroupCheck(Authorizer authorizer, String group) {

        static final OpaqueType TYPE = OpaqueType.create("kubernetes.authorization.GroupCheck");

        ResourceCheck resource(String resource) {
            return new ResourceCheck(authorizer, group, resource, "", "", "");
        }
    }

    /**
     * The CEL value {@code kubernetes.authorization.ResourceCheck}; an empty subresource, namespace
     * or name is unset (a namespace of "" checks the cluster scope).
     */
    public record ResourceCheck(Authorizer authorizer, String group, String resource, String subresource,
                                String namespace, String name) {

        static final OpaqueType TYPE = OpaqueType.create("kubernetes.authorization.ResourceCheck");

        ResourceCheck subresource(String subresource) {
            return new ResourceCheck(authorizer, group, resource, subresource, namespace, name);
        }

        ResourceCheck namespace(String namespace) {
            return new ResourceCheck(authorizer, group, resource, subresource, namespace, name);
        }

        ResourceCheck name(String name) {
            return new ResourceCheck(authorizer, group, resource, subresource, namespace, name);
        }

        Decision check(String verb) {
            return authorizer.decide(RequestAttributes.resource(verb, group, resource, subresource, namespace, name));
        }
    }

    /**
     * The CEL value {@code kubernetes.authorization.Decision}.
     *
     * @param error why the authorizer could not decide, "" when it did
     */
    record Decision(boolean allowed, String reason, String error) {

        static final OpaqueType TYPE = OpaqueType.create("kubernetes.authorization.Decision");

        boolean errored() {
            return !error.isEmpty();
        }
    }

    /**
     * The decision for the user. An authorizer that fails (its roles could not be read) gives a
     * denial with the error, which {@code errored()} and {@code error()} report, rather than
     * failing the expression — as kube reports a webhook authorizer that could not be reached.
     */
    private Decision decide(RequestAttributes request) {
        try {
            RbacAuthorizer.Decision decision = authorize.authorize(user, request);
            return new Decision(decision.allowed(), decision.reason(), "");
        } catch (RuntimeException e) {
            return new Decision(false, "", e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }
}
