package io.kubelite.machinery.validation;

import static io.kubelite.machinery.validation.NameRulesTest.LABEL_MSG;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.HTTPGetActionBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TCPSocketActionBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodSpecValidatorTest {

    private static final String PORT_RANGE = "must be between 1 and 65535, inclusive";
    private final ObjectValidator validator = new ObjectValidator();

    private static Container app(Pod p) {
        return p.getSpec().getContainers().get(0);
    }

    private static Probe tcpProbe() {
        return new ProbeBuilder().withTcpSocket(new TCPSocketActionBuilder().withPort(new IntOrString(80)).build()).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("containers are required", (Consumer<Pod>) p -> p.getSpec().setContainers(new ArrayList<>()),
                        List.of("spec.containers: Required value")),
                Arguments.of("an image is required", (Consumer<Pod>) p -> app(p).setImage(null),
                        List.of("spec.containers[0].image: Required value")),
                Arguments.of("an image has no surrounding spaces", (Consumer<Pod>) p -> app(p).setImage(" nginx"),
                        List.of("spec.containers[0].image: Invalid value: \" nginx\": must not have leading or trailing whitespace")),
                Arguments.of("a container name is a DNS-1123 label", (Consumer<Pod>) p -> app(p).setName("Web_1"),
                        List.of("spec.containers[0].name: Invalid value: \"Web_1\": " + LABEL_MSG)),
                Arguments.of("container names are unique", (Consumer<Pod>) p -> p.getSpec().getContainers().add(copy(app(p))),
                        List.of("spec.containers[1].name: Duplicate value: \"app\"")),
                Arguments.of("init container names differ from container names",
                        (Consumer<Pod>) p -> p.getSpec().setInitContainers(List.of(new Container() {{ setName("app"); setImage("busybox"); }})),
                        List.of("spec.initContainers[0].name: Duplicate value: \"app\"")),
                Arguments.of("a container port is required", (Consumer<Pod>) p -> app(p).getPorts().get(0).setContainerPort(0),
                        List.of("spec.containers[0].ports[0].containerPort: Required value")),
                Arguments.of("a container port is at most 65535", (Consumer<Pod>) p -> app(p).getPorts().get(0).setContainerPort(70000),
                        List.of("spec.containers[0].ports[0].containerPort: Invalid value: 70000: " + PORT_RANGE)),
                Arguments.of("a host port is at most 65535", (Consumer<Pod>) p -> app(p).getPorts().get(0).setHostPort(70000),
                        List.of("spec.containers[0].ports[0].hostPort: Invalid value: 70000: " + PORT_RANGE)),
                Arguments.of("a port protocol is TCP, UDP or SCTP", (Consumer<Pod>) p -> app(p).getPorts().get(0).setProtocol("HTTP"),
                        List.of("spec.containers[0].ports[0].protocol: Unsupported value: \"HTTP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                Arguments.of("port names are unique", (Consumer<Pod>) p -> app(p).getPorts().add(new ContainerPort(81, null, null, "http", null)),
                        List.of("spec.containers[0].ports[1].name: Duplicate value: \"http\"")),
                Arguments.of("port names are IANA service names", (Consumer<Pod>) p -> app(p).getPorts().get(0).setName("8080"),
                        List.of("spec.containers[0].ports[0].name: Invalid value: \"8080\": must contain at least one letter (a-z)")),
                Arguments.of("host ports do not collide", (Consumer<Pod>) p -> {
                    app(p).getPorts().get(0).setHostPort(8080);
                    app(p).getPorts().add(new ContainerPort(81, null, 8080, "other", null));
                }, List.of("spec.containers[0].ports[1].hostPort: Duplicate value: \"TCP//8080\"")),
                Arguments.of("an env name must not start with a digit", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("1BAD", "x", null))),
                        List.of("spec.containers[0].env[0].name: Invalid value: \"1BAD\": " + NameRules.isEnvVarName("1BAD").get(0))),
                Arguments.of("an env name is required", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("", "x", null))),
                        List.of("spec.containers[0].env[0].name: Required value")),
                Arguments.of("valueFrom names a source", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("A", null, new EnvVarSourceBuilder().build()))),
                        List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": must specify one of: `fieldRef`, "
                                + "`resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`")),
                Arguments.of("valueFrom names only one source", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("A", null,
                                new EnvVarSourceBuilder().withNewFieldRef().withFieldPath("metadata.name").endFieldRef()
                                        .withNewSecretKeyRef().withName("s").withKey("k").endSecretKeyRef().build()))),
                        List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not have more than one field specified at a time")),
                Arguments.of("valueFrom excludes value", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("A", "x",
                                new EnvVarSourceBuilder().withNewFieldRef().withFieldPath("metadata.name").endFieldRef().build()))),
                        List.of("spec.containers[0].env[0].valueFrom: Invalid value: \"\": may not be specified when `value` is not empty")),
                Arguments.of("a fieldRef path is one Kubernetes can project", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("A", null,
                                new EnvVarSourceBuilder().withNewFieldRef().withFieldPath("spec.host").endFieldRef().build()))),
                        List.of("spec.containers[0].env[0].valueFrom.fieldRef.fieldPath: Unsupported value: \"spec.host\": supported values: "
                                + "\"metadata.name\", \"metadata.namespace\", \"metadata.uid\", \"spec.nodeName\", \"spec.serviceAccountName\", "
                                + "\"status.hostIP\", \"status.hostIPs\", \"status.podIP\", \"status.podIPs\"")),
                Arguments.of("a secretKeyRef needs a key", (Consumer<Pod>) p -> app(p).setEnv(List.of(new EnvVar("A", null,
                                new EnvVarSourceBuilder().withNewSecretKeyRef().withName("s").endSecretKeyRef().build()))),
                        List.of("spec.containers[0].env[0].valueFrom.secretKeyRef.key: Required value")),
                Arguments.of("a quantity must parse", (Consumer<Pod>) p -> app(p).getResources().setLimits(Map.of("memory", new Quantity("64MB"))),
                        List.of("spec.containers[0].resources.limits[memory]: Invalid value: \"64MB\": " + Quantities.FORMAT_ERROR)),
                Arguments.of("a request is not negative", (Consumer<Pod>) p -> app(p).getResources().setRequests(Map.of("cpu", new Quantity("-1"))),
                        List.of("spec.containers[0].resources.requests[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")),
                Arguments.of("a request is at most its limit", (Consumer<Pod>) p -> app(p).getResources().setRequests(Map.of("cpu", new Quantity("0.5"))),
                        List.of("spec.containers[0].resources.requests: Invalid value: \"500m\": must be less than or equal to cpu limit of 250m")),
                Arguments.of("resource names are standard", (Consumer<Pod>) p -> app(p).getResources().setLimits(Map.of("gpu", new Quantity("1"))),
                        List.of("spec.containers[0].resources.limits[gpu]: Invalid value: \"gpu\": must be a standard resource for containers")),
                Arguments.of("extended resources carry a domain", (Consumer<Pod>) p -> app(p).getResources().setLimits(Map.of("nvidia.com/gpu", new Quantity("1"))),
                        List.of()),
                Arguments.of("restartPolicy is an enum", (Consumer<Pod>) p -> p.getSpec().setRestartPolicy("Sometimes"),
                        List.of("spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"")),
                Arguments.of("dnsPolicy is an enum", (Consumer<Pod>) p -> p.getSpec().setDnsPolicy("Google"),
                        List.of("spec.dnsPolicy: Unsupported value: \"Google\": supported values: \"ClusterFirstWithHostNet\", "
                                + "\"ClusterFirst\", \"Default\", \"None\"")),
                Arguments.of("imagePullPolicy is an enum", (Consumer<Pod>) p -> app(p).setImagePullPolicy("Sometimes"),
                        List.of("spec.containers[0].imagePullPolicy: Unsupported value: \"Sometimes\": supported values: "
                                + "\"Always\", \"IfNotPresent\", \"Never\"")),
                Arguments.of("terminationMessagePolicy is File or FallbackToLogsOnError", (Consumer<Pod>) p -> app(p).setTerminationMessagePolicy("Log"),
                        List.of("spec.containers[0].terminationMessagePolicy: Invalid value: \"Log\": must be 'File' or 'FallbackToLogsOnError'")),
                Arguments.of("volume mounts name a defined volume", (Consumer<Pod>) p -> app(p).getVolumeMounts().get(0).setName("dtavol"),
                        List.of("spec.containers[0].volumeMounts[0].name: Not found: \"dtavol\"")),
                Arguments.of("mount paths are unique", (Consumer<Pod>) p -> app(p).getVolumeMounts().add(new io.fabric8.kubernetes.api.model.VolumeMountBuilder().withName("data").withMountPath("/data").build()),
                        List.of("spec.containers[0].volumeMounts[1].mountPath: Invalid value: \"/data\": must be unique")),
                Arguments.of("volume names are unique", (Consumer<Pod>) p -> p.getSpec().getVolumes().add(new VolumeBuilder().withName("data").withNewEmptyDir().endEmptyDir().build()),
                        List.of("spec.volumes[1].name: Duplicate value: \"data\"")),
                Arguments.of("volume names are DNS-1123 labels", (Consumer<Pod>) p -> {
                    p.getSpec().getVolumes().get(0).setName("Data");
                    app(p).setVolumeMounts(null);
                }, List.of("spec.volumes[0].name: Invalid value: \"Data\": " + LABEL_MSG)),
                Arguments.of("a volume has a source", (Consumer<Pod>) p -> p.getSpec().getVolumes().get(0).setEmptyDir(null),
                        List.of("spec.volumes[0]: Required value: must specify a volume type",
                                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"")),
                Arguments.of("a volume has only one source", (Consumer<Pod>) p -> p.getSpec().getVolumes().get(0)
                                .setHostPath(new io.fabric8.kubernetes.api.model.HostPathVolumeSource("/tmp", null)),
                        List.of("spec.volumes[0].hostPath: Forbidden: may not specify more than 1 volume type",
                                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"")),
                Arguments.of("a configMap volume names its config map", (Consumer<Pod>) p -> p.getSpec().setVolumes(List.of(
                                new VolumeBuilder().withName("data").withNewConfigMap().endConfigMap().build())),
                        List.of("spec.volumes[0].configMap.name: Required value",
                                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"")),
                Arguments.of("a probe has a handler", (Consumer<Pod>) p -> app(p).setLivenessProbe(new Probe()),
                        List.of("spec.containers[0].livenessProbe: Required value: must specify a handler type")),
                Arguments.of("a probe has only one handler", (Consumer<Pod>) p -> {
                    Probe probe = tcpProbe();
                    probe.setHttpGet(new HTTPGetActionBuilder().withPath("/").withPort(new IntOrString(80)).build());
                    app(p).setReadinessProbe(probe);
                }, List.of("spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type")),
                Arguments.of("probe timings are not negative", (Consumer<Pod>) p -> {
                    Probe probe = tcpProbe();
                    probe.setPeriodSeconds(-1);
                    app(p).setReadinessProbe(probe);
                }, List.of("spec.containers[0].readinessProbe.periodSeconds: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("a liveness probe succeeds once", (Consumer<Pod>) p -> {
                    Probe probe = tcpProbe();
                    probe.setSuccessThreshold(2);
                    app(p).setLivenessProbe(probe);
                }, List.of("spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1")),
                Arguments.of("an httpGet probe port is in range", (Consumer<Pod>) p -> app(p).setStartupProbe(new ProbeBuilder()
                                .withHttpGet(new HTTPGetActionBuilder().withPort(new IntOrString(0)).build()).build()),
                        List.of("spec.containers[0].startupProbe.httpGet.port: Invalid value: 0: " + PORT_RANGE)),
                Arguments.of("an init container without restartPolicy Always has no probes", (Consumer<Pod>) p -> {
                    Container init = new Container();
                    init.setName("init");
                    init.setImage("busybox");
                    init.setLivenessProbe(tcpProbe());
                    p.getSpec().setInitContainers(List.of(init));
                }, List.of("spec.initContainers[0].livenessProbe: Forbidden: may not be set for init containers without restartPolicy=Always")),
                Arguments.of("terminationGracePeriodSeconds is not negative", (Consumer<Pod>) p -> p.getSpec().setTerminationGracePeriodSeconds(-1L),
                        List.of("spec.terminationGracePeriodSeconds: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("activeDeadlineSeconds is positive", (Consumer<Pod>) p -> p.getSpec().setActiveDeadlineSeconds(0L),
                        List.of("spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive")),
                Arguments.of("nodeSelector keys are qualified names", (Consumer<Pod>) p -> p.getSpec().setNodeSelector(Map.of("disk type", "ssd")),
                        List.of("spec.nodeSelector: Invalid value: \"disk type\": " + NameRules.isQualifiedName("disk type").get(0))),
                Arguments.of("nodeSelector values are label values", (Consumer<Pod>) p -> p.getSpec().setNodeSelector(Map.of("disk", "-ssd")),
                        List.of("spec.nodeSelector: Invalid value: \"-ssd\": " + NameRulesTest.LABEL_VALUE_MSG)),
                Arguments.of("a toleration without key uses Exists", (Consumer<Pod>) p -> p.getSpec().setTolerations(
                                List.of(new Toleration("NoSchedule", null, "Equal", null, "x"))),
                        List.of("spec.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when `key` is empty, "
                                + "which means \"match all values and all keys\"")));
    }

    private static Container copy(Container c) {
        Container copy = new Container();
        copy.setName(c.getName());
        copy.setImage(c.getImage());
        return copy;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void rejectsInvalidPodSpecsWithKubernetesMessages(String name, Consumer<Pod> breakIt, List<String> expected) {
        Pod pod = Fixtures.pod();
        breakIt.accept(pod);
        assertThat(Fixtures.messages(validator.validate(pod, true))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void acceptsAValidPod() {
        assertThat(validator.validate(Fixtures.pod(), true)).isEmpty();
    }

    @Test
    void aHostPathVolumeHasAPathAndAKnownType() {
        Pod pod = Fixtures.pod();
        Volume volume = new VolumeBuilder().withName("data").withNewHostPath().withPath("/var").withType("Folder").endHostPath().build();
        pod.getSpec().setVolumes(List.of(volume));
        assertThat(Fixtures.messages(validator.validate(pod, true))).containsExactly(
                "spec.volumes[0].hostPath.type: Unsupported value: \"Folder\": supported values: \"\", \"BlockDevice\", \"CharDevice\", "
                        + "\"Directory\", \"DirectoryOrCreate\", \"File\", \"FileOrCreate\", \"Socket\"",
                "spec.containers[0].volumeMounts[0].name: Not found: \"data\"");
    }
}
