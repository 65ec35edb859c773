package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.PodFixtures.BASELINE;
import static io.kubelite.machinery.podsecurity.PodFixtures.RESTRICTED;
import static io.kubelite.machinery.podsecurity.PodFixtures.baselinePod;
import static io.kubelite.machinery.podsecurity.PodFixtures.check;
import static io.kubelite.machinery.podsecurity.PodFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The aggregated texts kube-apiserver returns for enforce, warn and audit. */
class PodSecurityMessagesTest {

    private static final String BARE_CONTAINER_C = "allowPrivilegeEscalation != false (container \"c\" must set "
            + "securityContext.allowPrivilegeEscalation=false), unrestricted capabilities (container \"c\" must set "
            + "securityContext.capabilities.drop=[\"ALL\"]), runAsNonRoot != true (pod or container \"c\" must set "
            + "securityContext.runAsNonRoot=true), seccompProfile (pod or container \"c\" must set "
            + "securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\")";

    private static Pod bareContainerC() {
        return new PodBuilder().withNewMetadata().withName("nginx").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("nginx").endContainer().endSpec().build();
    }

    @Test
    void aBarePodViolatesFourRestrictedChecks() {
        assertThat(PodSecurity.message(RESTRICTED, check(RESTRICTED, bareContainerC())))
                .isEqualTo("violates PodSecurity \"restricted:latest\": " + BARE_CONTAINER_C);
    }

    @Test
    void enforceRejectsWithAForbiddenMessageNamingThePod() {
        assertThat(PodSecurity.forbidden("nginx", RESTRICTED, check(RESTRICTED, bareContainerC())))
                .isEqualTo("pods \"nginx\" is forbidden: violates PodSecurity \"restricted:latest\": " + BARE_CONTAINER_C);
        assertThat(PodSecurity.forbidden("", RESTRICTED, check(RESTRICTED, bareContainerC())))
                .startsWith("pods is forbidden: violates PodSecurity ");
    }

    @Test
    void warnPutsEveryViolationIntoOneWarning() {
        LevelVersion pinned = new LevelVersion(Level.RESTRICTED, "v1.28");
        assertThat(PodSecurity.warning(pinned, check(pinned, bareContainerC())))
                .isEqualTo("would violate PodSecurity \"restricted:v1.28\": " + BARE_CONTAINER_C);
    }

    @Test
    void violationsWithoutDetailPrintTheReasonAlone() {
        List<Violation> violations = List.of(v("host ports", "8080, 9090"), v("privileged containers", ""),
                v("non-default capabilities", "NET_RAW"), v(null, null));
        assertThat(PodSecurity.message(BASELINE, violations)).isEqualTo("violates PodSecurity \"baseline:latest\": "
                + "host ports (8080, 9090), privileged containers, non-default capabilities (NET_RAW), unknown forbidden reason");
    }

    @Test
    void severalBaselineViolationsInEvaluationOrder() {
        Pod pod = baselinePod().editSpec().withHostNetwork(true)
                .addNewVolume().withName("docker").withNewHostPath().withPath("/var/run/docker.sock").endHostPath().endVolume()
                .editFirstContainer().addNewPort().withContainerPort(80).withHostPort(80).endPort()
                .withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer().endSpec().build();
        List<Violation> violations = check(BASELINE, pod);
        assertThat(PodSecurity.forbidden("web", BASELINE, violations)).isEqualTo(
                "pods \"web\" is forbidden: violates PodSecurity \"baseline:latest\": host namespaces (hostNetwork=true), "
                        + "hostPath volumes (volume \"docker\"), hostPort (container \"app\" uses hostPort 80), "
                        + "privileged (container \"app\" must not set securityContext.privileged=true)");
        assertThat(PodSecurity.reasons(violations)).isEqualTo("host namespaces, hostPath volumes, hostPort, privileged");
    }
}
