package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pod Security Admission against a real PostgreSQL: a namespace's {@code pod-security.kubernetes.io}
 * labels refuse (enforce) or warn about (warn) pods that break the standard they name, warn about
 * workloads whose pod templates would; label values that name no level are refused; raising the
 * enforce level warns about the pods already there.
 */
class PodSecurityIT extends ApiServerTest {

    static final String LOOSE_POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
             "spec":{"containers":[{"name":"web","image":"nginx"}]}}""";
    static final String RESTRICTED_POD = """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"%s"},
             "spec":{"securityContext":{"runAsNonRoot":true,"seccompProfile":{"type":"RuntimeDefault"}},
              "containers":[{"name":"web","image":"nginx","securityContext":{"allowPrivilegeEscalation":false,
                "capabilities":{"drop":["ALL"]}}}]}}""";

    void namespace(String name, String labels) {
        var r = api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + name + "\",\"labels\":" + labels + "}}");
        assertThat(r.code()).as(r.raw()).isEqualTo(201);
    }

    @Test
    void aRestrictedNamespaceRefusesALoosePodAndTakesAConformingOne() {
        namespace("psa-restricted", "{\"pod-security.kubernetes.io/enforce\":\"restricted\"}");

        var refused = api.post("/api/v1/namespaces/psa-restricted/pods", LOOSE_POD.formatted("loose"));
        assertThat(refused.code()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.body().path("message").asString()).isEqualTo("pods \"loose\" is forbidden: violates PodSecurity "
                + "\"restricted:latest\": allowPrivilegeEscalation != false (container \"web\" must set "
                + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"web\" must set "
                + "securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"web\" must set "
                + "securityContext.runAsNonRoot=true), seccompProfile (pod or container \"web\" must set "
                + "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")");
        assertThat(api.get("/api/v1/namespaces/psa-restricted/pods/loose").code()).isEqualTo(404);

        var taken = api.post("/api/v1/namespaces/psa-restricted/pods", RESTRICTED_POD.formatted("tight"));
        assertThat(taken.code()).as(taken.raw()).isEqualTo(201);
    }

    @Test
    void warnModeWarnsAboutPodsAndWorkloadTemplates() {
        namespace("psa-warn", "{\"pod-security.kubernetes.io/warn\":\"baseline\"}");

        var pod = api.post("/api/v1/namespaces/psa-warn/pods", """
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"host"},
                 "spec":{"hostNetwork":true,"containers":[{"name":"web","image":"nginx"}]}}""");
        assertThat(pod.code()).as(pod.raw()).isEqualTo(201);
        assertThat(pod.http().headers().allValues("Warning")).anySatisfy(w -> assertThat(w.replace("\\\"", "\""))
                .contains("would violate PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true)"));

        var deployment = api.post("/apis/apps/v1/namespaces/psa-warn/deployments", """
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"privileged"},
                 "spec":{"selector":{"matchLabels":{"app":"p"}},"template":{"metadata":{"labels":{"app":"p"}},
                  "spec":{"containers":[{"name":"web","image":"nginx","securityContext":{"privileged":true}}]}}}}""");
        assertThat(deployment.code()).as(deployment.raw()).isEqualTo(201);
        assertThat(deployment.http().headers().allValues("Warning")).anySatisfy(w -> assertThat(w.replace("\\\"", "\""))
                .contains("would violate PodSecurity \"baseline:latest\": privileged (container \"web\" must not set "
                        + "securityContext.privileged=true)"));
    }

    @Test
    void namespaceLabelsAreCheckedAndRaisingEnforceWarnsAboutExistingPods() {
        var invalid = api.post("/api/v1/namespaces",
                "{\"metadata\":{\"name\":\"psa-typo\",\"labels\":{\"pod-security.kubernetes.io/enforce\":\"strict\"}}}");
        assertThat(invalid.code()).as(invalid.raw()).isEqualTo(422);
        assertThat(invalid.body().path("message").asString())
                .contains("metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\"");

        namespace("psa-raise", "{}");
        assertThat(api.post("/api/v1/namespaces/psa-raise/pods", LOOSE_POD.formatted("old-pod")).code()).isEqualTo(201);
        var raised = api.patch("/api/v1/namespaces/psa-raise", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"pod-security.kubernetes.io/enforce\":\"restricted\"}}}");
        assertThat(raised.code()).as(raised.raw()).isEqualTo(200);
        assertThat(raised.http().headers().allValues("Warning")).anySatisfy(w -> assertThat(w.replace("\\\"", "\""))
                .contains("existing pods in namespace \"psa-raise\" violate the new PodSecurity enforce level \"restricted:latest\""));
        assertThat(raised.http().headers().allValues("Warning")).anySatisfy(w -> assertThat(w.replace("\\\"", "\"")).contains("old-pod: "));
    }
}
