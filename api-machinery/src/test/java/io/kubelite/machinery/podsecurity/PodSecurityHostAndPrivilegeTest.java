package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.PodFixtures.BASELINE;
import static io.kubelite.machinery.podsecurity.PodFixtures.baselinePod;
import static io.kubelite.machinery.podsecurity.PodFixtures.check;
import static io.kubelite.machinery.podsecurity.PodFixtures.container;
import static io.kubelite.machinery.podsecurity.PodFixtures.named;
import static io.kubelite.machinery.podsecurity.PodFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Baseline checks on host access and privilege, each a table of pods and the violations kube reports. */
class PodSecurityHostAndPrivilegeTest {

    private static void assertBaseline(UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertThat(check(BASELINE, change.apply(baselinePod()).build())).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> hostNamespaces() {
        return Stream.of(
                named("host namespaces unset", p -> p),
                named("host namespaces explicitly false",
                        p -> p.editSpec().withHostNetwork(false).withHostPID(false).withHostIPC(false).endSpec()),
                named("hostNetwork", p -> p.editSpec().withHostNetwork(true).endSpec(),
                        v("host namespaces", "hostNetwork=true")),
                named("all three, listed network, PID, IPC",
                        p -> p.editSpec().withHostIPC(true).withHostPID(true).withHostNetwork(true).endSpec(),
                        v("host namespaces", "hostNetwork=true, hostPID=true, hostIPC=true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hostNamespaces(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> privileged() {
        return Stream.of(
                named("privileged=false", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                        .withPrivileged(false).endSecurityContext().endContainer().endSpec()),
                named("a privileged container", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                        .withPrivileged(true).endSecurityContext().endContainer().endSpec(),
                        v("privileged", "container \"app\" must not set securityContext.privileged=true")),
                named("init, regular and ephemeral containers, in that order", p -> p.editSpec()
                                .editFirstContainer().withNewSecurityContext().withPrivileged(true).endSecurityContext().endContainer()
                                .addNewEphemeralContainer().withName("debug").withNewSecurityContext().withPrivileged(true)
                                .endSecurityContext().endEphemeralContainer()
                                .addNewInitContainer().withName("init").withNewSecurityContext().withPrivileged(true)
                                .endSecurityContext().endInitContainer()
                                .endSpec(),
                        v("privileged", "containers \"init\", \"app\", \"debug\" must not set securityContext.privileged=true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void privileged(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> capabilitiesBaseline() {
        return Stream.of(
                named("adding default capabilities", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                        .withNewCapabilities().withAdd("NET_BIND_SERVICE", "CHOWN", "SYS_CHROOT").endCapabilities()
                        .endSecurityContext().endContainer().endSpec()),
                named("dropping is unrestricted", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                        .withNewCapabilities().withDrop("ALL", "NET_RAW").endCapabilities()
                        .endSecurityContext().endContainer().endSpec()),
                named("NET_RAW is not a default", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                                .withNewCapabilities().withAdd("CHOWN", "NET_RAW").endCapabilities()
                                .endSecurityContext().endContainer().endSpec(),
                        v("non-default capabilities",
                                "container \"app\" must not include \"NET_RAW\" in securityContext.capabilities.add")),
                named("capabilities of all containers, once each, sorted", p -> p.editSpec().withContainers(
                                new ContainerBuilder(container("a")).withNewSecurityContext().withNewCapabilities()
                                        .withAdd("FOO", "BAR").endCapabilities().endSecurityContext().build(),
                                new ContainerBuilder(container("b")).withNewSecurityContext().withNewCapabilities()
                                        .withAdd("BAR", "BAZ").endCapabilities().endSecurityContext().build()).endSpec(),
                        v("non-default capabilities",
                                "containers \"a\", \"b\" must not include \"BAR\", \"BAZ\", \"FOO\" in securityContext.capabilities.add")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void capabilitiesBaseline(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> hostPathVolumes() {
        return Stream.of(
                named("an emptyDir volume", p -> p.editSpec().addToVolumes(new VolumeBuilder().withName("scratch")
                        .withNewEmptyDir().endEmptyDir().build()).endSpec()),
                named("one hostPath volume", p -> p.editSpec().addToVolumes(hostPath("logs")).endSpec(),
                        v("hostPath volumes", "volume \"logs\"")),
                named("two hostPath volumes among others", p -> p.editSpec().addToVolumes(hostPath("logs"),
                                new VolumeBuilder().withName("scratch").withNewEmptyDir().endEmptyDir().build(),
                                hostPath("sock")).endSpec(),
                        v("hostPath volumes", "volumes \"logs\", \"sock\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hostPathVolumes(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> hostPorts() {
        return Stream.of(
                named("container ports only", p -> p.editSpec().editFirstContainer().addToPorts(port(8080, null))
                        .endContainer().endSpec()),
                named("hostPort 0 means none", p -> p.editSpec().editFirstContainer().addToPorts(port(8080, 0))
                        .endContainer().endSpec()),
                named("one container, one host port", p -> p.editSpec().withContainers(
                                new ContainerBuilder(container("a")).withPorts(port(80, 0)).build(),
                                new ContainerBuilder(container("b")).withPorts(port(80, 0), port(81, 20)).build()).endSpec(),
                        v("hostPort", "container \"b\" uses hostPort 20")),
                named("several containers share the port list", p -> p.editSpec().withContainers(
                                new ContainerBuilder(container("a")).withPorts(port(80, 0)).build(),
                                new ContainerBuilder(container("b")).withPorts(port(80, 0), port(81, 10), port(82, 20)).build(),
                                new ContainerBuilder(container("c")).withPorts(port(80, 0), port(81, 10), port(82, 30)).build())
                                .endSpec(),
                        v("hostPort", "containers \"b\", \"c\" use hostPorts 10, 20, 30")),
                named("ports sort as text", p -> p.editSpec().editFirstContainer().addToPorts(port(80, 8080), port(81, 10250))
                                .endContainer().endSpec(),
                        v("hostPort", "container \"app\" uses hostPorts 10250, 8080")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void hostPorts(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> windowsHostProcess() {
        return Stream.of(
                named("hostProcess=false", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                        .withNewWindowsOptions().withHostProcess(false).endWindowsOptions().endSecurityContext()
                        .endContainer().endSpec()),
                named("a container", p -> p.editSpec().editFirstContainer().withNewSecurityContext()
                                .withNewWindowsOptions().withHostProcess(true).endWindowsOptions().endSecurityContext()
                                .endContainer().endSpec(),
                        v("hostProcess", "container \"app\" must not set securityContext.windowsOptions.hostProcess=true")),
                named("the pod and some containers", p -> p.editSpec()
                                .withNewSecurityContext().withNewWindowsOptions().withHostProcess(true).endWindowsOptions()
                                .endSecurityContext()
                                .withContainers(container("a"),
                                        new ContainerBuilder(container("d")).withNewSecurityContext().withNewWindowsOptions()
                                                .withHostProcess(false).endWindowsOptions().endSecurityContext().build(),
                                        new ContainerBuilder(container("e")).withNewSecurityContext().withNewWindowsOptions()
                                                .withHostProcess(true).endWindowsOptions().endSecurityContext().build(),
                                        new ContainerBuilder(container("f")).withNewSecurityContext().withNewWindowsOptions()
                                                .withHostProcess(true).endWindowsOptions().endSecurityContext().build())
                                .endSpec(),
                        v("hostProcess", "pod and containers \"e\", \"f\" must not set securityContext.windowsOptions.hostProcess=true")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void windowsHostProcess(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    private static Volume hostPath(String name) {
        return new VolumeBuilder().withName(name).withNewHostPath().withPath("/var/" + name).endHostPath().build();
    }

    private static ContainerPort port(int containerPort, Integer hostPort) {
        return new ContainerPortBuilder().withContainerPort(containerPort).withHostPort(hostPort).build();
    }
}
