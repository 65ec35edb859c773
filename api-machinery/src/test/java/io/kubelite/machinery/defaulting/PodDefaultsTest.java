package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVarSourceBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class PodDefaultsTest {

    static Pod pod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec()
                .addNewContainer().withName("app").withImage("nginx:1.27")
                .addNewPort().withContainerPort(80).endPort()
                .withNewResources().withLimits(Map.of("cpu", new Quantity("500m"), "memory", new Quantity("64Mi")))
                .withRequests(new java.util.HashMap<>(Map.of("memory", new Quantity("32Mi")))).endResources()
                .addNewEnv().withName("POD").withValueFrom(new EnvVarSourceBuilder().withNewFieldRef().withFieldPath("metadata.name")
                        .endFieldRef().build()).endEnv()
                .withNewLivenessProbe().withNewHttpGet().withPort(new IntOrString(80)).endHttpGet().endLivenessProbe()
                .endContainer()
                .addNewInitContainer().withName("init").withImage("busybox").endInitContainer()
                .addNewVolume().withName("scratch").endVolume()
                .addNewVolume().withName("config").withNewConfigMap().withName("cfg").endConfigMap().endVolume()
                .addNewVolume().withName("host").withNewHostPath().withPath("/var/log").endHostPath().endVolume()
                .endSpec().build();
    }

    private static Container app(Pod p) {
        return p.getSpec().getContainers().get(0);
    }

    static Stream<Arguments> defaults() {
        return Stream.of(
                Arguments.of("restartPolicy is Always", (Function<Pod, Object>) p -> p.getSpec().getRestartPolicy(), "Always"),
                Arguments.of("dnsPolicy is ClusterFirst", (Function<Pod, Object>) p -> p.getSpec().getDnsPolicy(), "ClusterFirst"),
                Arguments.of("schedulerName is default-scheduler", (Function<Pod, Object>) p -> p.getSpec().getSchedulerName(), "default-scheduler"),
                Arguments.of("terminationGracePeriodSeconds is 30", (Function<Pod, Object>) p -> p.getSpec().getTerminationGracePeriodSeconds(), 30L),
                Arguments.of("securityContext is empty", (Function<Pod, Object>) p -> p.getSpec().getSecurityContext(), new PodSecurityContext()),
                Arguments.of("enableServiceLinks is true", (Function<Pod, Object>) p -> p.getSpec().getEnableServiceLinks(), true),
                Arguments.of("priority is 0", (Function<Pod, Object>) p -> p.getSpec().getPriority(), 0),
                Arguments.of("preemptionPolicy is PreemptLowerPriority", (Function<Pod, Object>) p -> p.getSpec().getPreemptionPolicy(), "PreemptLowerPriority"),
                Arguments.of("pods tolerate not-ready and unreachable nodes for 300s", (Function<Pod, Object>) p -> p.getSpec().getTolerations(),
                        List.of(new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", 300L, null),
                                new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", 300L, null))),
                Arguments.of("a tagged image is pulled if not present", (Function<Pod, Object>) p -> app(p).getImagePullPolicy(), "IfNotPresent"),
                Arguments.of("an untagged init image is always pulled", (Function<Pod, Object>) p -> p.getSpec().getInitContainers().get(0).getImagePullPolicy(), "Always"),
                Arguments.of("terminationMessagePath is /dev/termination-log", (Function<Pod, Object>) p -> app(p).getTerminationMessagePath(), "/dev/termination-log"),
                Arguments.of("terminationMessagePolicy is File", (Function<Pod, Object>) p -> app(p).getTerminationMessagePolicy(), "File"),
                Arguments.of("init containers get resources {}", (Function<Pod, Object>) p -> p.getSpec().getInitContainers().get(0).getResources(), new ResourceRequirements()),
                Arguments.of("a container port speaks TCP", (Function<Pod, Object>) p -> app(p).getPorts().get(0).getProtocol(), "TCP"),
                Arguments.of("a missing request copies its limit", (Function<Pod, Object>) p -> app(p).getResources().getRequests().get("cpu"), new Quantity("500m")),
                Arguments.of("a given request is kept", (Function<Pod, Object>) p -> app(p).getResources().getRequests().get("memory"), new Quantity("32Mi")),
                Arguments.of("a fieldRef speaks v1", (Function<Pod, Object>) p -> app(p).getEnv().get(0).getValueFrom().getFieldRef().getApiVersion(), "v1"),
                Arguments.of("probe timeoutSeconds is 1", (Function<Pod, Object>) p -> app(p).getLivenessProbe().getTimeoutSeconds(), 1),
                Arguments.of("probe periodSeconds is 10", (Function<Pod, Object>) p -> app(p).getLivenessProbe().getPeriodSeconds(), 10),
                Arguments.of("probe successThreshold is 1", (Function<Pod, Object>) p -> app(p).getLivenessProbe().getSuccessThreshold(), 1),
                Arguments.of("probe failureThreshold is 3", (Function<Pod, Object>) p -> app(p).getLivenessProbe().getFailureThreshold(), 3),
                Arguments.of("httpGet scheme is HTTP", (Function<Pod, Object>) p -> app(p).getLivenessProbe().getHttpGet().getScheme(), "HTTP"),
                Arguments.of("httpGet path is /", (Function<Pod, Object>) p -> app(p).getLivenessProbe().getHttpGet().getPath(), "/"),
                Arguments.of("a volume without source is an emptyDir", (Function<Pod, Object>) p -> p.getSpec().getVolumes().get(0).getEmptyDir() != null, true),
                Arguments.of("a configMap volume has mode 0644", (Function<Pod, Object>) p -> p.getSpec().getVolumes().get(1).getConfigMap().getDefaultMode(), 420),
                Arguments.of("a hostPath type is empty", (Function<Pod, Object>) p -> p.getSpec().getVolumes().get(2).getHostPath().getType(), ""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void appliesPodDefaults(String name, Function<Pod, Object> field, Object expected) {
        Pod pod = pod();
        Defaults.apply(pod);
        assertThat(field.apply(pod)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "image {0} is pulled {1}")
    @CsvSource({
            "nginx, Always",
            "nginx:latest, Always",
            "nginx:1.27, IfNotPresent",
            "registry.local:5000/team/nginx, Always",
            "registry.local:5000/team/nginx:2, IfNotPresent",
            "nginx@sha256:0123abcd, IfNotPresent",
            "nginx:latest@sha256:0123abcd, Always",
    })
    void choosesThePullPolicyFromTheImageTag(String image, String policy) {
        assertThat(ContainerDefaults.imagePullPolicy(image)).isEqualTo(policy);
    }

    @Test
    void keepsValuesTheUserSet() {
        Pod pod = pod();
        pod.getSpec().setRestartPolicy("Never");
        pod.getSpec().setTerminationGracePeriodSeconds(5L);
        app(pod).setImagePullPolicy("Never");
        Defaults.apply(pod);
        assertThat(pod.getSpec().getRestartPolicy()).isEqualTo("Never");
        assertThat(pod.getSpec().getTerminationGracePeriodSeconds()).isEqualTo(5L);
        assertThat(app(pod).getImagePullPolicy()).isEqualTo("Never");
    }

    @Test
    void addsNoTolerationWhenAnExistingOneToleratesEverything() {
        Pod pod = pod();
        pod.getSpec().setTolerations(List.of(new Toleration(null, null, "Exists", null, null)));
        Defaults.apply(pod);
        assertThat(pod.getSpec().getTolerations()).containsExactly(new Toleration(null, null, "Exists", null, null));
    }

    @Test
    void hostNetworkPodsExposeContainerPortsOnTheHost() {
        Pod pod = pod();
        pod.getSpec().setHostNetwork(true);
        Defaults.apply(pod);
        assertThat(app(pod).getPorts().get(0).getHostPort()).isEqualTo(80);
    }
}
