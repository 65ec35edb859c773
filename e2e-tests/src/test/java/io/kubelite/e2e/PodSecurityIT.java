package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Pod Security Admission driven with the real kubectl, as Kubernetes' documentation walks through
 * it: namespace labels that enforce one standard and warn about a stricter one, a pod refused, a
 * pod admitted with a warning, a label value that is not a level refused, and the warning about
 * existing pods when the enforce level is raised.
 */
class PodSecurityIT {

    static final String NS = "psa-e2e";
    static LocalCluster cluster;
    static Kubectl kubectl;

    @BeforeAll
    static void start() {
        cluster = LocalCluster.get();
        kubectl = new Kubectl(cluster.kubeconfig());
    }

    @AfterAll
    static void cleanUp() {
        kubectl.run("delete", "namespace", NS, "secure", "--wait=false", "--ignore-not-found");
    }

    static Kubectl.Result ok(Kubectl.Result r) {
        assertThat(r.code()).as(r.all()).isZero();
        return r;
    }

    @Test
    void namespaceLabelsEnforceAndWarnAboutPodSecurityStandards() {
        ok(kubectl.run("create", "namespace", NS));
        ok(kubectl.run("label", "namespace", NS, "pod-security.kubernetes.io/enforce=baseline",
                "pod-security.kubernetes.io/warn=restricted"));

        var privileged = kubectl.runWithInput("""
                apiVersion: v1
                kind: Pod
                metadata: {name: privileged}
                spec:
                  containers:
                  - {name: app, image: busybox, command: [sleep, "3600"], securityContext: {privileged: true}}
                """, "-n", NS, "apply", "-f", "-");
        assertThat(privileged.code()).isNotZero();
        assertThat(privileged.stderr()).contains("pods \"privileged\" is forbidden: violates PodSecurity \"baseline:latest\": "
                + "privileged (container \"app\" must not set securityContext.privileged=true)");

        var plain = ok(kubectl.run("-n", NS, "run", "plain", "--image=busybox", "--", "sleep", "3600"));
        assertThat(plain.stderr()).contains("Warning: would violate PodSecurity \"restricted:latest\": "
                + "allowPrivilegeEscalation != false (container \"plain\" must set securityContext.allowPrivilegeEscalation=false)");

        var typo = kubectl.run("label", "namespace", NS, "pod-security.kubernetes.io/enforce=strict", "--overwrite");
        assertThat(typo.code()).isNotZero();
        assertThat(typo.stderr()).contains("metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\"");

        var raised = ok(kubectl.run("label", "namespace", NS, "pod-security.kubernetes.io/enforce=restricted", "--overwrite"));
        assertThat(raised.stderr())
                .contains("Warning: existing pods in namespace \"psa-e2e\" violate the new PodSecurity enforce level \"restricted:latest\"")
                .contains("Warning: plain: allowPrivilegeEscalation != false, unrestricted capabilities, runAsNonRoot != true, seccompProfile");

        var example = ok(kubectl.run("apply", "-f", cluster.home.resolve("examples").resolve("pod-security-restricted.yaml").toString()));
        assertThat(example.stdout()).contains("namespace/secure created").contains("pod/tight created");
        assertThat(example.stderr()).doesNotContain("would violate");
    }
}
