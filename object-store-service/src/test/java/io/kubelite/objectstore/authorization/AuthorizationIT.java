package io.kubelite.objectstore.authorization;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RBAC on the API server, with the identity headers the gateway sets: the bootstrap roles, a
 * service account denied until a RoleBinding grants it a role, the review APIs answering from the
 * same decisions, and the bad reviews refused.
 */
class AuthorizationIT extends ApiServerTest {

    /** Each test's own namespace (the tests share one database), holding the service account bot. */
    String ns;
    List<String> saGroups;
    String botUser;

    Reply asBot(String method, String path, String body) {
        return as(botUser, saGroups, method, path, body);
    }

    void namespaceWithBot(String namespace) {
        ns = namespace;
        saGroups = List.of("system:serviceaccounts", "system:serviceaccounts:" + ns, "system:authenticated");
        botUser = "system:serviceaccount:" + ns + ":bot";
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + ns + "\"}}");
        api.post("/api/v1/namespaces/" + ns + "/serviceaccounts",
                "{\"apiVersion\":\"v1\",\"kind\":\"ServiceAccount\",\"metadata\":{\"name\":\"bot\"}}");
    }

    @Test
    void theBootstrapRolesAndBindingsExist() {
        for (String role : List.of("cluster-admin", "admin", "edit", "view", "system:aggregate-to-admin",
                "system:aggregate-to-edit", "system:aggregate-to-view", "system:discovery", "system:basic-user",
                "system:public-info-viewer", "system:auth-delegator")) {
            var r = api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/" + role);
            assertThat(r.code()).as(role).isEqualTo(200);
            assertThat(r.body().path("metadata").path("labels").path("kubernetes.io/bootstrapping").asString())
                    .isEqualTo("rbac-defaults");
        }
        var view = api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/view").body();
        assertThat(view.path("aggregationRule").path("clusterRoleSelectors").get(0).path("matchLabels")
                .path("rbac.authorization.k8s.io/aggregate-to-view").asString()).isEqualTo("true");
        assertThat(view.path("metadata").path("labels").path("rbac.authorization.k8s.io/aggregate-to-edit").asString())
                .isEqualTo("true");
        JsonNode toView = api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:aggregate-to-view").body()
                .path("rules");
        JsonNode metricsReader = api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/system:aggregated-metrics-reader")
                .body().path("rules");
        assertThat(view.path("rules").valueStream().toList()).as("filled in already, in name order")
                .containsExactlyElementsOf(java.util.stream.Stream.concat(toView.valueStream(), metricsReader.valueStream())
                        .toList());
        var admin = api.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/admin").body();
        assertThat(admin.path("rules").toString()).as("admin holds edit's and view's rules and its own")
                .contains("\"secrets\"", "\"pods/log\"", "\"rolebindings\"");
        var components = api.get("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubelite:components");
        assertThat(components.body().path("roleRef").path("name").asString()).isEqualTo("cluster-admin");
        assertThat(components.body().path("subjects").findValuesAsString("name"))
                .contains("system:serviceaccount:kube-system:scheduler", "system:nodes");
    }

    /**
     * The user the gateway names for a request without credentials on its public paths: it may
     * read {@code /version} and the OpenAPI documents (Swagger UI), and nothing else — not
     * discovery, not a resource, not a write.
     */
    @Test
    void theAnonymousUserReadsTheVersionAndTheApiDocumentsAndNothingElse() {
        List<String> unauthenticated = List.of("system:unauthenticated");
        assertThat(as("system:anonymous", unauthenticated, "GET", "/version", null).code()).isEqualTo(200);
        assertThat(as("system:anonymous", unauthenticated, "GET", "/openapi/v3", null).code()).isEqualTo(200);
        assertThat(as("system:anonymous", unauthenticated, "GET", "/openapi/v3/api/v1", null).code()).isEqualTo(200);

        Reply discovery = as("system:anonymous", unauthenticated, "GET", "/apis", null);
        assertThat(discovery.code()).isEqualTo(403);
        assertThat(discovery.body().path("message").asString())
                .isEqualTo("forbidden: User \"system:anonymous\" cannot get path \"/apis\"");
        Reply secrets = as("system:anonymous", unauthenticated, "GET", "/api/v1/namespaces/default/secrets", null);
        assertThat(secrets.code()).isEqualTo(403);
        assertThat(secrets.body().path("message").asString()).isEqualTo("secrets is forbidden: User \"system:anonymous\""
                + " cannot list resource \"secrets\" in API group \"\" in the namespace \"default\"");
        assertThat(as("system:anonymous", unauthenticated, "POST", "/api/v1/namespaces/default/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"by-anonymous\"}}").code())
                .isEqualTo(403);
        assertThat(api.get("/api/v1/namespaces/default/configmaps/by-anonymous").code()).isEqualTo(404);
        var binding = api.get("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubelite:api-docs-viewer").body();
        assertThat(binding.path("subjects").findValuesAsString("name")).containsExactly("system:unauthenticated");
    }

    @Test
    void aServiceAccountIsDeniedUntilARoleBindingGrantsItARole() {
        namespaceWithBot("authz");
        var denied = asBot("GET", "/api/v1/namespaces/authz/pods", null);
        assertThat(denied.code()).isEqualTo(403);
        assertThat(denied.body().path("kind").asString()).isEqualTo("Status");
        assertThat(denied.body().path("reason").asString()).isEqualTo("Forbidden");
        assertThat(denied.body().path("message").asString()).isEqualTo("pods is forbidden: User \"" + botUser
                + "\" cannot list resource \"pods\" in API group \"\" in the namespace \"authz\"");
        assertThat(asBot("GET", "/api/v1/nodes", null).body().path("message").asString())
                .endsWith("cannot list resource \"nodes\" in API group \"\" at the cluster scope");
        assertThat(asBot("GET", "/version", null).code()).as("discovery is every user's").isEqualTo(200);
        assertThat(asBot("GET", "/apis", null).code()).isEqualTo(200);

        var binding = api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/authz/rolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"bot-view"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"view"},
                 "subjects":[{"kind":"ServiceAccount","name":"bot","namespace":"authz"}]}""");
        assertThat(binding.code()).as(binding.raw()).isEqualTo(201);
        assertThat(asBot("GET", "/api/v1/namespaces/authz/pods", null).code()).isEqualTo(200);
        assertThat(asBot("GET", "/api/v1/namespaces/authz/pods?watch=true&timeoutSeconds=1", null).code()).isEqualTo(200);
        assertThat(asBot("GET", "/api/v1/namespaces/default/pods", null).code())
                .as("a RoleBinding grants only in its namespace").isEqualTo(403);
        var create = asBot("POST", "/api/v1/namespaces/authz/configmaps",
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"x\"}}");
        assertThat(create.code()).as("view does not write").isEqualTo(403);
        assertThat(api.get("/api/v1/namespaces/authz/configmaps/x").code()).as("nothing written").isEqualTo(404);
        var secret = asBot("GET", "/api/v1/namespaces/authz/secrets/s", null);
        assertThat(secret.body().path("message").asString())
                .isEqualTo("secrets \"s\" is forbidden: User \"" + botUser + "\" cannot get resource \"secrets\" in API group "
                        + "\"\" in the namespace \"authz\"");
        assertThat(secret.body().path("details").path("name").asString()).isEqualTo("s");
        assertThat(secret.body().path("details").path("kind").asString()).isEqualTo("secrets");
    }

    @Test
    void membersOfSystemMastersMayDoAnythingAndGroupsAreBound() {
        assertThat(as("alice", List.of("system:masters", "system:authenticated"), "GET", "/api/v1/nodes", null).code())
                .isEqualTo(200);
        assertThat(as("bob", List.of("system:authenticated"), "GET", "/api/v1/nodes", null).code()).isEqualTo(403);
        api.post("/apis/rbac.authorization.k8s.io/v1/clusterroles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"node-reader"},
                 "rules":[{"apiGroups":[""],"resources":["nodes"],"verbs":["get","list"]}]}""");
        api.post("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"ops:node-readers"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"node-reader"},
                 "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"Group","name":"ops"}]}""");
        assertThat(as("bob", List.of("ops", "system:authenticated"), "GET", "/api/v1/nodes", null).code()).isEqualTo(200);
        assertThat(as("bob", List.of("ops", "system:authenticated"), "DELETE", "/api/v1/nodes/n1", null).code())
                .isEqualTo(403);
    }

    @Test
    void accessReviewsAnswerWithTheSameDecisions() {
        namespaceWithBot("authz-reviews");
        String review = """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
                 "spec":{"resourceAttributes":{"namespace":"authz-reviews","verb":"create","resource":"pods","subresource":"exec"}}}""";
        var denied = asBot("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
        assertThat(denied.code()).as(denied.body().toString()).isEqualTo(201);
        assertThat(denied.body().path("status").path("allowed").asBoolean()).isFalse();
        assertThat(denied.body().path("kind").asString()).isEqualTo("SelfSubjectAccessReview");

        api.post("/apis/rbac.authorization.k8s.io/v1/namespaces/authz-reviews/rolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"bot-edit"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
                 "subjects":[{"kind":"ServiceAccount","name":"bot"}]}""");
        var allowed = asBot("POST", "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
        assertThat(allowed.body().path("status").path("allowed").asBoolean()).isTrue();
        assertThat(allowed.body().path("status").path("reason").asString())
                .isEqualTo("RBAC: allowed by RoleBinding \"bot-edit\" in namespace \"authz-reviews\" of ClusterRole \"edit\" to " + botUser);

        var sar = api.post("/apis/authorization.k8s.io/v1/subjectaccessreviews", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
                 "spec":{"user":"%s","groups":["system:authenticated"],
                         "resourceAttributes":{"namespace":"authz-reviews","verb":"delete","resource":"deployments","group":"apps"}}}"""
                .formatted(botUser));
        assertThat(sar.body().path("status").path("allowed").asBoolean()).isTrue();
        var local = api.post("/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"LocalSubjectAccessReview",
                 "spec":{"user":"%s","resourceAttributes":{"verb":"delete","resource":"deployments","group":"apps"}}}"""
                .formatted(botUser));
        assertThat(local.body().path("status").path("allowed").asBoolean()).as("edit is bound in its namespace only").isFalse();

        var rules = asBot("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\",\"spec\":{\"namespace\":\"authz-reviews\"}}");
        assertThat(rules.body().path("status").path("incomplete").asBoolean()).isFalse();
        assertThat(rules.body().path("status").path("resourceRules").toString()).contains("\"pods/exec\"");
        assertThat(rules.body().path("status").path("nonResourceRules").toString()).contains("/version");

        var whoami = asBot("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews",
                "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}");
        assertThat(whoami.body().path("status").path("userInfo").path("username").asString()).isEqualTo(botUser);
        assertThat(whoami.body().path("status").path("userInfo").path("groups").toString())
                .contains("system:serviceaccounts:authz-reviews");
    }

    @Test
    void impersonationNeedsTheImpersonateVerbAndThenActsAsTheOtherUser() {
        namespaceWithBot("authz-impersonation");
        String whoami = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";
        var jane = as("admin", List.of("system:masters", "system:authenticated"),
                List.of("Impersonate-User", "jane", "Impersonate-Group", "devs"),
                "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", whoami);
        assertThat(jane.body().path("status").path("userInfo").path("username").asString()).isEqualTo("jane");
        assertThat(jane.body().path("status").path("userInfo").path("groups").toString())
                .isEqualTo("[\"devs\",\"system:authenticated\"]");
        var janeListsNodes = as("admin", List.of("system:masters"), List.of("Impersonate-User", "jane"),
                "GET", "/api/v1/nodes", null);
        assertThat(janeListsNodes.code()).as("jane's rights, not the admin's").isEqualTo(403);
        assertThat(janeListsNodes.body().path("message").asString()).contains("User \"jane\" cannot list");

        var asAccount = as("admin", List.of("system:masters"), List.of("Impersonate-User", botUser),
                "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", whoami);
        assertThat(asAccount.body().path("status").path("userInfo").path("groups").toString())
                .contains("system:serviceaccounts:authz-impersonation");

        var botAsAdmin = as(botUser, saGroups, List.of("Impersonate-User", "admin"), "GET", "/api/v1/nodes", null);
        assertThat(botAsAdmin.code()).isEqualTo(403);
        assertThat(botAsAdmin.body().path("message").asString()).isEqualTo("users \"admin\" is forbidden: User \"" + botUser
                + "\" cannot impersonate resource \"users\" in API group \"\" at the cluster scope");
        var groupOnly = as("admin", List.of("system:masters"), List.of("Impersonate-Group", "devs"),
                "GET", "/api/v1/nodes", null);
        assertThat(groupOnly.code()).isEqualTo(400);
        assertThat(groupOnly.body().path("message").asString()).contains("requires impersonating a user");
    }

    /** A service account token stops working when its account or its pod is deleted, not when it expires. */
    @Test
    void aTokenWhoseAccountOrPodIsGoneIsRefused() {
        namespaceWithBot("authz-tokens");
        String accountUid = api.get("/api/v1/namespaces/authz-tokens/serviceaccounts/bot").body()
                .path("metadata").path("uid").asString();
        api.post("/api/v1/namespaces/authz-tokens/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p"},"spec":{"serviceAccountName":"bot",
                 "containers":[{"name":"c","image":"busybox"}]}}""");
        String podUid = api.get("/api/v1/namespaces/authz-tokens/pods/p").body().path("metadata").path("uid").asString();
        String whoami = "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}";
        List<String> podToken = List.of("X-Remote-Uid", accountUid,
                "X-Remote-Extra-authentication.kubernetes.io%2fcredential-id", "JTI=j-1",
                "X-Remote-Extra-authentication.kubernetes.io%2fpod-name", "p",
                "X-Remote-Extra-authentication.kubernetes.io%2fpod-uid", podUid);

        var asPod = as(botUser, saGroups, podToken, "POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews", whoami);
        assertThat(asPod.code()).isEqualTo(201);
        assertThat(asPod.body().path("status").path("userInfo").path("extra").path("authentication.kubernetes.io/pod-name")
                .toString()).isEqualTo("[\"p\"]");
        var otherUid = as(botUser, saGroups, List.of("X-Remote-Uid", "not-the-account",
                "X-Remote-Extra-authentication.kubernetes.io%2fcredential-id", "JTI=j-2"), "GET", "/version", null);
        assertThat(otherUid.code()).as("an account deleted and made again has another uid").isEqualTo(401);
        assertThat(otherUid.body().path("reason").asString()).isEqualTo("Unauthorized");

        api.delete("/api/v1/namespaces/authz-tokens/pods/p?gracePeriodSeconds=0");
        assertThat(as(botUser, saGroups, podToken, "GET", "/version", null).code()).as("its pod is gone").isEqualTo(401);
        List<String> accountToken = List.of("X-Remote-Uid", accountUid,
                "X-Remote-Extra-authentication.kubernetes.io%2fcredential-id", "JTI=j-3");
        assertThat(as(botUser, saGroups, accountToken, "GET", "/version", null).code()).isEqualTo(200);
        api.delete("/api/v1/namespaces/authz-tokens/serviceaccounts/bot");
        assertThat(as(botUser, saGroups, accountToken, "GET", "/version", null).code()).as("its account is gone")
                .isEqualTo(401);
        assertThat(as(botUser, saGroups, "GET", "/version", null).code())
                .as("a static token's identity (no token id) is not a service account token").isEqualTo(200);
    }

    /** Nobody grants what it does not hold: an admin of a namespace cannot bind cluster-admin to itself. */
    @Test
    void rolesAndBindingsGrantOnlyWhatTheWriterHoldsUnlessItMayEscalateOrBind() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"authz-escalation\"}}");
        String bindings = "/apis/rbac.authorization.k8s.io/v1/namespaces/authz-escalation/rolebindings";
        api.post(bindings, binding("owner-admin", "ClusterRole", "admin", "owner"));
        List<String> groups = List.of("system:authenticated");

        var selfPromotion = as("owner", groups, "POST", bindings, binding("owner-root", "ClusterRole", "cluster-admin", "owner"));
        assertThat(selfPromotion.code()).isEqualTo(403);
        assertThat(selfPromotion.body().path("message").asString()).startsWith("rolebindings.rbac.authorization.k8s.io "
                + "\"owner-root\" is forbidden: user \"owner\" (groups=[system:authenticated]) is attempting to grant RBAC "
                + "permissions not currently held:\n{APIGroups:[\"*\"], Resources:[\"*\"], Verbs:[\"*\"]}");
        assertThat(api.get(bindings + "/owner-root").code()).as("nothing written").isEqualTo(404);

        assertThat(as("owner", groups, "POST", bindings, binding("reader-view", "ClusterRole", "view", "reader")).code())
                .as("view is within admin").isEqualTo(201);
        String roles = "/apis/rbac.authorization.k8s.io/v1/namespaces/authz-escalation/roles";
        var nodeDeleter = as("owner", groups, "POST", roles, """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"deleter"},
                 "rules":[{"apiGroups":[""],"resources":["pods","nodes"],"verbs":["delete"]}]}""");
        assertThat(nodeDeleter.code()).isEqualTo(403);
        assertThat(nodeDeleter.body().path("message").asString())
                .endsWith("not currently held:\n{APIGroups:[\"\"], Resources:[\"nodes\"], Verbs:[\"delete\"]}");
        assertThat(as("owner", groups, "POST", roles, """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"pod-deleter"},
                 "rules":[{"apiGroups":[""],"resources":["pods"],"verbs":["delete"]}]}""").code()).isEqualTo(201);

        api.post("/apis/rbac.authorization.k8s.io/v1/clusterroles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"root-binder"},
                 "rules":[{"apiGroups":["rbac.authorization.k8s.io"],"resources":["clusterroles"],"verbs":["bind"],
                           "resourceNames":["cluster-admin"]}]}""");
        api.post(bindings, binding("owner-binder", "ClusterRole", "root-binder", "owner"));
        assertThat(as("owner", groups, "POST", bindings, binding("owner-root", "ClusterRole", "cluster-admin", "owner"))
                .code()).as("the bind verb on cluster-admin allows binding it").isEqualTo(201);
    }

    static String binding(String name, String roleKind, String role, String user) {
        return """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"%s"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"%s","name":"%s"},
                 "subjects":[{"apiGroup":"rbac.authorization.k8s.io","kind":"User","name":"%s"}]}"""
                .formatted(name, roleKind, role, user);
    }

    @Test
    void badReviewsAreRefusedNamingTheField() {
        var neither = api.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectAccessReview\",\"spec\":{}}");
        assertThat(neither.code()).isEqualTo(422);
        assertThat(neither.body().path("message").asString())
                .contains("exactly one of nonResourceAttributes or resourceAttributes must be specified");
        assertThat(neither.body().path("details").path("causes").get(0).path("field").asString())
                .isEqualTo("spec.resourceAttributes");
        var noUser = api.post("/apis/authorization.k8s.io/v1/subjectaccessreviews", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
                 "spec":{"resourceAttributes":{"verb":"get","resource":"pods"}}}""");
        assertThat(noUser.code()).isEqualTo(422);
        assertThat(noUser.body().path("message").asString())
                .isEqualTo("SubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.user: Invalid value: \"\": "
                        + "at least one of user or group must be specified");
        var otherNamespace = api.post("/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews", """
                {"apiVersion":"authorization.k8s.io/v1","kind":"LocalSubjectAccessReview",
                 "spec":{"user":"u","resourceAttributes":{"namespace":"kube-system","verb":"get","resource":"pods"}}}""");
        assertThat(otherNamespace.code()).isEqualTo(422);
        assertThat(otherNamespace.body().path("details").path("causes").get(0).path("field").asString())
                .isEqualTo("spec.resourceAttributes.namespace");
        var notJson = api.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", "{not json");
        assertThat(notJson.code()).isEqualTo(400);
        var get = api.get("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews");
        assertThat(get.code()).as("create only").isIn(404, 405);
    }

    @Test
    void rbacNamesFollowKubernetesPathSegmentRule() {
        var colon = api.post("/apis/rbac.authorization.k8s.io/v1/clusterroles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"team:readers"},"rules":[]}""");
        assertThat(colon.code()).as(colon.raw()).isEqualTo(201);
        var slash = api.post("/apis/rbac.authorization.k8s.io/v1/clusterroles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"a/b"},"rules":[]}""");
        assertThat(slash.code()).isEqualTo(422);
        assertThat(slash.body().path("message").asString())
                .isEqualTo("ClusterRole.rbac.authorization.k8s.io \"a/b\" is invalid: metadata.name: Invalid value: \"a/b\": "
                        + "may not contain '/'");
    }

    @Test
    void discoveryListsTheReviewApis() {
        var authorization = api.get("/apis/authorization.k8s.io/v1");
        assertThat(authorization.body().path("resources").findValuesAsString("name"))
                .contains("selfsubjectaccessreviews", "subjectaccessreviews", "localsubjectaccessreviews",
                        "selfsubjectrulesreviews");
        assertThat(api.get("/apis").body().path("groups").findValuesAsString("name"))
                .contains("authorization.k8s.io", "authentication.k8s.io");
        var aggregated = api.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        assertThat(aggregated.body().path("items").findValuesAsString("resource")).contains("selfsubjectreviews");
    }
}
