package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** networking.k8s.io/v1 NetworkPolicies: kube-apiserver 1.32's rules, field paths and words. */
class NetworkPolicyValidatorTest {

    final ObjectValidator validator = new ObjectValidator();

    /** {@code test-network-policy}, the example of Kubernetes' NetworkPolicy documentation. */
    static NetworkPolicyBuilder documentationExample() {
        return new NetworkPolicyBuilder()
                .withNewMetadata().withName("test-network-policy").withNamespace("default").endMetadata()
                .withNewSpec()
                .withNewPodSelector().addToMatchLabels("role", "db").endPodSelector()
                .withPolicyTypes("Ingress", "Egress")
                .addNewIngress()
                .addToFrom(ipBlock("172.17.0.0/16", "172.17.1.0/24"))
                .addNewFrom().withNewNamespaceSelector().addToMatchLabels("project", "myproject").endNamespaceSelector().endFrom()
                .addNewFrom().withNewPodSelector().addToMatchLabels("role", "frontend").endPodSelector().endFrom()
                .addToPorts(port("TCP", "6379", null))
                .endIngress()
                .addNewEgress()
                .addToTo(ipBlock("10.0.0.0/24"))
                .addToPorts(port("TCP", "5978", null))
                .endEgress()
                .endSpec();
    }

    /** A port as written in YAML: digits make a number, anything else a name. */
    static NetworkPolicyPort port(String protocol, String port, Integer endPort) {
        IntOrString value = port == null ? null : port.matches("-?\\d+") ? new IntOrString(Integer.parseInt(port)) : new IntOrString(port);
        return new NetworkPolicyPortBuilder().withProtocol(protocol).withPort(value).withEndPort(endPort).build();
    }

    static NetworkPolicyPeer ipBlock(String cidr, String... except) {
        return new NetworkPolicyPeerBuilder().withNewIpBlock().withCidr(cidr).withExcept(Arrays.asList(except)).endIpBlock().build();
    }

    List<String> errors(NetworkPolicy policy) {
        return Fixtures.messages(validator.validateCreate(policy, true));
    }

    static NetworkPolicy withIngressPort(NetworkPolicyPort port) {
        return documentationExample().editSpec().editFirstIngress().withPorts(port).endIngress().endSpec().build();
    }

    static NetworkPolicy withIngressIpBlock(String cidr, String except) {
        String[] exceptions = except == null ? new String[0] : except.split(" ");
        return documentationExample().editSpec().editFirstIngress().setToFrom(0, ipBlock(cidr, exceptions)).endIngress().endSpec().build();
    }

    static NetworkPolicy withPolicyTypes(String types) {
        List<String> list = types == null ? List.of() : List.of(types.split(","));
        return documentationExample().editSpec().withPolicyTypes(list).endSpec().build();
    }

    @Test
    void theDocumentationExampleIsValid() {
        assertThat(errors(documentationExample().build())).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a TCP port number                | TCP  | 6379  |
            a UDP port number                | UDP  | 53    |
            an SCTP port number              | SCTP | 9000  |
            no protocol                      |      | 6379  |
            an IANA service name             | TCP  | redis |
            a range of ports                 | TCP  | 32000 | 32768
            a range of one port              | TCP  | 6379  | 6379
            a protocol alone, for all ports  | UDP  |       |
            """)
    void acceptsAPort(String name, String protocol, String port, Integer endPort) {
        assertThat(errors(withIngressPort(port(protocol, port, endPort)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown protocol               | ICMP |                    |       | spec.ingress[0].ports[0].protocol: Unsupported value: "ICMP": supported values: "TCP", "UDP", "SCTP"
            a lower-case protocol             | tcp  | 6379               |       | spec.ingress[0].ports[0].protocol: Unsupported value: "tcp": supported values: "TCP", "UDP", "SCTP"
            port 0                            | TCP  | 0                  |       | spec.ingress[0].ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive
            a port past 65535                 | TCP  | 65536              |       | spec.ingress[0].ports[0].port: Invalid value: 65536: must be between 1 and 65535, inclusive
            an upper-case port name           | TCP  | Redis              |       | spec.ingress[0].ports[0].port: Invalid value: "Redis": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)
            a port name of 18 characters      | TCP  | redis-primary-port |       | spec.ingress[0].ports[0].port: Invalid value: "redis-primary-port": must be no more than 15 characters
            a range ending before it starts   | TCP  | 32000              | 30000 | spec.ingress[0].ports[0].endPort: Invalid value: 30000: must be greater than or equal to `port`
            a range ending past 65535         | TCP  | 32000              | 65536 | spec.ingress[0].ports[0].endPort: Invalid value: 65536: must be between 1 and 65535, inclusive
            a range starting at a named port  | TCP  | redis              | 6380  | spec.ingress[0].ports[0].endPort: Invalid value: 6380: may not be specified when `port` is non-numeric
            a range without a start           | TCP  |                    | 6380  | spec.ingress[0].ports[0].endPort: Invalid value: 6380: may not be specified when `port` is not specified
            """)
    void refusesAPort(String name, String protocol, String port, Integer endPort, String message) {
        assertThat(errors(withIngressPort(port(protocol, port, endPort)))).containsExactly(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an IPv4 block with a smaller block excepted            | 172.17.0.0/16       | 172.17.1.0/24 172.17.2.0/24
            a block without exceptions                            | 0.0.0.0/0           |
            host bits set, read as their block                     | 192.168.1.1/24      | 192.168.1.128/25
            leading zeros in octets, read as decimal               | 010.000.0.0/8       | 010.1.0.0/16
            an IPv6 block                                          | 2001:db8::/32       | 2001:db8:1::/48
            an IPv6 block written with trailing IPv4               | ::ffff:10.0.0.0/104 |
            an IPv4-mapped IPv6 exception, compared as IPv4 in Go  | 0.0.0.0/0           | ::ffff:10.0.0.0/104
            """)
    void acceptsAnIpBlock(String name, String cidr, String except) {
        assertThat(errors(withIngressIpBlock(cidr, except))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a prefix past 32                | 10.0.0.0/33      |                             | spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.0/33": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            an address without a prefix     | 10.0.0.1         |                             | spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "10.0.0.1": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            an octet past 255               | 256.0.0.0/8      |                             | spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "256.0.0.0/8": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            an IPv6 prefix past 128         | 2001:db8::/129   |                             | spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "2001:db8::/129": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            two :: in one address           | 2001::db8::/64   |                             | spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "2001::db8::/64": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            an IPv6 zone                    | fe80::1%eth0/64  |                             | spec.ingress[0].from[0].ipBlock.cidr: Invalid value: "fe80::1%eth0/64": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            no CIDR                         |                  |                             | spec.ingress[0].from[0].ipBlock.cidr: Required value
            an exception without a prefix   | 172.17.0.0/16    | 172.17.1.0                  | spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "172.17.1.0": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)
            an exception outside the block  | 172.17.0.0/16    | 10.0.0.0/24                 | spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "10.0.0.0/24": must be a strict subset of `cidr`
            an exception equal to the block | 172.17.0.0/16    | 172.17.0.0/16               | spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "172.17.0.0/16": must be a strict subset of `cidr`
            an exception wider than a block | 172.17.0.0/16    | 172.0.0.0/8                 | spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "172.0.0.0/8": must be a strict subset of `cidr`
            an exception of another family  | 172.17.0.0/16    | 2001:db8::/64               | spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: "2001:db8::/64": must be a strict subset of `cidr`
            the second exception outside    | 172.17.0.0/16    | 172.17.1.0/24 172.18.0.0/24 | spec.ingress[0].from[0].ipBlock.except[1]: Invalid value: "172.18.0.0/24": must be a strict subset of `cidr`
            """)
    void refusesAnIpBlock(String name, String cidr, String except, String message) {
        assertThat(errors(withIngressIpBlock(cidr, except))).containsExactly(message);
    }

    @Test
    void everyBadExceptionIsReportedNotOnlyTheFirst() {
        assertThat(errors(withIngressIpBlock("172.17.0.0/16", "bogus 172.17.1.0/24 10.0.0.0/8"))).containsExactly(
                "spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"bogus\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                "spec.ingress[0].from[0].ipBlock.except[2]: Invalid value: \"10.0.0.0/8\": must be a strict subset of `cidr`");
    }

    @Test
    void aPeerMustNamePodsNamespacesOrAnIpBlock() {
        NetworkPolicy empty = documentationExample().editSpec().editFirstIngress().addToFrom(new NetworkPolicyPeer()).endIngress()
                .endSpec().build();

        assertThat(errors(empty)).containsExactly("spec.ingress[0].from[3]: Required value: must specify a peer");
    }

    @Test
    void anIpBlockStandsAloneWhilePodAndNamespaceSelectorsCombine() {
        NetworkPolicyPeer blockAndPods = new NetworkPolicyPeerBuilder(ipBlock("10.0.0.0/24"))
                .withPodSelector(new LabelSelectorBuilder().addToMatchLabels("role", "backup").build()).build();
        NetworkPolicyPeer podsInNamespaces = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().addToMatchLabels("role", "backup").build())
                .withNamespaceSelector(new LabelSelectorBuilder().build()).build();

        assertThat(errors(documentationExample().editSpec().editFirstEgress().withTo(blockAndPods).endEgress().endSpec().build()))
                .containsExactly("spec.egress[0].to[0]: Forbidden: may not specify both ipBlock and another peer");
        assertThat(errors(documentationExample().editSpec().editFirstEgress().withTo(podsInNamespaces).endEgress().endSpec().build()))
                .isEmpty();
    }

    @Test
    void selectorsFollowTheLabelSelectorRules() {
        NetworkPolicy policy = documentationExample().editSpec()
                .editPodSelector().addNewMatchExpression().withKey("tier").withOperator("Has").endMatchExpression().endPodSelector()
                .editFirstIngress().editFrom(1).editNamespaceSelector().addNewMatchExpression().withKey("project").withOperator("In")
                .endMatchExpression().endNamespaceSelector().endFrom().endIngress()
                .endSpec().build();

        assertThat(errors(policy)).containsExactly(
                "spec.podSelector.matchExpressions[0].operator: Invalid value: \"Has\": not a valid selector operator",
                "spec.ingress[0].from[1].namespaceSelector.matchExpressions[0].values: Required value: "
                        + "must be specified when `operator` is 'In' or 'NotIn'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            egress only                     | Egress
            a type twice, which kube allows | Ingress,Ingress
            none, left to defaulting        |
            """)
    void acceptsPolicyTypes(String name, String types) {
        assertThat(errors(withPolicyTypes(types))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an unknown type                           | Ingress,Sideways        | spec.policyTypes[1]: Unsupported value: "Sideways": supported values: "Ingress", "Egress"
            a lower-case type                         | ingress                 | spec.policyTypes[0]: Unsupported value: "ingress": supported values: "Ingress", "Egress"
            three types                               | Ingress,Egress,Ingress  | spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Ingress"}: may not specify more than two policyTypes
            three types, the unknown one not judged   | Ingress,Egress,Sideways | spec.policyTypes: Invalid value: []networking.PolicyType{"Ingress", "Egress", "Sideways"}: may not specify more than two policyTypes
            """)
    void refusesPolicyTypes(String name, String types, String message) {
        assertThat(errors(withPolicyTypes(types))).containsExactly(message);
    }

    @Test
    void errorsComeInKubesOrderPortsThenPeersThenPolicyTypes() {
        NetworkPolicy policy = documentationExample().editSpec().withPolicyTypes("Ingress", "Sideways")
                .editFirstIngress().withFrom(ipBlock("10.0.0.0/33")).withPorts(port("ICMP", "80", null)).endIngress()
                .endSpec().build();

        assertThat(errors(policy)).containsExactly(
                "spec.ingress[0].ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"TCP\", \"UDP\", \"SCTP\"",
                "spec.ingress[0].from[0].ipBlock.cidr: Invalid value: \"10.0.0.0/33\": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)",
                "spec.policyTypes[1]: Unsupported value: \"Sideways\": supported values: \"Ingress\", \"Egress\"");
    }

    @Test
    void anUpdateIsHeldToTheSameRulesAsACreate() {
        NetworkPolicy policy = withIngressIpBlock("172.17.0.0/16", "10.0.0.0/24");

        assertThat(Fixtures.messages(validator.validate(policy, true))).containsExactly(
                "spec.ingress[0].from[0].ipBlock.except[0]: Invalid value: \"10.0.0.0/24\": must be a strict subset of `cidr`");
    }
}
