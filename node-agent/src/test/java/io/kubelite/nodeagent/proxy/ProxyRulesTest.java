package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kubelite.nodeagent.proxy.ProxyRules.Affinity;
import io.kubelite.nodeagent.proxy.ProxyRules.Backend;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ProxyRulesTest {

    static final List<String> NODE = List.of("127.0.0.1");

    static Service service(String type, String clusterIp, ServicePort... ports) {
        return new ServiceBuilder().withNewMetadata().withNamespace("default").withName("webapp").endMetadata()
                .withNewSpec().withType(type).withClusterIP(clusterIp).withPorts(ports).endSpec().build();
    }

    static Service withIngress(Service service, String ip) {
        return new ServiceBuilder(service).withNewStatus().withNewLoadBalancer().addNewIngress().withIp(ip).endIngress()
                .endLoadBalancer().endStatus().build();
    }

    static Service withClass(Service service, String loadBalancerClass) {
        return new ServiceBuilder(service).editSpec().withLoadBalancerClass(loadBalancerClass).endSpec().build();
    }

    static ServicePort port(String name, int port, Integer nodePort, String protocol) {
        return new ServicePortBuilder().withName(name).withPort(port).withNodePort(nodePort).withProtocol(protocol).build();
    }

    static EndpointPort epPort(String name, int port) {
        return new EndpointPort(null, name, port, "TCP");
    }

    static Endpoints endpoints(List<String> ready, List<String> notReady, EndpointPort... ports) {
        var subset = new EndpointSubsetBuilder().withPorts(ports);
        ready.forEach(ip -> subset.addNewAddress().withIp(ip).endAddress());
        notReady.forEach(ip -> subset.addNewNotReadyAddress().withIp(ip).endNotReadyAddress());
        return new EndpointsBuilder().withNewMetadata().withNamespace("default").withName("webapp").endMetadata()
                .withSubsets(subset.build()).build();
    }

    static Map<Listen, Route> rules(Service service, Endpoints endpoints) {
        return ProxyRules.compute(List.of(service), key -> key.equals("default/webapp") ? endpoints : null, NODE);
    }

    static Listen listen(String ip, int port) {
        return new Listen(ip, port, "TCP");
    }

    static Route route(String service, Affinity affinity, String... backends) {
        return new Route(service, Stream.of(backends).map(b -> new Backend(b.split(":")[0], Integer.parseInt(b.split(":")[1])))
                .toList(), affinity);
    }

    static Stream<Arguments> cases() {
        Endpoints twoReadyOneNot = endpoints(List.of("172.17.0.5", "172.17.0.6"), List.of("172.17.0.7"), epPort(null, 8080));
        return Stream.of(
                Arguments.of("a ClusterIP port goes to the ready endpoints, not the unready one",
                        service("ClusterIP", "10.96.0.12", port(null, 80, null, "TCP")), twoReadyOneNot,
                        Map.of(listen("10.96.0.12", 80), route("default/webapp:80", Affinity.NONE, "172.17.0.5:8080", "172.17.0.6:8080"))),
                Arguments.of("a protocol left out is TCP",
                        service("ClusterIP", "10.96.0.12", port(null, 80, null, null)), twoReadyOneNot,
                        Map.of(listen("10.96.0.12", 80), route("default/webapp:80", Affinity.NONE, "172.17.0.5:8080", "172.17.0.6:8080"))),
                Arguments.of("a NodePort Service also listens on the node's address",
                        service("NodePort", "10.96.0.12", port("http", 8081, 30001, "TCP")),
                        endpoints(List.of("172.17.0.5"), List.of(), epPort("http", 8080)),
                        Map.of(listen("10.96.0.12", 8081), route("default/webapp:http", Affinity.NONE, "172.17.0.5:8080"),
                                listen("127.0.0.1", 30001), route("default/webapp:http", Affinity.NONE, "172.17.0.5:8080"))),
                Arguments.of("a LoadBalancer Service has its NodePort too",
                        service("LoadBalancer", "10.96.0.12", port(null, 8081, 30061, "TCP")),
                        endpoints(List.of("172.17.0.5"), List.of(), epPort(null, 8080)),
                        Map.of(listen("10.96.0.12", 8081), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"),
                                listen("127.0.0.1", 30061), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"))),
                Arguments.of("a LoadBalancer Service with this node's address as its ingress also listens there at its port",
                        withIngress(service("LoadBalancer", "10.96.0.12", port(null, 8081, 30061, "TCP")), "127.0.0.1"),
                        endpoints(List.of("172.17.0.5"), List.of(), epPort(null, 8080)),
                        Map.of(listen("10.96.0.12", 8081), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"),
                                listen("127.0.0.1", 30061), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"),
                                listen("127.0.0.1", 8081), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"))),
                Arguments.of("an ingress address of another load balancer is not listened on here",
                        withIngress(service("LoadBalancer", "10.96.0.12", port(null, 8081, 30061, "TCP")), "203.0.113.7"),
                        endpoints(List.of("172.17.0.5"), List.of(), epPort(null, 8080)),
                        Map.of(listen("10.96.0.12", 8081), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"),
                                listen("127.0.0.1", 30061), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"))),
                Arguments.of("nor is that of a Service of another load balancer class",
                        withClass(withIngress(service("LoadBalancer", "10.96.0.12", port(null, 8081, 30061, "TCP")),
                                "127.0.0.1"), "example.com/metal"),
                        endpoints(List.of("172.17.0.5"), List.of(), epPort(null, 8080)),
                        Map.of(listen("10.96.0.12", 8081), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"),
                                listen("127.0.0.1", 30061), route("default/webapp:8081", Affinity.NONE, "172.17.0.5:8080"))),
                Arguments.of("without a ready endpoint there is no listener, so connections are refused",
                        service("NodePort", "10.96.0.12", port(null, 80, 30001, "TCP")),
                        endpoints(List.of(), List.of("172.17.0.7"), epPort(null, 8080)), Map.of()),
                Arguments.of("without Endpoints there is no listener",
                        service("ClusterIP", "10.96.0.12", port(null, 80, null, "TCP")), null, Map.of()),
                Arguments.of("each named port takes the endpoint port of the same name",
                        service("ClusterIP", "10.96.0.12", port("web", 80, null, "TCP"), port("admin", 81, null, "TCP")),
                        endpoints(List.of("172.17.0.5"), List.of(), epPort("admin", 9090), epPort("web", 8080)),
                        Map.of(listen("10.96.0.12", 80), route("default/webapp:web", Affinity.NONE, "172.17.0.5:8080"),
                                listen("10.96.0.12", 81), route("default/webapp:admin", Affinity.NONE, "172.17.0.5:9090"))),
                Arguments.of("a DNS Service's UDP and TCP ports, one name each, take the endpoint port of their protocol",
                        service("ClusterIP", "10.96.0.10", port("dns", 53, null, "UDP"), port("dns-tcp", 53, null, "TCP")),
                        endpoints(List.of("127.0.0.1"), List.of(), new EndpointPort(null, "dns", 10053, "UDP"),
                                new EndpointPort(null, "dns-tcp", 10054, "TCP")),
                        Map.of(new Listen("10.96.0.10", 53, "UDP"), route("default/webapp:dns", Affinity.NONE, "127.0.0.1:10053"),
                                listen("10.96.0.10", 53), route("default/webapp:dns-tcp", Affinity.NONE, "127.0.0.1:10054"))),
                Arguments.of("an SCTP port is not proxied",
                        service("ClusterIP", "10.96.0.10", port("sig", 3868, null, "SCTP")),
                        endpoints(List.of("172.17.0.5"), List.of(), new EndpointPort(null, "sig", 3868, "SCTP")), Map.of()),
                Arguments.of("a UDP Service port does not take a TCP endpoint port of the same name",
                        service("ClusterIP", "10.96.0.10", port("dns", 53, null, "UDP")),
                        endpoints(List.of("172.17.0.5"), List.of(), new EndpointPort(null, "dns", 53, "TCP")), Map.of()),
                Arguments.of("a headless Service has no ClusterIP to listen on",
                        service("ClusterIP", "None", port(null, 80, null, "TCP")), twoReadyOneNot, Map.of()),
                Arguments.of("an ExternalName Service is a DNS name, not proxied",
                        service("ExternalName", null, port(null, 80, null, "TCP")), twoReadyOneNot, Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void computesWhatListensWhereAndWhereItSends(String name, Service service, Endpoints endpoints, Map<Listen, Route> expected) {
        assertThat(rules(service, endpoints)).isEqualTo(expected);
    }

    @Test
    void clientIpAffinityKeepsKubernetesDefaultTimeoutUnlessOneIsGiven() {
        Endpoints one = endpoints(List.of("172.17.0.5"), List.of(), epPort(null, 8080));
        Service sticky = service("ClusterIP", "10.96.0.12", port(null, 80, null, "TCP"));
        sticky.getSpec().setSessionAffinity("ClientIP");
        assertThat(rules(sticky, one).get(listen("10.96.0.12", 80)).affinity())
                .isEqualTo(new Affinity(true, Duration.ofHours(3)));
        sticky.getSpec().setSessionAffinityConfig(new io.fabric8.kubernetes.api.model.SessionAffinityConfigBuilder()
                .withNewClientIP().withTimeoutSeconds(60).endClientIP().build());
        assertThat(rules(sticky, one).get(listen("10.96.0.12", 80)).affinity())
                .isEqualTo(new Affinity(true, Duration.ofSeconds(60)));
    }

    @Test
    void everyServiceWithAClusterIpNeedsItAsALocalAddressEvenWithoutEndpoints() {
        assertThat(ProxyRules.clusterIps(List.of(
                service("ClusterIP", "10.96.0.12", port(null, 80, null, "TCP")),
                service("NodePort", "10.96.0.13", port(null, 80, 30001, "TCP")),
                service("ClusterIP", "None", port(null, 80, null, "TCP")),
                service("ExternalName", null))))
                .containsExactly("10.96.0.12", "10.96.0.13");
    }
}
