package io.kubelite.nodeagent.proxy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.kubelite.nodeagent.proxy.LoadBalancers.Outcome;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class LoadBalancersTest {

    static final String NODE = "127.0.0.1";
    static final Function<Listen, String> ALL_FREE = listen -> null;

    /** A Service of {@code type} created at {@code created}, with ports given as port, nodePort (0: none), protocol. */
    static Service service(String name, String type, String created, Object... ports) {
        var spec = new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name)
                .withCreationTimestamp(created).endMetadata().withNewSpec().withType(type).withClusterIP("10.96.0.20");
        for (int i = 0; i < ports.length; i += 3) {
            int nodePort = (Integer) ports[i + 1];
            spec.addToPorts(new ServicePortBuilder().withPort((Integer) ports[i]).withNodePort(nodePort == 0 ? null : nodePort)
                    .withProtocol((String) ports[i + 2]).build());
        }
        return spec.endSpec().build();
    }

    @Test
    void aLoadBalancerServiceGetsTheNodesAddressWhenItsPortsAreFree() {
        var outcomes = LoadBalancers.assign(List.of(service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 31000, "TCP",
                8443, 31001, "TCP")), NODE, ALL_FREE);
        assertThat(outcomes).isEqualTo(Map.of("default/web", new Outcome(NODE, null)));
    }

    @Test
    void otherTypesAndOtherLoadBalancerClassesAreNotBalancedHere() {
        Service classed = new ServiceBuilder(service("metal", "LoadBalancer", "2026-11-27T10:00:00Z", 80, 31000, "TCP"))
                .editSpec().withLoadBalancerClass("example.com/metal").endSpec().build();
        Service deleting = new ServiceBuilder(service("going", "LoadBalancer", "2026-11-27T10:00:00Z", 81, 31002, "TCP"))
                .editMetadata().withDeletionTimestamp("2026-11-27T11:00:00Z").endMetadata().build();
        var outcomes = LoadBalancers.assign(List.of(classed, deleting,
                service("plain", "ClusterIP", "2026-11-27T10:00:00Z", 82, 0, "TCP"),
                service("np", "NodePort", "2026-11-27T10:00:00Z", 83, 31003, "TCP")), NODE, ALL_FREE);
        assertThat(outcomes).isEmpty();
    }

    @Test
    void theOlderServiceKeepsAPortBothAskForAndTheYoungerOneSaysWhy() {
        Service younger = service("b", "LoadBalancer", "2026-11-27T10:05:00Z", 8080, 31001, "TCP");
        Service older = service("a", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 31000, "TCP");
        var outcomes = LoadBalancers.assign(List.of(younger, older), NODE, ALL_FREE);
        assertThat(outcomes.get("default/a")).isEqualTo(new Outcome(NODE, null));
        assertThat(outcomes.get("default/b")).isEqualTo(new Outcome(null,
                "port 8080/TCP on 127.0.0.1 is already used by LoadBalancer Service default/a"));
    }

    @Test
    void aServiceAlreadyBalancedKeepsItsPortFromOneCreatedInTheSameSecondWhoseNameSortsFirst() {
        Service incumbent = new ServiceBuilder(service("lb-web", "LoadBalancer", "2026-11-27T10:00:00Z", 19080, 31000, "TCP"))
                .withNewStatus().withNewLoadBalancer().addNewIngress().withIp(NODE).endIngress().endLoadBalancer().endStatus()
                .build();
        Service newcomer = service("lb-second", "LoadBalancer", "2026-11-27T10:00:00Z", 19080, 31001, "TCP");
        var outcomes = LoadBalancers.assign(List.of(newcomer, incumbent), NODE, ALL_FREE);
        assertThat(outcomes.get("default/lb-web")).isEqualTo(new Outcome(NODE, null));
        assertThat(outcomes.get("default/lb-second")).isEqualTo(new Outcome(null,
                "port 19080/TCP on 127.0.0.1 is already used by LoadBalancer Service default/lb-web"));
    }

    @Test
    void theSamePortOverAnotherProtocolIsAnotherPort() {
        var outcomes = LoadBalancers.assign(List.of(service("dns-udp", "LoadBalancer", "2026-11-27T10:00:00Z", 5353, 31000, "UDP"),
                service("dns-tcp", "LoadBalancer", "2026-11-27T10:01:00Z", 5353, 31001, "TCP")), NODE, ALL_FREE);
        assertThat(outcomes.values()).allMatch(Outcome::assigned);
    }

    @Test
    void aNodePortOfAnyServiceTakesItsPortFirst() {
        Service nodePort = service("np", "NodePort", "2026-11-27T11:00:00Z", 80, 30080, "TCP");
        Service balanced = service("lb", "LoadBalancer", "2026-11-27T10:00:00Z", 30080, 31000, "TCP");
        assertThat(LoadBalancers.assign(List.of(nodePort, balanced), NODE, ALL_FREE).get("default/lb")).isEqualTo(
                new Outcome(null, "port 30080/TCP on 127.0.0.1 is already used by the NodePort of Service default/np"));
    }

    @Test
    void aServicesOwnNodePortOnTheSameNumberIsNoConflict() {
        Service same = service("same", "LoadBalancer", "2026-11-27T10:00:00Z", 30080, 30080, "TCP");
        assertThat(LoadBalancers.assign(List.of(same), NODE, ALL_FREE).get("default/same").assigned()).isTrue();
    }

    @Test
    void aPortAnotherProgramHoldsLeavesTheServicePendingWithTheReason() {
        Set<Listen> taken = Set.of(new Listen(NODE, 80, "TCP"));
        Function<Listen, String> probe = listen -> taken.contains(listen) ? "is in use by another program" : null;
        var outcomes = LoadBalancers.assign(List.of(service("web", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 31000, "TCP",
                80, 31001, "TCP"), service("api", "LoadBalancer", "2026-11-27T10:01:00Z", 8080, 31002, "TCP")), NODE, probe);
        assertThat(outcomes.get("default/web")).isEqualTo(new Outcome(null,
                "port 80/TCP on 127.0.0.1 is in use by another program"));
        assertThat(outcomes.get("default/api")).as("the pending Service claims nothing").isEqualTo(new Outcome(NODE, null));
    }

    @Test
    void aRequestedLoadBalancerIpOtherThanTheNodesCannotBeHonoured() {
        Service elsewhere = new ServiceBuilder(service("notes", "LoadBalancer", "2026-11-27T10:00:00Z", 8080, 30061, "TCP"))
                .editSpec().withLoadBalancerIP("78.11.24.19").endSpec().build();
        Service here = new ServiceBuilder(service("here", "LoadBalancer", "2026-11-27T10:01:00Z", 8080, 30062, "TCP"))
                .editSpec().withLoadBalancerIP(NODE).endSpec().build();
        var outcomes = LoadBalancers.assign(List.of(elsewhere, here), NODE, ALL_FREE);
        assertThat(outcomes.get("default/notes")).isEqualTo(new Outcome(null,
                "requested loadBalancerIP 78.11.24.19 is not an address of this load balancer (127.0.0.1)"));
        assertThat(outcomes.get("default/here")).isEqualTo(new Outcome(NODE, null));
    }
}
