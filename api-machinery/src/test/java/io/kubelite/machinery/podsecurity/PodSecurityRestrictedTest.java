package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.PodFixtures.RESTRICTED;
import static io.kubelite.machinery.podsecurity.PodFixtures.check;
import static io.kubelite.machinery.podsecurity.PodFixtures.container;
import static io.kubelite.machinery.podsecurity.PodFixtures.hardened;
import static io.kubelite.machinery.podsecurity.PodFixtures.named;
import static io.kubelite.machinery.podsecurity.PodFixtures.restrictedPod;
import static io.kubelite.machinery.podsecurity.PodFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Restricted-only checks. Each row changes the compliant {@link PodFixtures#restrictedPod()} and
 * names what the one check under test reports; other checks a change trips are not this table's concern.
 */
class PodSecurityRestrictedTest {

    private static void assertRestricted(String reason, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        List<Violation> found = check(RESTRICTED, change.apply(restrictedPod()).build()).stream()
                .filter(violation -> violation.reason().equals(reason)).toList();
        assertThat(found).containsExactlyElementsOf(expected);
    }

    @Test
    void theFixturePassesRestricted() {
        assertThat(check(RESTRICTED, restrictedPod().build())).isEmpty();
    }

    static Stream<Arguments> restrictedVolumes() {
        return Stream.of(
                named("the allowed sources", p -> p.editSpec().addToVolumes(
                        new VolumeBuilder().withName("a1").withNewConfigMap().withName("cm").endConfigMap().build(),
                        new VolumeBuilder().withName("a2").withNewSecret().withSecretName("s").endSecret().build(),
                        new VolumeBuilder().withName("a3").withNewPersistentVolumeClaim().withClaimName("c").endPersistentVolumeClaim().build(),
                        new VolumeBuilder().withName("a4").withNewDownwardAPI().endDownwardAPI().build(),
                        new VolumeBuilder().withName("a5").withNewEmptyDir().endEmptyDir().build(),
                        new VolumeBuilder().withName("a6").withNewProjected().endProjected().build(),
                        new VolumeBuilder().withName("a7").withNewCsi().withDriver("d").endCsi().build(),
                        new VolumeBuilder().withName("a8").withNewEphemeral().endEphemeral().build()).endSpec()),
                named("hostPath is reported here, not as hostPath volumes", p -> p.editSpec().addToVolumes(
                                new VolumeBuilder().withName("logs").withNewHostPath().withPath("/var/log").endHostPath().build())
                                .endSpec(),
                        v("restricted volume types", "volume \"logs\" uses restricted volume type \"hostPath\"")),
                named("volumes in spec order, types sorted; image and empty sources are unknown", p -> p.editSpec().addToVolumes(
                                new VolumeBuilder().withName("share").withNewNfs().withServer("nfs").withPath("/").endNfs().build(),
                                new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
                                new VolumeBuilder().withName("repo").withNewGitRepo().withRepository("r").endGitRepo().build(),
                                new VolumeBuilder().withName("img").withNewImage().withReference("busybox").endImage().build(),
                                new VolumeBuilder().withName("nothing").build(),
                                new VolumeBuilder().withName("ceph").withNewCephfs().withMonitors("m").endCephfs().build())
                                .endSpec(),
                        v("restricted volume types", "volumes \"share\", \"repo\", \"img\", \"nothing\", \"ceph\" use "
                                + "restricted volume types \"cephfs\", \"gitRepo\", \"nfs\", \"unknown\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void restrictedVolumes(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertRestricted("restricted volume types", change, expected);
        assertThat(check(RESTRICTED, change.apply(restrictedPod()).build())).extracting(Violation::reason)
                .doesNotContain("hostPath volumes");
    }

    static Stream<Arguments> allowPrivilegeEscalation() {
        return Stream.of(
                named("explicitly false", p -> p),
                named("unset counts as allowed", p -> p.editSpec().withContainers(
                                container("a"),
                                hardened("b", sc -> sc.withAllowPrivilegeEscalation(null)),
                                hardened("c", sc -> sc.withAllowPrivilegeEscalation(true)),
                                hardened("d", sc -> sc)).endSpec(),
                        v("allowPrivilegeEscalation != false",
                                "containers \"a\", \"b\", \"c\" must set securityContext.allowPrivilegeEscalation=false")),
                named("a linux pod is not exempt", p -> p.editSpec().withNewOs("linux").withContainers(container("a")).endSpec(),
                        v("allowPrivilegeEscalation != false", "container \"a\" must set securityContext.allowPrivilegeEscalation=false")),
                named("a windows pod is exempt", p -> p.editSpec().withNewOs("windows").withContainers(container("a")).endSpec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void allowPrivilegeEscalation(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertRestricted("allowPrivilegeEscalation != false", change, expected);
    }

    static Stream<Arguments> capabilitiesRestricted() {
        return Stream.of(
                named("drop ALL, add NET_BIND_SERVICE", p -> p.editSpec().withContainers(hardened("app",
                        sc -> sc.editCapabilities().withAdd("NET_BIND_SERVICE").endCapabilities())).endSpec()),
                named("no capabilities", p -> p.editSpec().withContainers(hardened("app", sc -> sc.withCapabilities(null)))
                                .endSpec(),
                        v("unrestricted capabilities", "container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]")),
                named("dropping less than ALL", p -> p.editSpec().withContainers(hardened("app",
                                sc -> sc.editCapabilities().withDrop("NET_RAW").endCapabilities())).endSpec(),
                        v("unrestricted capabilities", "container \"app\" must set securityContext.capabilities.drop=[\"ALL\"]")),
                named("adding more than NET_BIND_SERVICE, even a default", p -> p.editSpec().withContainers(hardened("app",
                                sc -> sc.editCapabilities().withAdd("SYS_TIME", "NET_BIND_SERVICE", "CHOWN").endCapabilities()))
                                .endSpec(),
                        v("unrestricted capabilities",
                                "container \"app\" must not include \"CHOWN\", \"SYS_TIME\" in securityContext.capabilities.add")),
                named("both halves, joined with a semicolon", p -> p.editSpec().withContainers(
                                container("a"),
                                hardened("b", sc -> sc.editCapabilities().withAdd("SYS_ADMIN").endCapabilities()),
                                hardened("c", sc -> sc.editCapabilities().withDrop().withAdd("NET_RAW").endCapabilities()))
                                .endSpec(),
                        v("unrestricted capabilities", "containers \"a\", \"c\" must set securityContext.capabilities.drop=[\"ALL\"]; "
                                + "containers \"b\", \"c\" must not include \"NET_RAW\", \"SYS_ADMIN\" in securityContext.capabilities.add")),
                named("a windows pod is exempt", p -> p.editSpec().withNewOs("windows").withContainers(container("a")).endSpec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void capabilitiesRestricted(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertRestricted("unrestricted capabilities", change, expected);
        assertThat(check(RESTRICTED, change.apply(restrictedPod()).build())).extracting(Violation::reason)
                .doesNotContain("non-default capabilities");
    }

    static Stream<Arguments> runAsNonRoot() {
        return Stream.of(
                named("set on the pod", p -> p),
                named("set on every container instead", p -> p.editSpec().editSecurityContext().withRunAsNonRoot(null)
                        .endSecurityContext().withContainers(hardened("a", sc -> sc.withRunAsNonRoot(true))).endSpec()),
                named("set nowhere", p -> p.editSpec().editSecurityContext().withRunAsNonRoot(null).endSecurityContext()
                                .withContainers(hardened("a", sc -> sc), hardened("b", sc -> sc.withRunAsNonRoot(true))).endSpec(),
                        v("runAsNonRoot != true", "pod or container \"a\" must set securityContext.runAsNonRoot=true")),
                named("false on the pod, though true on its container", p -> p.editSpec().editSecurityContext()
                                .withRunAsNonRoot(false).endSecurityContext()
                                .withContainers(hardened("a", sc -> sc.withRunAsNonRoot(true))).endSpec(),
                        v("runAsNonRoot != true", "pod must not set securityContext.runAsNonRoot=false")),
                named("an explicit false is reported before unset containers", p -> p.editSpec().editSecurityContext()
                                .withRunAsNonRoot(null).endSecurityContext()
                                .withContainers(hardened("a", sc -> sc), hardened("b", sc -> sc.withRunAsNonRoot(false))).endSpec(),
                        v("runAsNonRoot != true", "container \"b\" must not set securityContext.runAsNonRoot=false")),
                named("false on the pod and a container", p -> p.editSpec().editSecurityContext().withRunAsNonRoot(false)
                                .endSecurityContext().withContainers(hardened("a", sc -> sc.withRunAsNonRoot(false))).endSpec(),
                        v("runAsNonRoot != true", "pod and container \"a\" must not set securityContext.runAsNonRoot=false")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void runAsNonRoot(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertRestricted("runAsNonRoot != true", change, expected);
    }

    static Stream<Arguments> runAsUser() {
        return Stream.of(
                named("non-zero users", p -> p.editSpec().editSecurityContext().withRunAsUser(1000L).endSecurityContext()
                        .withContainers(hardened("a", sc -> sc.withRunAsUser(1001L))).endSpec()),
                named("root on the pod", p -> p.editSpec().editSecurityContext().withRunAsUser(0L).endSecurityContext().endSpec(),
                        v("runAsUser=0", "pod must not set runAsUser=0")),
                named("root on the pod and containers", p -> p.editSpec().editSecurityContext().withRunAsUser(0L)
                                .endSecurityContext().withContainers(hardened("a", sc -> sc.withRunAsUser(0L)),
                                        hardened("b", sc -> sc.withRunAsUser(0L)), hardened("c", sc -> sc.withRunAsUser(5L))).endSpec(),
                        v("runAsUser=0", "pod and containers \"a\", \"b\" must not set runAsUser=0")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void runAsUser(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertRestricted("runAsUser=0", change, expected);
    }

    static Stream<Arguments> seccompProfileRestricted() {
        return Stream.of(
                named("RuntimeDefault on the pod", p -> p),
                named("Localhost on each container", p -> p.editSpec().editSecurityContext().withSeccompProfile(null)
                        .endSecurityContext().withContainers(hardened("a", sc -> sc.withNewSeccompProfile().withType("Localhost")
                                .withLocalhostProfile("p.json").endSeccompProfile())).endSpec()),
                named("set nowhere", p -> p.editSpec().editSecurityContext().withSeccompProfile(null).endSecurityContext().endSpec(),
                        v("seccompProfile", "pod or container \"app\" must set securityContext.seccompProfile.type to "
                                + "\"RuntimeDefault\" or \"Localhost\"")),
                named("an unconfined pod", p -> p.editSpec().editSecurityContext().editSeccompProfile().withType("Unconfined")
                                .endSeccompProfile().endSecurityContext().endSpec(),
                        v("seccompProfile", "pod must not set securityContext.seccompProfile.type to \"Unconfined\"")),
                named("unconfined containers", p -> p.editSpec()
                                .withContainers(PodSecurityProfileAndKernelTest.seccompContainers()).endSpec(),
                        v("seccompProfile", "containers \"c\", \"d\" must not set securityContext.seccompProfile.type to \"Unconfined\"")),
                named("containers falling through to no pod profile", p -> p.editSpec().editSecurityContext()
                                .withSeccompProfile(null).endSecurityContext()
                                .withContainers(container("a"), hardened("b", sc -> sc),
                                        PodSecurityProfileAndKernelTest.seccomp("d", "RuntimeDefault")).endSpec(),
                        v("seccompProfile", "pod or containers \"a\", \"b\" must set securityContext.seccompProfile.type to "
                                + "\"RuntimeDefault\" or \"Localhost\"")),
                named("a windows pod is exempt", p -> p.editSpec().withNewOs("windows").editSecurityContext()
                        .withSeccompProfile(null).endSecurityContext().endSpec()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void seccompProfileRestricted(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertRestricted("seccompProfile", change, expected);
    }
}
