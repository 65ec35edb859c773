package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerSpec;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ContainerSpecsTest {

    private static final ContainerSpecs.Owner OWNER = new ContainerSpecs.Owner("c1", "node-1");

    static Stream<Arguments> commandLines() {
        return Stream.of(
                Arguments.of("neither: the image's entrypoint and cmd", null, null, null, null),
                Arguments.of("command only: replaces entrypoint and drops the image's cmd",
                        List.of("sh", "-c", "echo hi"), null, List.of("sh", "-c", "echo hi"), List.of()),
                Arguments.of("args only: the image's entrypoint with these args",
                        null, List.of("-f", "x"), null, List.of("-f", "x")),
                Arguments.of("both: command then args", List.of("httpd"), List.of("-f", "-p", "80"),
                        List.of("httpd"), List.of("-f", "-p", "80")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commandLines")
    void commandOverridesEntrypointAndArgsOverrideCmd(String name, List<String> command, List<String> args,
            List<String> entrypoint, List<String> cmd) {
        Container c = new ContainerBuilder().withName("app").withImage("busybox").withCommand(command).withArgs(args).build();
        ContainerSpec spec = ContainerSpecs.app(pod(c), c, "pause123", List.of(), List.of(), 0, OWNER);
        assertThat(spec.entrypoint()).isEqualTo(entrypoint);
        assertThat(spec.cmd()).isEqualTo(cmd);
    }

    static Stream<Arguments> resources() {
        return Stream.of(
                Arguments.of("nothing set", Map.of(), Map.of(), new ContainerSpec.Resources(0, 0, 0)),
                Arguments.of("limits only: requests default to limits",
                        Map.of(), Map.of("cpu", "500m", "memory", "64Mi"),
                        new ContainerSpec.Resources(67_108_864L, 500_000_000L, 512)),
                Arguments.of("requests and limits", Map.of("cpu", "250m"), Map.of("cpu", "1", "memory", "1Gi"),
                        new ContainerSpec.Resources(1_073_741_824L, 1_000_000_000L, 256)),
                Arguments.of("tiny request keeps the kernel's minimum of 2 shares", Map.of("cpu", "1m"), Map.of(),
                        new ContainerSpec.Resources(0, 0, 2)),
                Arguments.of("memory in decimal units", Map.of(), Map.of("memory", "128M"),
                        new ContainerSpec.Resources(128_000_000L, 0, 0)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("resources")
    void mapsResourcesToDockerKnobs(String name, Map<String, String> requests, Map<String, String> limits,
            ContainerSpec.Resources expected) {
        var builder = new ResourceRequirementsBuilder();
        requests.forEach((k, v) -> builder.addToRequests(k, new Quantity(v)));
        limits.forEach((k, v) -> builder.addToLimits(k, new Quantity(v)));
        assertThat(ContainerSpecs.resources(builder.build())).isEqualTo(expected);
    }

    @Test
    void appContainersJoinThePauseContainersNetworkAndCarryTheirPodInLabels() {
        Container c = new ContainerBuilder().withName("web").withImage("busybox").build();
        Pod pod = pod(c);
        ContainerSpec spec = ContainerSpecs.app(pod, c, "abc", List.of("A=1"), List.of(), 3, OWNER);
        assertThat(spec.networkMode()).isEqualTo("container:abc");
        assertThat(spec.name()).isEqualTo("k8s_c1_web_p_ns_uid-1_3");
        assertThat(spec.labels()).containsEntry(ContainerLabels.POD_UID, "uid-1")
                .containsEntry(ContainerLabels.CONTAINER_NAME, "web")
                .containsEntry(ContainerLabels.RESTART_COUNT, "3")
                .containsEntry(ContainerLabels.NODE, "node-1")
                .containsEntry(ContainerLabels.CLUSTER, "c1");
    }

    @Test
    void stdinAndTerminalComeFromTheContainersSpecAndThePauseContainerHasNeither() {
        Container c = new ContainerBuilder().withName("shell").withImage("busybox").withStdin(true).withStdinOnce(true)
                .withTty(true).build();
        assertThat(ContainerSpecs.app(pod(c), c, "abc", List.of(), List.of(), 0, OWNER).terminal())
                .isEqualTo(new ContainerSpec.Terminal(true, true, true));
        Container plain = new ContainerBuilder().withName("web").withImage("busybox").build();
        assertThat(ContainerSpecs.app(pod(plain), plain, "abc", List.of(), List.of(), 0, OWNER).terminal())
                .isEqualTo(ContainerSpec.Terminal.NONE);
        assertThat(ContainerSpecs.sandbox(pod(c), OWNER, "kubelite/pause:3.10", List.of("/bin/sleep", "1"), null, "cluster.local").terminal())
                .isEqualTo(ContainerSpec.Terminal.NONE);
    }

    @Test
    void hostPortsArePublishedOnThePauseContainer() {
        Container c = new ContainerBuilder().withName("web").withImage("busybox")
                .addNewPort().withContainerPort(8080).withHostPort(18080).endPort()
                .addNewPort().withContainerPort(9090).endPort().build();
        ContainerSpec sandbox = ContainerSpecs.sandbox(pod(c), OWNER, "kubelite/pause:3.10", List.of("/bin/sleep", "1"), null, "cluster.local");
        assertThat(sandbox.ports()).containsExactly(new ContainerSpec.PortMapping(8080, 18080, "TCP", null));
        assertThat(sandbox.networkMode()).isEqualTo("bridge");
        assertThat(sandbox.hostname()).isEqualTo("p");
        assertThat(sandbox.labels()).containsEntry(ContainerLabels.CONTAINER_NAME, ContainerLabels.SANDBOX);
    }

    @Test
    void aPodWithASubdomainHasTheDomainTheClusterDnsServesItUnder() {
        Container c = new ContainerBuilder().withName("web").withImage("busybox").build();
        Pod member = new PodBuilder(pod(c)).editSpec().withHostname("web-0").withSubdomain("nginx").endSpec().build();

        ContainerSpec sandbox = ContainerSpecs.sandbox(member, OWNER, "kubelite/pause:3.10", List.of("/bin/sleep", "1"), null,
                "cluster.local");

        assertThat(sandbox.hostname()).isEqualTo("web-0");
        assertThat(sandbox.domainname()).isEqualTo("nginx.ns.svc.cluster.local");
        assertThat(ContainerSpecs.sandbox(pod(c), OWNER, "kubelite/pause:3.10", List.of("/bin/sleep", "1"), null,
                "cluster.local").domainname()).isNull();
    }

    static Pod pod(Container... containers) {
        return new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withUid("uid-1").endMetadata()
                .withNewSpec().withContainers(containers).endSpec().build();
    }

    static Pod securePod(String podContext, String containerContext) {
        String yaml = """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default, uid: u1}
                spec:
                  hostAliases:
                  - {ip: 10.1.2.3, hostnames: [foo.local, bar.local]}
                  securityContext: %s
                  containers:
                  - name: app
                    image: busybox
                    securityContext: %s
                """.formatted(podContext, containerContext);
        return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(yaml, Pod.class);
    }

    @Test
    void theContainersSecurityContextOverThePodsBecomesDockersUserGroupsCapabilitiesAndFlags() {
        Pod pod = securePod("{runAsUser: 1000, runAsGroup: 3000, fsGroup: 2000, supplementalGroups: [4000], "
                        + "sysctls: [{name: net.ipv4.ip_unprivileged_port_start, value: '0'}]}",
                "{runAsUser: 1001, capabilities: {add: [NET_BIND_SERVICE], drop: [ALL]}, readOnlyRootFilesystem: true, "
                        + "allowPrivilegeEscalation: false}");
        ContainerSpec.Security security = ContainerSpecs.security(pod, pod.getSpec().getContainers().get(0));
        assertThat(security).isEqualTo(new ContainerSpec.Security("1001:3000", List.of("4000", "2000"),
                List.of("NET_BIND_SERVICE"), List.of("ALL"), false, true, true, Map.of()));

        ContainerSpec sandbox = ContainerSpecs.sandbox(pod, OWNER, "pause", List.of(), null, "cluster.local");
        assertThat(sandbox.security().sysctls()).containsEntry("net.ipv4.ip_unprivileged_port_start", "0");
        assertThat(sandbox.extraHosts()).containsExactly("foo.local:10.1.2.3", "bar.local:10.1.2.3");
        Pod plain = securePod("null", "null");
        assertThat(ContainerSpecs.security(plain, plain.getSpec().getContainers().get(0)))
                .as("no securityContext: the image's user, nothing added").isEqualTo(ContainerSpec.Security.NONE);
        Pod privileged = securePod("{}", "{privileged: true}");
        assertThat(ContainerSpecs.security(privileged, privileged.getSpec().getContainers().get(0)).privileged()).isTrue();
    }

    static Stream<Arguments> nonRoot() {
        String where = "(pod: \"web_default(u1)\", container: app)";
        return Stream.of(
                Arguments.of("not asked", "{}", "{}", "", null),
                Arguments.of("an image running as root", "{runAsNonRoot: true}", "{}", "",
                        "container has runAsNonRoot and image will run as root " + where),
                Arguments.of("an image with USER 0:0", "{}", "{runAsNonRoot: true}", "0:0",
                        "container has runAsNonRoot and image will run as root " + where),
                Arguments.of("an image with a numeric user", "{runAsNonRoot: true}", "{}", "1000", null),
                Arguments.of("an image with a named user", "{runAsNonRoot: true}", "{}", "nobody",
                        "container has runAsNonRoot and image has non-numeric user (nobody), cannot verify user is non-root "
                                + where),
                Arguments.of("runAsUser 0 asked", "{runAsNonRoot: true, runAsUser: 0}", "{}", "1000",
                        "container's runAsUser breaks non-root policy " + where),
                Arguments.of("runAsUser decides over the image", "{runAsNonRoot: true}", "{runAsUser: 1000}", "", null),
                Arguments.of("the container's false wins", "{runAsNonRoot: true}", "{runAsNonRoot: false}", "", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonRoot")
    void runAsNonRootIsCheckedAgainstTheImagesUserAsTheKubeletChecksIt(String name, String podContext,
            String containerContext, String imageUser, String expected) {
        Pod pod = securePod(podContext, containerContext);
        assertThat(ContainerSpecs.nonRootViolation(pod, pod.getSpec().getContainers().get(0), imageUser)).isEqualTo(expected);
    }

    @Test
    void hostNamespacesAndAPodWideProcessNamespaceAreDockersNetworkAndPidModes() {
        Pod pod = io.fabric8.kubernetes.client.utils.Serialization.unmarshal("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web, namespace: default, uid: u1}
                spec:
                  hostNetwork: true
                  shareProcessNamespace: true
                  containers:
                  - name: app
                    image: busybox
                    ports: [{containerPort: 8080, hostPort: 8080}]
                """, Pod.class);
        ContainerSpec sandbox = ContainerSpecs.sandbox(pod, OWNER, "pause", List.of(), null, "cluster.local");
        assertThat(sandbox.networkMode()).isEqualTo("host");
        assertThat(sandbox.hostname()).as("the node's hostname").isNull();
        assertThat(sandbox.ports()).as("nothing to publish on the host's own network").isEmpty();
        ContainerSpec app = ContainerSpecs.app(pod, pod.getSpec().getContainers().get(0), "pause-id", List.of(), List.of(), 0, OWNER);
        assertThat(app.networkMode()).isEqualTo("container:pause-id");
        assertThat(app.pidMode()).isEqualTo("container:pause-id");

        pod.getSpec().setHostPID(true);
        assertThat(ContainerSpecs.app(pod, pod.getSpec().getContainers().get(0), "pause-id", List.of(), List.of(), 0, OWNER)
                .pidMode()).isEqualTo("host");
        pod.getSpec().setHostPID(null);
        pod.getSpec().setShareProcessNamespace(null);
        assertThat(ContainerSpecs.app(pod, pod.getSpec().getContainers().get(0), "pause-id", List.of(), List.of(), 0, OWNER)
                .pidMode()).isNull();
    }
}
