package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodDNSConfig;
import io.fabric8.kubernetes.api.model.PodDNSConfigBuilder;
import io.kubelite.nodeagent.runtime.ContainerSpec.Dns;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PodDnsTest {

    static final Dns HOST = new Dns(List.of("192.168.1.1"), List.of("corp.example"), List.of("edns0"));
    static final Dns CLUSTER = new Dns(List.of("10.96.0.10"),
            List.of("shop.svc.cluster.local", "svc.cluster.local", "cluster.local"), List.of("ndots:5"));

    static Pod pod(String policy, Boolean hostNetwork, PodDNSConfig config) {
        return new PodBuilder().withNewMetadata().withNamespace("shop").withName("web").endMetadata()
                .withNewSpec().withDnsPolicy(policy).withHostNetwork(hostNetwork).withDnsConfig(config).endSpec().build();
    }

    static PodDNSConfig config(List<String> nameservers, List<String> searches, String option, String value) {
        var b = new PodDNSConfigBuilder().withNameservers(nameservers).withSearches(searches);
        if (option != null) {
            b.addNewOption().withName(option).withValue(value).endOption();
        }
        return b.build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("ClusterFirst, the default: the cluster DNS and the namespace's search path",
                        pod(null, null, null), "10.96.0.10", CLUSTER),
                Arguments.of("ClusterFirst without a cluster DNS falls back to the node's (Docker's copy)",
                        pod("ClusterFirst", null, null), null, null),
                Arguments.of("Default keeps the node's resolv.conf", pod("Default", null, null), "10.96.0.10", null),
                Arguments.of("Default with dnsConfig adds to the node's",
                        pod("Default", null, config(List.of("1.2.3.4"), List.of("ns1.svc.cluster-domain.example"), null, null)),
                        "10.96.0.10", new Dns(List.of("192.168.1.1", "1.2.3.4"),
                                List.of("corp.example", "ns1.svc.cluster-domain.example"), List.of("edns0"))),
                Arguments.of("None takes only dnsConfig (the Kubernetes docs' example)",
                        pod("None", null, config(List.of("192.0.2.1"), List.of("ns1.svc.cluster-domain.example",
                                "my.dns.search.suffix"), "ndots", "2")),
                        "10.96.0.10", new Dns(List.of("192.0.2.1"),
                                List.of("ns1.svc.cluster-domain.example", "my.dns.search.suffix"), List.of("ndots:2"))),
                Arguments.of("dnsConfig's option replaces the policy's of the same name; duplicates are dropped",
                        pod("ClusterFirst", null, config(List.of("10.96.0.10"), List.of("svc.cluster.local"), "ndots", "1")),
                        "10.96.0.10", new Dns(List.of("10.96.0.10"), CLUSTER.searches(), List.of("ndots:1"))),
                Arguments.of("a host-network pod under ClusterFirst uses the node's DNS",
                        pod("ClusterFirst", true, null), "10.96.0.10", null),
                Arguments.of("ClusterFirstWithHostNet gives a host-network pod the cluster DNS",
                        pod("ClusterFirstWithHostNet", true, null), "10.96.0.10", CLUSTER));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void buildsTheResolvConfTheKubeletWould(String what, Pod pod, String clusterDns, Dns expected) {
        assertThat(PodDns.of(pod, clusterDns, "cluster.local", () -> HOST)).isEqualTo(expected);
    }

    @Test
    void readsAResolvConf() {
        assertThat(PodDns.parseResolvConf("""
                # Generated
                nameserver 10.0.0.2
                search a.example b.example
                options ndots:2 edns0
                nameserver 10.0.0.3
                """)).isEqualTo(new Dns(List.of("10.0.0.2", "10.0.0.3"), List.of("a.example", "b.example"),
                List.of("ndots:2", "edns0")));
    }
}
