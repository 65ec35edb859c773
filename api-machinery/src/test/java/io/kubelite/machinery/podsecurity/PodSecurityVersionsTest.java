package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.PodFixtures.baselinePod;
import static io.kubelite.machinery.podsecurity.PodFixtures.check;
import static io.kubelite.machinery.podsecurity.PodFixtures.container;
import static io.kubelite.machinery.podsecurity.PodFixtures.restrictedPod;
import static io.kubelite.machinery.podsecurity.PodFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How the policy version picks check revisions, and which checks exist at a level. */
class PodSecurityVersionsTest {

    private static LevelVersion baseline(String version) {
        return new LevelVersion(Level.BASELINE, version);
    }

    private static LevelVersion restricted(String version) {
        return new LevelVersion(Level.RESTRICTED, version);
    }

    private static Pod withSysctl(String name) {
        return baselinePod().editSpec().withNewSecurityContext().withSysctls(new Sysctl(name, "1")).endSecurityContext()
                .endSpec().build();
    }

    static Stream<Arguments> sysctlsBecomeSafe() {
        return Stream.of(
                Arguments.of("net.ipv4.ip_local_reserved_ports", "v1.26", "v1.27"),
                Arguments.of("net.ipv4.tcp_keepalive_time", "v1.28", "v1.29"),
                Arguments.of("net.ipv4.tcp_fin_timeout", "v1.28", "v1.29"),
                Arguments.of("net.ipv4.tcp_rmem", "v1.31", "v1.32"),
                Arguments.of("net.ipv4.tcp_wmem", "v1.31", "latest"));
    }

    @ParameterizedTest(name = "{0} is forbidden at {1}, allowed from {2}")
    @MethodSource
    void sysctlsBecomeSafe(String sysctl, String before, String from) {
        assertThat(check(baseline(before), withSysctl(sysctl))).containsExactly(v("forbidden sysctls", sysctl));
        assertThat(check(baseline(from), withSysctl(sysctl))).isEmpty();
    }

    @Test
    void containerEngineSeLinuxTypeIsAllowedFromV131() {
        Pod pod = baselinePod().editSpec().editFirstContainer().withNewSecurityContext().withNewSeLinuxOptions()
                .withType("container_engine_t").endSeLinuxOptions().endSecurityContext().endContainer().endSpec().build();
        assertThat(check(baseline("v1.30"), pod)).containsExactly(v("seLinuxOptions",
                "container \"app\" set forbidden securityContext.seLinuxOptions: type \"container_engine_t\""));
        assertThat(check(baseline("v1.31"), pod)).isEmpty();
    }

    @Test
    void beforeV119BaselineChecksSeccompAnnotationsInsteadOfFields() {
        Pod pod = baselinePod().editMetadata().withAnnotations(Map.of(
                        "seccomp.security.alpha.kubernetes.io/pod", "unconfined",
                        "container.seccomp.security.alpha.kubernetes.io/a", "unconfined",
                        "container.seccomp.security.alpha.kubernetes.io/b", "unknown",
                        "container.seccomp.security.alpha.kubernetes.io/c", "docker/default",
                        "container.seccomp.security.alpha.kubernetes.io/gone", "unconfined"))
                .endMetadata()
                .editSpec().withContainers(container("a"), container("b"), container("c"))
                .withNewSecurityContext().withNewSeccompProfile().withType("Unconfined").endSeccompProfile().endSecurityContext()
                .endSpec().build();
        assertThat(check(baseline("v1.18"), pod)).containsExactly(v("seccompProfile", "forbidden annotations "
                + "container.seccomp.security.alpha.kubernetes.io/a=\"unconfined\", "
                + "container.seccomp.security.alpha.kubernetes.io/b=\"unknown\", "
                + "seccomp.security.alpha.kubernetes.io/pod=\"unconfined\""));
        assertThat(check(baseline("v1.19"), pod)).containsExactly(
                v("seccompProfile", "pod must not set securityContext.seccompProfile.type to \"Unconfined\""));
    }

    @Test
    void restrictedChecksAppearAtTheVersionThatIntroducedThem() {
        Pod bare = baselinePod().build();
        assertThat(check(restricted("v1.7"), bare)).extracting(Violation::reason).containsExactly("runAsNonRoot != true");
        assertThat(check(restricted("v1.8"), bare)).extracting(Violation::reason)
                .containsExactly("allowPrivilegeEscalation != false", "runAsNonRoot != true");
        assertThat(check(restricted("v1.19"), bare)).extracting(Violation::reason)
                .containsExactly("allowPrivilegeEscalation != false", "runAsNonRoot != true", "seccompProfile");
        assertThat(check(restricted("v1.22"), bare)).extracting(Violation::reason).containsExactly(
                "allowPrivilegeEscalation != false", "unrestricted capabilities", "runAsNonRoot != true", "seccompProfile");
    }

    @Test
    void beforeV122RestrictedUsesTheBaselineCapabilityCheck() {
        Pod pod = restrictedPod().editSpec().editFirstContainer().editSecurityContext().editCapabilities()
                .withDrop().withAdd("CHOWN", "SYS_ADMIN").endCapabilities().endSecurityContext().endContainer().endSpec().build();
        assertThat(check(restricted("v1.21"), pod)).containsExactly(v("non-default capabilities",
                "container \"app\" must not include \"SYS_ADMIN\" in securityContext.capabilities.add"));
        assertThat(check(restricted("v1.22"), pod)).containsExactly(v("unrestricted capabilities",
                "container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]; "
                        + "container \"app\" must not include \"CHOWN\", \"SYS_ADMIN\" in securityContext.capabilities.add"));
    }

    @Test
    void runAsUserZeroIsForbiddenFromV123() {
        Pod pod = restrictedPod().editSpec().editSecurityContext().withRunAsUser(0L).endSecurityContext().endSpec().build();
        assertThat(check(restricted("v1.22"), pod)).isEmpty();
        assertThat(check(restricted("v1.23"), pod)).containsExactly(v("runAsUser=0", "pod must not set runAsUser=0"));
    }

    @Test
    void windowsPodsAreExemptFromLinuxOnlyChecksFromV125() {
        Pod pod = new PodBuilder().withNewMetadata().withName("win").endMetadata().withNewSpec().withNewOs("windows")
                .withNewSecurityContext().withRunAsNonRoot(true).endSecurityContext()
                .addToContainers(container("app")).endSpec().build();
        assertThat(check(restricted("v1.24"), pod)).extracting(Violation::reason)
                .containsExactly("allowPrivilegeEscalation != false", "unrestricted capabilities", "seccompProfile");
        assertThat(check(restricted("v1.25"), pod)).isEmpty();
    }

    @Test
    void versionsNewerThanAnyCheckEvaluateAsLatestButKeepTheirName() {
        LevelVersion future = restricted("v1.40");
        Pod pod = withSysctl("net.ipv4.tcp_rmem");
        assertThat(check(future, pod)).isEqualTo(check(PodFixtures.RESTRICTED, pod));
        assertThat(PodSecurity.message(future, check(future, pod))).startsWith("violates PodSecurity \"restricted:v1.40\": ");
    }

    @Test
    void privilegedEvaluatesNothing() {
        Pod pod = baselinePod().editSpec().withHostNetwork(true).editFirstContainer().withNewSecurityContext()
                .withPrivileged(true).endSecurityContext().endContainer().endSpec().build();
        assertThat(check(LevelVersion.latest(Level.PRIVILEGED), pod)).isEmpty();
    }

    @Test
    void checksRunBaselineFirstThenRestrictedEachSortedById() {
        Pod pod = baselinePod().editMetadata().withAnnotations(Map.of(
                        "container.apparmor.security.beta.kubernetes.io/app", "unconfined")).endMetadata()
                .editSpec().withHostPID(true)
                .withNewSecurityContext().withSysctls(new Sysctl("kernel.msgmax", "1")).withNewSeLinuxOptions().withRole("r")
                .endSeLinuxOptions().withNewWindowsOptions().withHostProcess(true).endWindowsOptions().endSecurityContext()
                .editFirstContainer().addNewPort().withContainerPort(80).withHostPort(80).endPort()
                .withNewSecurityContext().withPrivileged(true).withProcMount("Unmasked").withRunAsUser(0L).endSecurityContext()
                .endContainer()
                .addNewVolume().withName("v").withNewHostPath().withPath("/").endHostPath().endVolume()
                .endSpec().build();
        assertThat(check(PodFixtures.BASELINE, pod)).extracting(Violation::reason).containsExactly(
                "forbidden AppArmor profile", "host namespaces", "hostPath volumes", "hostPort", "privileged", "procMount",
                "seLinuxOptions", "forbidden sysctls", "hostProcess");
        assertThat(check(PodFixtures.RESTRICTED, pod)).extracting(Violation::reason).containsExactly(
                "forbidden AppArmor profile", "host namespaces", "hostPort", "privileged", "procMount", "seLinuxOptions",
                "forbidden sysctls", "hostProcess", "allowPrivilegeEscalation != false", "unrestricted capabilities",
                "restricted volume types", "runAsNonRoot != true", "runAsUser=0", "seccompProfile");
    }

    @Test
    void levelVersionsPrintAsKubeQuotesThem() {
        assertThat(LevelVersion.latest(Level.RESTRICTED)).hasToString("restricted:latest");
        assertThat(baseline("v1.25")).hasToString("baseline:v1.25");
        assertThat(List.of("latest", "v1.0", "v1.32", "v1.100")).allMatch(LevelVersion::validVersion);
        assertThat(Stream.of("", "1.25", "v1.05", "v2.0", "v1.", "Latest", "v1.99999999999999999999"))
                .noneMatch(LevelVersion::validVersion);
        assertThatThrownBy(() -> baseline("v1.05")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("version \"v1.05\" must be \"latest\" or \"v1.x\"");
    }
}
