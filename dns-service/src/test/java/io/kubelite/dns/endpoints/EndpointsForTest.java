package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointsForTest {

    static Pod pod(String name, String ip, boolean ready, String phase, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withUid("uid-" + name)
                .withLabels(labels).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app")
                .addNewPort().withName("http").withContainerPort(8080).endPort()
                .addNewPort().withName("dns").withContainerPort(53).withProtocol("UDP").endPort()
                .endContainer().endSpec()
                .withNewStatus().withPodIP(ip).withPhase(phase)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    static Service service(Map<String, String> selector, IntOrString target, String protocol) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName("web").endMetadata()
                .withNewSpec().withSelector(selector)
                .withPorts(new ServicePortBuilder().withName("web").withPort(80).withTargetPort(target)
                        .withProtocol(protocol).build())
                .endSpec().build();
    }

    static Stream<Arguments> targetPorts() {
        return Stream.of(
                Arguments.of("a number is used as is", new IntOrString(9090), "TCP", 9090),
                Arguments.of("a name resolves through the container's ports", new IntOrString("http"), "TCP", 8080),
                Arguments.of("a name must match the protocol too", new IntOrString("dns"), "UDP", 53),
                Arguments.of("a name the pod lacks leaves the pod out", new IntOrString("grpc"), "TCP", null),
                Arguments.of("a name with another protocol leaves the pod out", new IntOrString("dns"), "TCP", null),
                Arguments.of("no targetPort means the service port", null, "TCP", 80));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("targetPorts")
    void targetPortResolution(String name, IntOrString target, String protocol, Integer expected) {
        Service svc = service(Map.of("app", "web"), target, protocol);
        assertThat(EndpointsFor.resolve(svc.getSpec().getPorts().get(0), pod("a", "10.0.0.2", true, "Running",
                Map.of("app", "web")))).isEqualTo(expected);
    }

    @Test
    void readyPodsAreAddressesAndOthersNotReadyAddressesInOneSubsetSortedByIp() {
        Service svc = service(Map.of("app", "web"), new IntOrString("http"), "TCP");
        List<EndpointSubset> subsets = EndpointsFor.subsets(svc, List.of(
                pod("c", "10.0.0.9", true, "Running", Map.of("app", "web")),
                pod("a", "10.0.0.2", true, "Running", Map.of("app", "web")),
                pod("b", "10.0.0.3", false, "Running", Map.of("app", "web"))));

        assertThat(subsets).hasSize(1);
        assertThat(subsets.get(0).getAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.2", "10.0.0.9");
        assertThat(subsets.get(0).getNotReadyAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.3");
        assertThat(subsets.get(0).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getPort()).isEqualTo(8080);
            assertThat(p.getName()).isEqualTo("web");
            assertThat(p.getProtocol()).isEqualTo("TCP");
        });
        assertThat(subsets.get(0).getAddresses().get(0).getTargetRef().getName()).isEqualTo("a");
        assertThat(subsets.get(0).getAddresses().get(0).getNodeName()).isEqualTo("node-1");
    }

    static Stream<Arguments> leftOut() {
        return Stream.of(
                Arguments.of("labels do not match", pod("x", "10.0.0.2", true, "Running", Map.of("app", "db"))),
                Arguments.of("no IP yet", pod("x", null, false, "Pending", Map.of("app", "web"))),
                Arguments.of("finished", pod("x", "10.0.0.2", false, "Succeeded", Map.of("app", "web"))),
                Arguments.of("failed", pod("x", "10.0.0.2", false, "Failed", Map.of("app", "web"))),
                Arguments.of("terminating", new PodBuilder(pod("x", "10.0.0.2", true, "Running", Map.of("app", "web")))
                        .editMetadata().withDeletionTimestamp("2026-11-25T10:00:00Z").endMetadata().build()),
                Arguments.of("another namespace", new PodBuilder(pod("x", "10.0.0.2", true, "Running", Map.of("app", "web")))
                        .editMetadata().withNamespace("other").endMetadata().build()));
    }

    @ParameterizedTest(name = "a pod is left out when {0}")
    @MethodSource("leftOut")
    void podsThatCannotServeAreLeftOut(String why, Pod pod) {
        assertThat(EndpointsFor.subsets(service(Map.of("app", "web"), new IntOrString(8080), "TCP"), List.of(pod))).isEmpty();
    }

    @Test
    void publishNotReadyAddressesCountsEveryPodAsReady() {
        Service svc = new ServiceBuilder(service(Map.of("app", "web"), new IntOrString(8080), "TCP")).editSpec()
                .withPublishNotReadyAddresses(true).endSpec().build();
        List<EndpointSubset> subsets = EndpointsFor.subsets(svc, List.of(pod("b", "10.0.0.3", false, "Running",
                Map.of("app", "web"))));
        assertThat(subsets.get(0).getAddresses()).extracting(a -> a.getIp()).containsExactly("10.0.0.3");
        assertThat(subsets.get(0).getNotReadyAddresses()).isEmpty();
    }

    @Test
    void aServiceWithoutSelectorSelectsNothing() {
        assertThat(EndpointsFor.selects(service(Map.of(), new IntOrString(80), "TCP"),
                pod("a", "10.0.0.2", true, "Running", Map.of("app", "web")))).isFalse();
    }

    @Test
    void aPodsHostnameIsPublishedByTheServiceItsSubdomainNames() {
        Service svc = service(Map.of("app", "web"), new IntOrString(8080), "TCP");
        Pod member = new PodBuilder(pod("web-0", "10.0.0.2", true, "Running", Map.of("app", "web"))).editSpec()
                .withHostname("web-0").withSubdomain("web").endSpec().build();
        Pod elsewhere = new PodBuilder(pod("web-1", "10.0.0.3", true, "Running", Map.of("app", "web"))).editSpec()
                .withHostname("web-1").withSubdomain("other").endSpec().build();

        List<EndpointSubset> subsets = EndpointsFor.subsets(svc, List.of(member, elsewhere));

        assertThat(subsets).singleElement().satisfies(s -> assertThat(s.getAddresses())
                .extracting(a -> a.getIp() + "=" + a.getHostname()).containsExactly("10.0.0.2=web-0", "10.0.0.3=null"));
    }
}
