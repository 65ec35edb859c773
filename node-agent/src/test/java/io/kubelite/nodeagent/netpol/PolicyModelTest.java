package io.kubelite.nodeagent.netpol;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PolicyModelTest {

    static final String DB = "172.17.0.5";
    static final String WEB = "172.17.0.6";
    static final String OTHER = "172.17.0.7";
    static final String PROM = "172.17.0.8";
    static final String OPS_TOOL = "172.17.0.9";
    static final String NODE = "192.168.5.1";

    static Pod pod(String namespace, String name, String ip, Map<String, String> labels, String portName, int port) {
        PodBuilder b = new PodBuilder().withNewMetadata().withNamespace(namespace).withName(name).withUid("uid-" + name)
                .withLabels(labels).endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .withNewStatus().withPhase("Running").withPodIP(ip).endStatus();
        Pod pod = b.build();
        if (portName != null) {
            pod.getSpec().getContainers().get(0).setPorts(List.of(new io.fabric8.kubernetes.api.model.ContainerPortBuilder()
                    .withName(portName).withContainerPort(port).withProtocol("TCP").build()));
        }
        return pod;
    }

    static List<Pod> pods() {
        Pod hostNet = pod("shop", "agent", NODE, Map.of("app", "agent"), null, 0);
        hostNet.getSpec().setHostNetwork(true);
        Pod done = pod("shop", "job", "172.17.0.10", Map.of("app", "web"), null, 0);
        done.getStatus().setPhase("Succeeded");
        return List.of(pod("shop", "db", DB, Map.of("app", "db"), "pg", 5432), pod("shop", "web", WEB, Map.of("app", "web"),
                        "http", 8080), pod("shop", "other", OTHER, Map.of("app", "other"), "pg", 6432),
                pod("ops", "prom", PROM, Map.of("app", "prom"), null, 0), pod("ops", "tool", OPS_TOOL, Map.of("app", "tool"),
                        null, 0), hostNet, done);
    }

    static Map<String, Map<String, String>> namespaces() {
        return Map.of("shop", Map.of("kubernetes.io/metadata.name", "shop"),
                "ops", Map.of("kubernetes.io/metadata.name", "ops", "team", "ops"));
    }

    static PolicyModel model(List<NetworkPolicy> policies, List<Pod> pods) {
        return PolicyModel.build(policies, pods, namespaces(), Set.of(NODE));
    }

    static LabelSelector app(String app) {
        return new LabelSelectorBuilder().withMatchLabels(Map.of("app", app)).build();
    }

    static NetworkPolicyPeer pods(String app) {
        return new NetworkPolicyPeerBuilder().withPodSelector(app(app)).build();
    }

    static NetworkPolicyPort port(String protocol, Object port) {
        NetworkPolicyPortBuilder b = new NetworkPolicyPortBuilder().withProtocol(protocol);
        if (port != null) {
            b.withPort(port instanceof Integer i ? new IntOrString(i) : new IntOrString((String) port));
        }
        return b.build();
    }

    static NetworkPolicy ingress(String name, String namespace, LabelSelector selected, List<NetworkPolicyPeer> from,
            List<NetworkPolicyPort> ports) {
        return new NetworkPolicyBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withPodSelector(selected).withPolicyTypes("Ingress")
                .addNewIngress().withFrom(from).withPorts(ports).endIngress().endSpec().build();
    }

    /** Pods app=db in shop accept TCP on their port "pg" from app=web pods and from 10.0.0.0/8. */
    static NetworkPolicy dbPolicy() {
        return ingress("db", "shop", app("db"), List.of(pods("web"),
                        new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("10.0.0.0/8").endIpBlock().build()),
                List.of(port(null, "pg")));
    }

    /** Pods app=&lt;app&gt; in shop may open nothing but DNS (UDP 53). */
    static NetworkPolicy denyEgress(String app) {
        return new NetworkPolicyBuilder().withNewMetadata().withName("egress-" + app).withNamespace("shop").endMetadata()
                .withNewSpec().withPodSelector(app(app)).withPolicyTypes("Egress")
                .addNewEgress().withPorts(port("UDP", 53)).endEgress().endSpec().build();
    }

    @Test
    void aSelectedPodAcceptsOnlyWhatARuleAllowsAndItsNodeAlways() {
        PolicyModel m = model(List.of(dbPolicy()), pods());
        assertThat(m.ingress(DB)).isPresent();
        assertThat(m.allows(WEB, DB, "TCP", 5432)).isTrue();
        assertThat(m.allows(WEB, DB, "TCP", 80)).as("another port").isFalse();
        assertThat(m.allows(WEB, DB, "UDP", 5432)).as("another protocol").isFalse();
        assertThat(m.allows(OTHER, DB, "TCP", 5432)).as("a pod no peer selects").isFalse();
        assertThat(m.allows(PROM, DB, "TCP", 5432)).as("app=prom of another namespace").isFalse();
        assertThat(m.allows("10.1.2.3", DB, "TCP", 5432)).as("in the ipBlock").isTrue();
        assertThat(m.allows("11.0.0.1", DB, "TCP", 5432)).as("outside the ipBlock").isFalse();
        assertThat(m.allows(NODE, DB, "TCP", 80)).as("the node").isTrue();
        assertThat(m.allows("127.0.0.1", DB, "TCP", 80)).as("loopback: the node").isTrue();
    }

    @Test
    void podsNoPolicySelectsStayOpenAndEgressIsNotIsolatedByAnIngressPolicy() {
        PolicyModel m = model(List.of(dbPolicy()), pods());
        assertThat(m.ingress(WEB)).isEmpty();
        assertThat(m.egress(DB)).isEmpty();
        assertThat(m.allows(DB, WEB, "TCP", 1234)).isTrue();
        assertThat(m.allows(OTHER, WEB, "UDP", 53)).isTrue();
        assertThat(PolicyModel.OPEN.allows(OTHER, DB, "TCP", 1)).isTrue();
    }

    @Test
    void aPolicyWithNoRulesIsolatesAndAllowsNothingAndPoliciesAddUp() {
        NetworkPolicy denyAll = new NetworkPolicyBuilder().withNewMetadata().withName("deny").withNamespace("shop")
                .endMetadata().withNewSpec().withPodSelector(new LabelSelector()).withPolicyTypes("Ingress").endSpec().build();
        PolicyModel denied = model(List.of(denyAll), pods());
        assertThat(denied.ingress(WEB)).hasValue(List.of());
        assertThat(denied.allows(DB, WEB, "TCP", 8080)).isFalse();
        assertThat(denied.allows(PROM, OTHER, "TCP", 1)).isFalse();
        assertThat(denied.ingress(PROM)).as("another namespace").isEmpty();

        PolicyModel both = model(List.of(denyAll, dbPolicy()), pods());
        assertThat(both.allows(WEB, DB, "TCP", 5432)).isTrue();
        assertThat(both.allows(DB, WEB, "TCP", 8080)).isFalse();
    }

    @Test
    void namespaceSelectorsChooseWholeNamespacesOrThePodsOfThemAPodSelectorChooses() {
        NetworkPolicyPeer opsNamespace = new NetworkPolicyPeerBuilder().withNewNamespaceSelector()
                .withMatchLabels(Map.of("team", "ops")).endNamespaceSelector().build();
        PolicyModel whole = model(List.of(ingress("ops", "shop", app("web"), List.of(opsNamespace), List.of())), pods());
        assertThat(whole.allows(PROM, WEB, "TCP", 8080)).isTrue();
        assertThat(whole.allows(OPS_TOOL, WEB, "SCTP", 9)).as("no ports: every port and protocol").isTrue();
        assertThat(whole.allows(DB, WEB, "TCP", 8080)).as("the policy's own namespace is not selected").isFalse();

        NetworkPolicyPeer promInOps = new NetworkPolicyPeerBuilder().withNamespaceSelector(opsNamespace.getNamespaceSelector())
                .withPodSelector(app("prom")).build();
        PolicyModel narrow = model(List.of(ingress("prom", "shop", app("web"), List.of(promInOps),
                List.of(port("TCP", "http")))), pods());
        assertThat(narrow.allows(PROM, WEB, "TCP", 8080)).isTrue();
        assertThat(narrow.allows(OPS_TOOL, WEB, "TCP", 8080)).isFalse();
        assertThat(narrow.allows(PROM, WEB, "TCP", 8081)).isFalse();

        NetworkPolicyPeer everyNamespace = new NetworkPolicyPeerBuilder().withNamespaceSelector(new LabelSelector()).build();
        PolicyModel all = model(List.of(ingress("all", "shop", app("web"), List.of(everyNamespace), List.of())), pods());
        assertThat(all.allows(PROM, WEB, "TCP", 1)).isTrue();
        assertThat(all.allows("11.0.0.1", WEB, "TCP", 1)).as("not a pod").isFalse();
    }

    @Test
    void egressIsolationAllowsOnlyItsRulesAndNamedPortsAreTheDestinationPods() {
        PolicyModel dnsOnly = model(List.of(denyEgress("web")), pods());
        assertThat(dnsOnly.allows(WEB, "10.96.0.10", "UDP", 53)).isTrue();
        assertThat(dnsOnly.allows(WEB, DB, "TCP", 5432)).isFalse();
        assertThat(dnsOnly.allows(WEB, "8.8.8.8", "TCP", 443)).isFalse();
        assertThat(dnsOnly.allows(WEB, NODE, "TCP", 443)).as("the node: the API and the cluster DNS").isTrue();
        assertThat(dnsOnly.allows(WEB, "127.0.0.1", "UDP", 10053)).as("the node's loopback").isTrue();
        assertThat(dnsOnly.ingress(WEB)).as("Egress only: ingress stays open").isEmpty();
        assertThat(dnsOnly.allows(DB, WEB, "TCP", 8080)).isTrue();

        NetworkPolicy toPg = new NetworkPolicyBuilder().withNewMetadata().withName("to-pg").withNamespace("shop").endMetadata()
                .withNewSpec().withPodSelector(app("web")).withPolicyTypes("Egress")
                .addNewEgress().withPorts(port("TCP", "pg")).endEgress().endSpec().build();
        PolicyModel named = model(List.of(toPg), pods());
        assertThat(named.allows(WEB, DB, "TCP", 5432)).as("db's pg is 5432").isTrue();
        assertThat(named.allows(WEB, OTHER, "TCP", 6432)).as("other's pg is 6432").isTrue();
        assertThat(named.allows(WEB, OTHER, "TCP", 5432)).isFalse();
        assertThat(named.allows(WEB, "8.8.8.8", "TCP", 5432)).as("not a pod: has no named port").isFalse();
    }

    @Test
    void portRangesAndExceptBlocks() {
        NetworkPolicyPort range = new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(8000))
                .withEndPort(8100).build();
        NetworkPolicyPeer outside = new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr("0.0.0.0/0")
                .withExcept("10.0.0.0/8").endIpBlock().build();
        PolicyModel m = model(List.of(ingress("range", "shop", app("web"), List.of(outside), List.of(range))), pods());
        assertThat(m.allows("8.8.8.8", WEB, "TCP", 8000)).isTrue();
        assertThat(m.allows("8.8.8.8", WEB, "TCP", 8100)).isTrue();
        assertThat(m.allows("8.8.8.8", WEB, "TCP", 8101)).isFalse();
        assertThat(m.allows("10.9.9.9", WEB, "TCP", 8050)).as("excepted").isFalse();
        assertThat(m.allows(DB, WEB, "TCP", 8050)).as("pod IPs are addresses like any other").isTrue();
    }

    @Test
    void hostNetworkAndFinishedPodsAreNeitherIsolatedNorPeers() {
        NetworkPolicy fromWeb = ingress("from-web", "shop", new LabelSelector(), List.of(pods("web")), List.of());
        PolicyModel m = model(List.of(fromWeb), pods());
        assertThat(m.ingress(NODE)).as("host network pod").isEmpty();
        assertThat(m.ingress("172.17.0.10")).as("succeeded pod").isEmpty();
        assertThat(m.allows("172.17.0.10", DB, "TCP", 5432)).as("a finished app=web pod's old address").isFalse();
        assertThat(m.allows(WEB, DB, "TCP", 5432)).isTrue();
        List<Pod> none = new ArrayList<>();
        assertThat(model(List.of(fromWeb), none).isolatesAnything()).isFalse();
    }
}
