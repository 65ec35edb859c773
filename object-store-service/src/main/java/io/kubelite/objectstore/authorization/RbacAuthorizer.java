package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.admission.AdmissionObjects;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Kubernetes' RBAC authorizer: a request is allowed when a ClusterRoleBinding, or a RoleBinding in
 * the request's namespace, binds the user (by name, by group, or as a ServiceAccount) to a role
 * with a rule that covers it; members of {@code system:masters} may do anything. Everything else
 * is denied. The roles and bindings are read from memory ({@link AdmissionObjects}), current with
 * every write this server committed.
 */
@Component
public class RbacAuthorizer {

    /** The outcome and, when allowed, which binding allowed it (the audit reason Kubernetes gives). */
    public record Decision(boolean allowed, String reason) {
    }

    /** A role's rules as a binding grants them; a RoleBinding's apply only in its namespace. */
    public record Grant(String namespace, List<JsonNode> rules) {
    }

    private final AdmissionObjects objects;

    public RbacAuthorizer(AdmissionObjects objects) {
        this.objects = objects;
    }

    public Decision authorize(UserInfo user, RequestAttributes request) {
        if (user.isSuperuser()) {
            return new Decision(true, "the user is in the group " + UserInfo.MASTERS);
        }
        for (StoredObject binding : objects.itemsOrStored(AdmissionObjects.CLUSTER_ROLE_BINDINGS, "")) {
            Optional<String> allowed = allows(binding, "", user, request, "ClusterRoleBinding");
            if (allowed.isPresent()) {
                return new Decision(true, allowed.get());
            }
        }
        if (request.resourceRequest() && !request.namespace().isEmpty()) {
            for (StoredObject binding : objects.itemsOrStored(AdmissionObjects.ROLE_BINDINGS, request.namespace())) {
                Optional<String> allowed = allows(binding, request.namespace(), user, request, "RoleBinding");
                if (allowed.isPresent()) {
                    return new Decision(true, allowed.get());
                }
            }
        }
        return new Decision(false, "");
    }

    /** Every rule the user holds in a namespace ("" for the cluster-wide ones only), for SelfSubjectRulesReview. */
    public List<Grant> grants(UserInfo user, String namespace) {
        List<Grant> grants = new ArrayList<>();
        for (StoredObject binding : objects.itemsOrStored(AdmissionObjects.CLUSTER_ROLE_BINDINGS, "")) {
            if (binds(binding.body(), "", user)) {
                grants.add(new Grant("", rules(binding.body().path("roleRef"), "")));
            }
        }
        if (!namespace.isEmpty()) {
            for (StoredObject binding : objects.itemsOrStored(AdmissionObjects.ROLE_BINDINGS, namespace)) {
                if (binds(binding.body(), namespace, user)) {
                    grants.add(new Grant(namespace, rules(binding.body().path("roleRef"), namespace)));
                }
            }
        }
        return grants;
    }

    private Optional<String> allows(StoredObject binding, String namespace, UserInfo user, RequestAttributes request,
                                    String bindingKind) {
        JsonNode b = binding.body();
        if (!binds(b, namespace, user)) {
            return Optional.empty();
        }
        JsonNode roleRef = b.path("roleRef");
        for (JsonNode rule : rules(roleRef, namespace)) {
            if (PolicyRules.allows(rule, request)) {
                String where = namespace.isEmpty() ? "" : " in namespace \"" + namespace + "\"";
                return Optional.of("RBAC: allowed by " + bindingKind + " \"" + binding.name() + "\"" + where + " of "
                        + roleRef.path("kind").asString("") + " \"" + roleRef.path("name").asString("") + "\" to "
                        + user.name());
            }
        }
        return Optional.empty();
    }

    /** The rules of the role a binding refers to; none when the role does not exist (yet). */
    List<JsonNode> rules(JsonNode roleRef, String namespace) {
        return rules(roleRef.path("kind").asString("").equals("ClusterRole"), namespace, roleRef.path("name").asString(""));
    }

    /** The rules of a ClusterRole, or of a Role in {@code namespace}; none when it does not exist. */
    List<JsonNode> rules(boolean clusterRole, String namespace, String name) {
        if (!clusterRole && namespace.isEmpty()) {
            return List.of();
        }
        String resource = clusterRole ? AdmissionObjects.CLUSTER_ROLES : AdmissionObjects.ROLES;
        for (StoredObject role : objects.itemsOrStored(resource, clusterRole ? "" : namespace)) {
            if (role.name().equals(name)) {
                List<JsonNode> rules = new ArrayList<>();
                role.body().path("rules").forEach(rules::add);
                return rules;
            }
        }
        return List.of();
    }

    /** Whether a binding names the user, one of its groups, or its ServiceAccount. */
    static boolean binds(JsonNode binding, String bindingNamespace, UserInfo user) {
        for (JsonNode subject : binding.path("subjects")) {
            String name = subject.path("name").asString("");
            switch (subject.path("kind").asString("")) {
                case "User" -> {
                    if (name.equals(user.name())) {
                        return true;
                    }
                }
                case "Group" -> {
                    if (user.groups().contains(name)) {
                        return true;
                    }
                }
                case "ServiceAccount" -> {
                    String ns = subject.path("namespace").asString(bindingNamespace);
                    if (user.name().equals("system:serviceaccount:" + ns + ":" + name)) {
                        return true;
                    }
                }
                default -> {
                    // an unknown subject kind binds nobody
                }
            }
        }
        return false;
    }
}
