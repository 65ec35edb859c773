package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.PodFixtures.BASELINE;
import static io.kubelite.machinery.podsecurity.PodFixtures.baselinePod;
import static io.kubelite.machinery.podsecurity.PodFixtures.check;
import static io.kubelite.machinery.podsecurity.PodFixtures.container;
import static io.kubelite.machinery.podsecurity.PodFixtures.named;
import static io.kubelite.machinery.podsecurity.PodFixtures.v;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SELinuxOptionsBuilder;
import io.fabric8.kubernetes.api.model.Sysctl;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Baseline checks on security profiles (AppArmor, SELinux, seccomp) and kernel interfaces (procMount, sysctls). */
class PodSecurityProfileAndKernelTest {

    private static final String AA = "container.apparmor.security.beta.kubernetes.io/";

    private static void assertBaseline(UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertThat(check(BASELINE, change.apply(baselinePod()).build())).containsExactlyElementsOf(expected);
    }

    static Stream<Arguments> appArmorProfile() {
        return Stream.of(
                named("RuntimeDefault pod, Localhost container", p -> p.editSpec()
                        .withNewSecurityContext().withNewAppArmorProfile().withType("RuntimeDefault").endAppArmorProfile()
                        .endSecurityContext()
                        .editFirstContainer().withNewSecurityContext().withNewAppArmorProfile().withType("Localhost")
                        .withLocalhostProfile("k8s-apparmor").endAppArmorProfile().endSecurityContext().endContainer()
                        .endSpec()),
                named("allowed annotations, and unrelated ones", p -> p.editMetadata().withAnnotations(Map.of(
                        AA + "a", "runtime/default", AA + "b", "localhost/sec-profile01", AA + "c", "", "env", "prod"))
                        .endMetadata()),
                named("an unconfined pod", p -> p.editSpec().withNewSecurityContext().withNewAppArmorProfile()
                                .withType("Unconfined").endAppArmorProfile().endSecurityContext().endSpec(),
                        v("forbidden AppArmor profile", "pod must not set AppArmor profile type to \"Unconfined\"")),
                named("an unconfined init container", p -> p.editSpec().addNewInitContainer().withName("bar")
                                .withNewSecurityContext().withNewAppArmorProfile().withType("Unconfined").endAppArmorProfile()
                                .endSecurityContext().endInitContainer().endSpec(),
                        v("forbidden AppArmor profile", "container \"bar\" must not set AppArmor profile type to \"Unconfined\"")),
                named("annotations, sorted, each key=\"value\"", p -> p.editMetadata().withAnnotations(Map.of(
                                AA, "bogus", AA + "a", "", AA + "b", "runtime/default", AA + "c", "localhost/",
                                AA + "d", "localhost/foo", AA + "e", "unconfined", AA + "f", "unknown")).endMetadata(),
                        v("forbidden AppArmor profiles", "annotations must not set AppArmor profile type to "
                                + "\"" + AA + "=\"bogus\"\", \"" + AA + "e=\"unconfined\"\", \"" + AA + "f=\"unknown\"\"")),
                named("pod, container and annotation: field values first", p -> p
                                .editMetadata().withAnnotations(Map.of(AA + "app", "unconfined")).endMetadata()
                                .editSpec().withNewSecurityContext().withNewAppArmorProfile().withType("Unconfined")
                                .endAppArmorProfile().endSecurityContext()
                                .editFirstContainer().withNewSecurityContext().withNewAppArmorProfile().withType("Unconfined")
                                .endAppArmorProfile().endSecurityContext().endContainer().endSpec(),
                        v("forbidden AppArmor profiles", "pod and container \"app\" and annotation must not set AppArmor "
                                + "profile type to \"Unconfined\", \"" + AA + "app=\"unconfined\"\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void appArmorProfile(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> seLinuxOptions() {
        List<Container> allowedTypes = List.of(seLinux("a", "container_t", "", ""), seLinux("b", "container_init_t", "", ""),
                seLinux("c", "container_kvm_t", "", ""), seLinux("d", "container_engine_t", "", ""));
        List<Container> badEfg = List.of(seLinux("e", "bar", "", ""), seLinux("f", "", "bar", ""), seLinux("g", "", "", "baz"));
        return Stream.of(
                named("allowed types, and a level", p -> p.editSpec().withNewSecurityContext().withNewSeLinuxOptions()
                        .withLevel("s0:c123,c456").endSeLinuxOptions().endSecurityContext()
                        .withContainers(allowedTypes).endSpec()),
                named("invalid pod and containers", p -> p.editSpec().withNewSecurityContext()
                                .withSeLinuxOptions(new SELinuxOptionsBuilder().withType("foo").withUser("bar").withRole("baz").build())
                                .endSecurityContext()
                                .withContainers(allowedTypes).addAllToContainers(badEfg).endSpec(),
                        v("seLinuxOptions", "pod and containers \"e\", \"f\", \"g\" set forbidden securityContext.seLinuxOptions: "
                                + "types \"bar\", \"foo\"; user may not be set; role may not be set")),
                named("invalid containers", p -> p.editSpec().withContainers(allowedTypes).addAllToContainers(badEfg).endSpec(),
                        v("seLinuxOptions", "containers \"e\", \"f\", \"g\" set forbidden securityContext.seLinuxOptions: "
                                + "type \"bar\"; user may not be set; role may not be set")),
                named("a user only", p -> p.editSpec().withNewSecurityContext().withNewSeLinuxOptions().withUser("bad")
                                .endSeLinuxOptions().endSecurityContext().endSpec(),
                        v("seLinuxOptions", "pod set forbidden securityContext.seLinuxOptions: user may not be set")),
                named("a role only", p -> p.editSpec().withNewSecurityContext().withNewSeLinuxOptions().withRole("bad")
                                .endSeLinuxOptions().endSecurityContext().endSpec(),
                        v("seLinuxOptions", "pod set forbidden securityContext.seLinuxOptions: role may not be set")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void seLinuxOptions(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> seccompProfileBaseline() {
        return Stream.of(
                named("unset", p -> p),
                named("RuntimeDefault pod, Localhost container", p -> p.editSpec()
                        .withNewSecurityContext().withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile()
                        .endSecurityContext()
                        .editFirstContainer().withNewSecurityContext().withNewSeccompProfile().withType("Localhost")
                        .withLocalhostProfile("audit.json").endSeccompProfile().endSecurityContext().endContainer().endSpec()),
                named("an unconfined pod", p -> p.editSpec().withNewSecurityContext().withNewSeccompProfile()
                                .withType("Unconfined").endSeccompProfile().endSecurityContext().endSpec(),
                        v("seccompProfile", "pod must not set securityContext.seccompProfile.type to \"Unconfined\"")),
                named("unconfined containers", p -> p.editSpec().withContainers(seccompContainers()).endSpec(),
                        v("seccompProfile", "containers \"c\", \"d\" must not set securityContext.seccompProfile.type to \"Unconfined\"")),
                named("an unconfined pod and containers", p -> p.editSpec().withNewSecurityContext().withNewSeccompProfile()
                                .withType("Unconfined").endSeccompProfile().endSecurityContext()
                                .withContainers(seccompContainers()).endSpec(),
                        v("seccompProfile", "pod and containers \"c\", \"d\" must not set securityContext.seccompProfile.type to \"Unconfined\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void seccompProfileBaseline(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> procMount() {
        return Stream.of(
                named("Default", p -> p.editSpec().editFirstContainer().withNewSecurityContext().withProcMount("Default")
                        .endSecurityContext().endContainer().endSpec()),
                named("Unmasked and other values, sorted", p -> p.editSpec().withContainers(
                                container("a"),
                                new ContainerBuilder(container("b")).withNewSecurityContext().endSecurityContext().build(),
                                procMount("c", "Default"), procMount("d", "Unmasked"), procMount("e", "other")).endSpec(),
                        v("procMount", "containers \"d\", \"e\" must not set securityContext.procMount to \"Unmasked\", \"other\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void procMount(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    static Stream<Arguments> sysctls() {
        return Stream.of(
                named("every safe sysctl at latest", p -> p.editSpec().withNewSecurityContext().withSysctls(sysctlList(
                        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.tcp_syncookies",
                        "net.ipv4.ping_group_range", "net.ipv4.ip_unprivileged_port_start", "net.ipv4.ip_local_reserved_ports",
                        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
                        "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem")).endSecurityContext().endSpec()),
                named("unsafe sysctls, in spec order", p -> p.editSpec().withNewSecurityContext().withSysctls(sysctlList(
                                "vm.swappiness", "net.ipv4.tcp_syncookies", "kernel.msgmax")).endSecurityContext().endSpec(),
                        v("forbidden sysctls", "vm.swappiness, kernel.msgmax")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void sysctls(String name, UnaryOperator<PodBuilder> change, List<Violation> expected) {
        assertBaseline(change, expected);
    }

    private static Container seLinux(String name, String type, String user, String role) {
        return new ContainerBuilder(container(name)).withNewSecurityContext().withSeLinuxOptions(
                new SELinuxOptionsBuilder().withType(type).withUser(user).withRole(role).build()).endSecurityContext().build();
    }

    /** a and b set nothing, c and d Unconfined, e and f RuntimeDefault. */
    static List<Container> seccompContainers() {
        return List.of(container("a"),
                new ContainerBuilder(container("b")).withNewSecurityContext().endSecurityContext().build(),
                seccomp("c", "Unconfined"), seccomp("d", "Unconfined"),
                seccomp("e", "RuntimeDefault"), seccomp("f", "RuntimeDefault"));
    }

    static Container seccomp(String name, String type) {
        return new ContainerBuilder(container(name)).withNewSecurityContext().withNewSeccompProfile().withType(type)
                .endSeccompProfile().endSecurityContext().build();
    }

    private static Container procMount(String name, String value) {
        return new ContainerBuilder(container(name)).withNewSecurityContext().withProcMount(value).endSecurityContext().build();
    }

    static List<Sysctl> sysctlList(String... names) {
        return Stream.of(names).map(n -> new Sysctl(n, "1")).toList();
    }
}
