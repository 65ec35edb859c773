package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceDefaultsTest {

    static Service service() {
        return new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().withSelector(Map.of("app", "web")).addNewPort().withPort(80).endPort().endSpec().build();
    }

    static Stream<Arguments> defaults() {
        Consumer<Service> none = s -> { };
        return Stream.of(
                Arguments.of("type is ClusterIP", none, (Function<Service, Object>) s -> s.getSpec().getType(), "ClusterIP"),
                Arguments.of("sessionAffinity is None", none, (Function<Service, Object>) s -> s.getSpec().getSessionAffinity(), "None"),
                Arguments.of("a port speaks TCP", none, (Function<Service, Object>) s -> s.getSpec().getPorts().get(0).getProtocol(), "TCP"),
                Arguments.of("targetPort is the port", none, (Function<Service, Object>) s -> s.getSpec().getPorts().get(0).getTargetPort(), new IntOrString(80)),
                Arguments.of("internalTrafficPolicy is Cluster", none, (Function<Service, Object>) s -> s.getSpec().getInternalTrafficPolicy(), "Cluster"),
                Arguments.of("ipFamilyPolicy is SingleStack", none, (Function<Service, Object>) s -> s.getSpec().getIpFamilyPolicy(), "SingleStack"),
                Arguments.of("ipFamilies is IPv4", none, (Function<Service, Object>) s -> s.getSpec().getIpFamilies(), List.of("IPv4")),
                Arguments.of("a ClusterIP service has no externalTrafficPolicy", none,
                        (Function<Service, Object>) s -> s.getSpec().getExternalTrafficPolicy(), null),
                Arguments.of("a NodePort service routes external traffic cluster-wide", (Consumer<Service>) s -> s.getSpec().setType("NodePort"),
                        (Function<Service, Object>) s -> s.getSpec().getExternalTrafficPolicy(), "Cluster"),
                Arguments.of("a LoadBalancer allocates node ports", (Consumer<Service>) s -> s.getSpec().setType("LoadBalancer"),
                        (Function<Service, Object>) s -> s.getSpec().getAllocateLoadBalancerNodePorts(), true),
                Arguments.of("ClientIP affinity sticks for three hours", (Consumer<Service>) s -> s.getSpec().setSessionAffinity("ClientIP"),
                        (Function<Service, Object>) s -> s.getSpec().getSessionAffinityConfig().getClientIP().getTimeoutSeconds(), 10800),
                Arguments.of("a named targetPort is kept", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setTargetPort(new IntOrString("http")),
                        (Function<Service, Object>) s -> s.getSpec().getPorts().get(0).getTargetPort(), new IntOrString("http")),
                Arguments.of("a headless service without selector requires dual stack", (Consumer<Service>) s -> {
                    s.getSpec().setClusterIP("None");
                    s.getSpec().setSelector(null);
                }, (Function<Service, Object>) s -> s.getSpec().getIpFamilyPolicy(), "RequireDualStack"),
                Arguments.of("an ExternalName service has no IP families", (Consumer<Service>) s -> s.getSpec().setType("ExternalName"),
                        (Function<Service, Object>) s -> s.getSpec().getIpFamilyPolicy(), null),
                Arguments.of("an ExternalName service has no internalTrafficPolicy", (Consumer<Service>) s -> s.getSpec().setType("ExternalName"),
                        (Function<Service, Object>) s -> s.getSpec().getInternalTrafficPolicy(), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("defaults")
    void appliesServiceDefaults(String name, Consumer<Service> prepare, Function<Service, Object> field, Object expected) {
        Service service = service();
        prepare.accept(service);
        Defaults.apply(service);
        assertThat(field.apply(service)).isEqualTo(expected);
    }

    @Test
    void endpointPortsSpeakTcp() {
        var endpoints = new EndpointsBuilder().withNewMetadata().withName("web").endMetadata()
                .addNewSubset().addNewPort().withPort(80).endPort().endSubset().build();
        Defaults.apply(endpoints);
        assertThat(endpoints.getSubsets().get(0).getPorts().get(0).getProtocol()).isEqualTo("TCP");
    }

    @org.junit.jupiter.api.Test
    void aNetworkPolicyIsOfTypeIngressPlusEgressWhenItHasEgressRulesAndItsPortsSpeakTcp() {
        var ingressOnly = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder().withNewSpec()
                .addNewIngress().addNewPort().withPort(new IntOrString(80)).endPort().endIngress().endSpec().build();
        Defaults.apply(ingressOnly);
        org.assertj.core.api.Assertions.assertThat(ingressOnly.getSpec().getPolicyTypes()).containsExactly("Ingress");
        org.assertj.core.api.Assertions.assertThat(ingressOnly.getSpec().getIngress().get(0).getPorts().get(0).getProtocol())
                .isEqualTo("TCP");

        var both = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder().withNewSpec()
                .addNewEgress().addNewPort().withProtocol("UDP").withPort(new IntOrString(53)).endPort().endEgress().endSpec().build();
        Defaults.apply(both);
        org.assertj.core.api.Assertions.assertThat(both.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        org.assertj.core.api.Assertions.assertThat(both.getSpec().getEgress().get(0).getPorts().get(0).getProtocol()).isEqualTo("UDP");

        var explicit = new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder().withNewSpec()
                .withPolicyTypes("Egress").endSpec().build();
        Defaults.apply(explicit);
        org.assertj.core.api.Assertions.assertThat(explicit.getSpec().getPolicyTypes()).containsExactly("Egress");
    }
}
