package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiClient;
import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ValidatingAdmissionPolicies against a real PostgreSQL: a bound policy refuses what its CEL
 * validations refuse, in kube-apiserver's words, on create, update and delete, with parameters,
 * warnings and failure policies; nothing refused is written; a policy whose expressions do not
 * compile is refused itself; a deleted binding no longer holds.
 */
class AdmissionPoliciesIT extends ApiServerTest {

    static final String POLICIES = "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies";
    static final String BINDINGS = "/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings";

    static String deployment(String name, int replicas) {
        return """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"%s","labels":{"app":"web"}},
                 "spec":{"replicas":%d,"selector":{"matchLabels":{"app":"web"}},
                  "template":{"metadata":{"labels":{"app":"web"}},"spec":{"containers":[{"name":"web","image":"nginx"}]}}}}"""
                .formatted(name, replicas);
    }

    void namespace(String name, String labels) {
        var r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + "}}");
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    void created(String path, String body) {
        var r = api.post(path, body);
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    @Test
    void aBoundPolicyRefusesDeploymentsWithTooManyReplicasInTheNamespacesItSelects() {
        namespace("vap-test", "{\"environment\":\"test\"}");
        namespace("vap-prod", "{\"environment\":\"prod\"}");
        created(POLICIES, """
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingAdmissionPolicy",
                 "metadata":{"name":"replica-limit"},
                 "spec":{"failurePolicy":"Fail",
                  "matchConstraints":{"resourceRules":[{"apiGroups":["apps"],"apiVersions":["v1"],
                    "operations":["CREATE","UPDATE"],"resources":["deployments"]}]},
                  "validations":[{"expression":"object.spec.replicas <= 5"}]}}""");
        created(BINDINGS, """
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingAdmissionPolicyBinding",
                 "metadata":{"name":"replica-limit-test"},
                 "spec":{"policyName":"replica-limit","validationActions":["Deny"],
                  "matchResources":{"namespaceSelector":{"matchLabels":{"environment":"test"}}}}}""");

        var refused = api.post("/apis/apps/v1/namespaces/vap-test/deployments", deployment("web", 6));
        assertThat(refused.code()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().path("reason").asString()).isEqualTo("Invalid");
        assertThat(refused.body().path("message").asString()).isEqualTo("deployments.apps \"web\" is forbidden: "
                + "ValidatingAdmissionPolicy 'replica-limit' with binding 'replica-limit-test' denied request: "
                + "failed expression: object.spec.replicas <= 5");
        assertThat(refused.body().path("details").path("causes").get(0).path("message").asString())
                .startsWith("ValidatingAdmissionPolicy 'replica-limit'");
        assertThat(api.get("/apis/apps/v1/namespaces/vap-test/deployments/web").code()).as("nothing written").isEqualTo(404);

        created("/apis/apps/v1/namespaces/vap-prod/deployments", deployment("web", 6));
        created("/apis/apps/v1/namespaces/vap-test/deployments", deployment("web", 3));
        var scaledUp = api.patch("/apis/apps/v1/namespaces/vap-test/deployments/web", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":7}}");
        assertThat(scaledUp.code()).as(scaledUp.raw()).isEqualTo(422);
        assertThat(api.get("/apis/apps/v1/namespaces/vap-test/deployments/web").body().path("spec").path("replicas").asInt())
                .isEqualTo(3);
        var throughOldGroup = api.post("/apis/extensions/v1beta1/namespaces/vap-test/deployments",
                deployment("legacy", 9).replace("apps/v1", "extensions/v1beta1"));
        assertThat(throughOldGroup.code()).as("matchPolicy Equivalent: " + throughOldGroup.raw()).isEqualTo(422);

        assertThat(api.delete(BINDINGS + "/replica-limit-test").code()).isEqualTo(200);
        var afterUnbinding = api.patch("/apis/apps/v1/namespaces/vap-test/deployments/web", "application/merge-patch+json",
                "{\"spec\":{\"replicas\":7}}");
        assertThat(afterUnbinding.code()).as(afterUnbinding.raw()).isEqualTo(200);
    }

    @Test
    void parametersWarningsAndDeletesAreHeldToPolicies() {
        namespace("vap-params", "{}");
        created(POLICIES, """
                {"apiVersion":"admissionregistration.k8s.io/v1","kind":"ValidatingAdmissionPolicy",
                 "metadata":{"name":"configured-limit"},
                 "spec":{"paramKind":{"apiVersion":"v1","kind":"ConfigMap"},
                  "matchConstraints":{"resourceRules":[{"apiGroups":["apps"],"apiVersions":["v1"],
                    "operations":["CREATE"],"resources":["deployments"]}]},
                  "validations":[{"expression":"object.spec.replicas <= int(params.data.max)",
                    "messageExpression":"'at most ' + params.data.max + ' replicas'","reason":"Forbidden"}]}}""");
        created(BINDINGS, """
                {"metadata":{"name":"configured-limit"},
                 "spec":{"policyName":"configured-limit","validationActions":["Deny"],
                  "paramRef":{"name":"limits","parameterNotFoundAction":"Deny"},
                  "matchResources":{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"vap-params"}}}}}""");

        var noParams = api.post("/apis/apps/v1/namespaces/vap-params/deployments", deployment("a", 1));
        assertThat(noParams.code()).as(noParams.raw()).isEqualTo(422);
        assertThat(noParams.body().path("message").asString()).endsWith("denied request: failed to configure binding: "
                + "no params found for policy binding with `Deny` parameterNotFoundAction");

        created("/api/v1/namespaces/vap-params/configmaps", "{\"metadata\":{\"name\":\"limits\"},\"data\":{\"max\":\"2\"}}");
        var tooMany = api.post("/apis/apps/v1/namespaces/vap-params/deployments", deployment("a", 3));
        assertThat(tooMany.code()).as(tooMany.raw()).isEqualTo(403);
        assertThat(tooMany.body().path("reason").asString()).isEqualTo("Forbidden");
        assertThat(tooMany.body().path("message").asString()).endsWith("denied request: at most 2 replicas");
        created("/apis/apps/v1/namespaces/vap-params/deployments", deployment("a", 2));

        // Warn: the write goes through, the client is told
        created(POLICIES, """
                {"metadata":{"name":"labelled"},
                 "spec":{"matchConstraints":{"resourceRules":[{"apiGroups":[""],"apiVersions":["v1"],
                    "operations":["CREATE"],"resources":["configmaps"]}]},
                  "validations":[{"expression":"has(object.metadata.labels) && 'owner' in object.metadata.labels",
                    "message":"name an owner"}]}}""");
        created(BINDINGS, """
                {"metadata":{"name":"labelled"},"spec":{"policyName":"labelled","validationActions":["Warn"],
                  "matchResources":{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"vap-params"}}}}}""");
        var warned = api.post("/api/v1/namespaces/vap-params/configmaps", "{\"metadata\":{\"name\":\"loose\"}}");
        assertThat(warned.code()).as(warned.raw()).isEqualTo(201);
        assertThat(warned.http().headers().allValues("Warning")).anySatisfy(w -> assertThat(w)
                .contains("Validation failed for ValidatingAdmissionPolicy 'labelled' with binding 'labelled': name an owner"));

        // DELETE: oldObject is the object, object is null
        created(POLICIES, """
                {"metadata":{"name":"keep-protected"},
                 "spec":{"matchConstraints":{"resourceRules":[{"apiGroups":[""],"apiVersions":["v1"],
                    "operations":["DELETE"],"resources":["configmaps"]}],
                    "objectSelector":{"matchLabels":{"protected":"true"}}},
                  "validations":[{"expression":"object == null && oldObject.metadata.name == 'never'",
                    "message":"protected objects stay","reason":"Forbidden"}]}}""");
        created(BINDINGS, "{\"metadata\":{\"name\":\"keep-protected\"},\"spec\":{\"policyName\":\"keep-protected\","
                + "\"validationActions\":[\"Deny\"]}}");
        created("/api/v1/namespaces/vap-params/configmaps", "{\"metadata\":{\"name\":\"vault\",\"labels\":{\"protected\":\"true\"}}}");
        var delete = api.delete("/api/v1/namespaces/vap-params/configmaps/vault");
        assertThat(delete.code()).as(delete.raw()).isEqualTo(403);
        assertThat(delete.body().path("message").asString()).isEqualTo("configmaps \"vault\" is forbidden: ValidatingAdmissionPolicy "
                + "'keep-protected' with binding 'keep-protected' denied request: protected objects stay");
        assertThat(api.get("/api/v1/namespaces/vap-params/configmaps/vault").code()).isEqualTo(200);
        assertThat(api.delete("/api/v1/namespaces/vap-params/configmaps/limits").code()).as("not protected").isEqualTo(200);
    }

    @Test
    void aPolicyWhoseExpressionsDoNotCompileIsRefused() {
        var refused = api.post(POLICIES, """
                {"metadata":{"name":"broken"},
                 "spec":{"matchConstraints":{"resourceRules":[{"apiGroups":["*"],"apiVersions":["*"],
                    "operations":["*"],"resources":["*"]}]},
                  "validations":[{"expression":"object.spec.replicas <="},{"expression":"quantity(object.x) > 1"}]}}""");
        assertThat(refused.code()).as(refused.raw()).isEqualTo(422);
        assertThat(refused.body().path("message").asString())
                .contains("spec.validations[0].expression: Invalid value: \"object.spec.replicas <=\": compilation failed: ERROR: <input>:1:")
                .contains("spec.validations[1].expression").contains("found no matching overload for '_>_' applied to '(kubernetes.Quantity");
        assertThat(api.get(POLICIES + "/broken").code()).isEqualTo(404);
        assertThat(api.get("/apis/admissionregistration.k8s.io/v1").body().toString())
                .contains("\"name\":\"validatingadmissionpolicies\"").contains("\"name\":\"validatingadmissionpolicybindings\"");
    }

    ApiClient.Response postAs(String user, String path, String body) {
        return api.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .header("Content-Type", "application/json").header("X-Remote-User", user)
                .header("X-Remote-Group", "system:authenticated").POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void theAuthorizerAsksRbacWhatTheRequestingUserMayDo() {
        namespace("vap-authz", "{}");
        String rbac = "/apis/rbac.authorization.k8s.io/v1";
        created(rbac + "/clusterroles", """
                {"metadata":{"name":"vap-deployment-writer"},
                 "rules":[{"apiGroups":["apps"],"resources":["deployments"],"verbs":["create"]}]}""");
        created(rbac + "/clusterroles", """
                {"metadata":{"name":"vap-scaler"},
                 "rules":[{"apiGroups":["apps"],"resources":["deployments/scale"],"verbs":["update"]}]}""");
        created(rbac + "/namespaces/vap-authz/rolebindings", """
                {"metadata":{"name":"writers"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",
                  "name":"vap-deployment-writer"},
                 "subjects":[{"kind":"User","name":"ann"},{"kind":"User","name":"ben"}]}""");
        created(rbac + "/namespaces/vap-authz/rolebindings", """
                {"metadata":{"name":"scalers"},"roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole",
                  "name":"vap-scaler"},"subjects":[{"kind":"User","name":"ann"}]}""");
        created(POLICIES, """
                {"metadata":{"name":"scalers-only"},
                 "spec":{"matchConstraints":{"resourceRules":[{"apiGroups":["apps"],"apiVersions":["v1"],
                    "operations":["CREATE"],"resources":["deployments"]}]},
                  "validations":[{"expression":
                    "object.spec.replicas <= 5 || authorizer.requestResource.subresource('scale').check('update').allowed()",
                    "messageExpression":"request.userInfo.username + ' may not scale deployments beyond 5 replicas'",
                    "reason":"Forbidden"}]}}""");
        created(BINDINGS, """
                {"metadata":{"name":"scalers-only"},"spec":{"policyName":"scalers-only","validationActions":["Deny"],
                  "matchResources":{"namespaceSelector":{"matchLabels":{"kubernetes.io/metadata.name":"vap-authz"}}}}}""");

        var ben = postAs("ben", "/apis/apps/v1/namespaces/vap-authz/deployments", deployment("big", 6));
        assertThat(ben.code()).as(ben.raw()).isEqualTo(403);
        assertThat(ben.body().path("message").asString()).isEqualTo("deployments.apps \"big\" is forbidden: "
                + "ValidatingAdmissionPolicy 'scalers-only' with binding 'scalers-only' denied request: "
                + "ben may not scale deployments beyond 5 replicas");
        var small = postAs("ben", "/apis/apps/v1/namespaces/vap-authz/deployments", deployment("small", 5));
        assertThat(small.code()).as(small.raw()).isEqualTo(201);
        var ann = postAs("ann", "/apis/apps/v1/namespaces/vap-authz/deployments", deployment("big", 6));
        assertThat(ann.code()).as(ann.raw()).isEqualTo(201);
    }
}
