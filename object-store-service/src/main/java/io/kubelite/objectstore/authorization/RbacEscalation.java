package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceType;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Kubernetes' RBAC escalation check: a user may write a Role or ClusterRole only with rules it
 * holds itself (where the role applies), and bind a role only if it holds every rule of that
 * role where the binding applies, unless it has the {@code escalate} verb on roles, or the
 * {@code bind} verb on the role bound. Without it, anyone allowed to write RoleBindings (the
 * {@code admin} role) could bind {@code cluster-admin} to itself. A refused write is 403:
 * {@code rolebindings.rbac.authorization.k8s.io "x" is forbidden: user "u" (groups=[...]) is
 * attempting to grant RBAC permissions not currently held:} followed by the missing rules.
 */
@Component
public class RbacEscalation {

    static final String RBAC = "rbac.authorization.k8s.io";

    private final RbacAuthorizer authorizer;

    public RbacEscalation(RbacAuthorizer authorizer) {
        this.authorizer = authorizer;
    }

    /** Checks a Role, ClusterRole, RoleBinding or ClusterRoleBinding about to be written by the current request's user. */
    public void check(ResourceType storage, String namespace, JsonNode object) {
        if (!storage.group().equals(RBAC)) {
            return;
        }
        UserInfo user = currentUser();
        if (user.isSuperuser()) {
            return;
        }
        String ns = storage.namespaced() ? namespace : "";
        String name = object.path("metadata").path("name").asString("");
        List<JsonNode> granted;
        switch (storage.resource()) {
            case "roles", "clusterroles" -> {
                if (allowed(user, "escalate", storage.resource(), ns, name)) {
                    return;
                }
                granted = new ArrayList<>();
                object.path("rules").forEach(granted::add);
            }
            case "rolebindings", "clusterrolebindings" -> {
                JsonNode roleRef = object.path("roleRef");
                boolean clusterRole = roleRef.path("kind").asString("").equals("ClusterRole");
                String roleName = roleRef.path("name").asString("");
                if (allowed(user, "bind", clusterRole ? "clusterroles" : "roles", ns, roleName)) {
                    return;
                }
                granted = authorizer.rules(clusterRole, ns, roleName);
            }
            default -> {
                return;
            }
        }
        List<JsonNode> held = new ArrayList<>();
        for (RbacAuthorizer.Grant grant : authorizer.grants(user, ns)) {
            held.addAll(grant.rules());
        }
        List<String> missing = RuleCoverage.uncovered(held, granted);
        if (!missing.isEmpty()) {
            String qualified = storage.resource() + "." + RBAC;
            throw new ApiException(403, "Forbidden", qualified + " \"" + name + "\" is forbidden: user \"" + user.name()
                    + "\" (groups=" + user.groups() + ") is attempting to grant RBAC permissions not currently held:\n"
                    + String.join("\n", missing), RBAC, storage.resource(), name, List.of());
        }
    }

    private boolean allowed(UserInfo user, String verb, String resource, String namespace, String name) {
        return authorizer.authorize(user, RequestAttributes.resource(verb, RBAC, resource, "", namespace, name)).allowed();
    }

    private static UserInfo currentUser() {
        return UserInfo.current();
    }
}
