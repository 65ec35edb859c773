package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ValidatingAdmissionPolicies driven with the real kubectl, as Kubernetes' documentation walks
 * through them: the example policy and binding applied and listed, a Deployment with too many
 * replicas refused in a namespace the binding selects and accepted elsewhere, the binding switched
 * to Warn, and malformed policies and bindings refused.
 */
class AdmissionPoliciesIT {

    static final String NS = "vap-e2e";
    static final String OTHER = "vap-e2e-other";
    static Kubectl kubectl;
    static LocalCluster cluster;

    @BeforeAll
    static void startCluster() {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
    }

    @AfterAll
    static void cleanUp() {
        kubectl.run("delete", "-f", cluster.home.resolve("examples").resolve("validating-admission-policy.yaml").toString(),
                "--ignore-not-found");
        kubectl.run("delete", "namespace", NS, OTHER, "--wait=false", "--ignore-not-found");
    }

    static Kubectl.Result ok(String... args) {
        Kubectl.Result r = kubectl.run(args);
        assertThat(r.code()).as(r.all()).isZero();
        return r;
    }

    @Test
    void theDocumentationsReplicaLimitHoldsInTheNamespacesItsBindingSelects() {
        var applied = ok("apply", "-f", cluster.home.resolve("examples").resolve("validating-admission-policy.yaml").toString());
        assertThat(applied.stdout())
                .contains("validatingadmissionpolicy.admissionregistration.k8s.io/demo-policy.example.com created")
                .contains("validatingadmissionpolicybinding.admissionregistration.k8s.io/demo-binding-test.example.com created");
        assertThat(ok("get", "validatingadmissionpolicies").stdout())
                .containsPattern("NAME\\s+VALIDATIONS\\s+PARAMKIND\\s+AGE\\ndemo-policy.example.com\\s+1\\s+<unset>\\s+\\d+s");
        assertThat(ok("get", "validatingadmissionpolicybindings").stdout())
                .containsPattern("NAME\\s+POLICYNAME\\s+PARAMREF\\s+AGE\\ndemo-binding-test.example.com\\s+demo-policy.example.com\\s+<unset>\\s+\\d+s");
        assertThat(ok("explain", "validatingadmissionpolicy.spec.validations").stdout()).contains("expression");

        ok("create", "namespace", NS);
        ok("label", "namespace", NS, "environment=test");
        ok("create", "namespace", OTHER);

        var refused = kubectl.run("-n", NS, "create", "deployment", "nginx", "--image=busybox", "--replicas=6");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("error: failed to create deployment: deployments.apps \"nginx\" is forbidden: "
                + "ValidatingAdmissionPolicy 'demo-policy.example.com' with binding 'demo-binding-test.example.com' "
                + "denied request: failed expression: object.spec.replicas <= 5");
        assertThat(kubectl.run("-n", NS, "get", "deployment", "nginx").stderr()).contains("NotFound");
        ok("-n", OTHER, "create", "deployment", "nginx", "--image=busybox", "--replicas=6");
        ok("-n", NS, "create", "deployment", "nginx", "--image=busybox", "--replicas=0");

        var applyTooMany = kubectl.runWithInput("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nginx}
                spec:
                  replicas: 7
                  selector: {matchLabels: {app: nginx}}
                  template:
                    metadata: {labels: {app: nginx}}
                    spec: {containers: [{name: busybox, image: busybox}]}
                """, "-n", NS, "apply", "-f", "-");
        assertThat(applyTooMany.code()).isNotZero();
        assertThat(applyTooMany.stderr()).contains("The deployments \"nginx\" is invalid: : ValidatingAdmissionPolicy "
                + "'demo-policy.example.com' with binding 'demo-binding-test.example.com' denied request: failed expression: "
                + "object.spec.replicas <= 5");

        ok("patch", "validatingadmissionpolicybinding", "demo-binding-test.example.com", "--type=merge",
                "-p", "{\"spec\":{\"validationActions\":[\"Warn\"]}}");
        var warned = ok("-n", NS, "create", "deployment", "big", "--image=busybox", "--replicas=9");
        assertThat(warned.stderr()).contains("Warning: Validation failed for ValidatingAdmissionPolicy 'demo-policy.example.com' "
                + "with binding 'demo-binding-test.example.com': failed expression: object.spec.replicas <= 5");
        assertThat(ok("-n", NS, "get", "deployment", "big", "-o", "jsonpath={.spec.replicas}").stdout()).isEqualTo("9");
    }

    @Test
    void malformedPoliciesAndBindingsAreRefusedNamingTheField() {
        var policy = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicy
                metadata: {name: broken.example.com}
                spec:
                  failurePolicy: Sometimes
                  matchConstraints:
                    resourceRules:
                    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, EXPLODE], resources: [deployments]}
                  validations:
                  - expression: "object.spec.replicas <="
                """, "apply", "-f", "-");
        assertThat(policy.code()).isNotZero();
        assertThat(policy.stderr()).contains("spec.failurePolicy: Unsupported value: \"Sometimes\"")
                .contains("spec.matchConstraints.resourceRules[0].operations[1]: Unsupported value: \"EXPLODE\"")
                .contains("spec.validations[0].expression: Invalid value: \"object.spec.replicas <=\": compilation failed: ERROR:");
        var binding = kubectl.runWithInput("""
                apiVersion: admissionregistration.k8s.io/v1
                kind: ValidatingAdmissionPolicyBinding
                metadata: {name: broken-binding.example.com}
                spec:
                  policyName: demo-policy.example.com
                  validationActions: [Deny, Warn]
                """, "apply", "-f", "-");
        assertThat(binding.code()).isNotZero();
        assertThat(binding.stderr()).contains("spec.validationActions: Invalid value:")
                .contains("must not contain both Deny and Warn");
        assertThat(kubectl.run("get", "validatingadmissionpolicy", "broken.example.com").stderr()).contains("NotFound");
    }
}
