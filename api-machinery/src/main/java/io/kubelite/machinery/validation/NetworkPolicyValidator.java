package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicySpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * networking.k8s.io/v1 NetworkPolicies as kube-apiserver 1.32 validates them: the pod selector,
 * then each ingress rule's ports and {@code from} peers, each egress rule's ports and {@code to}
 * peers, then the policy types. An update is held to the same rules, on the new object only.
 */
final class NetworkPolicyValidator {

    private static final String NOT_A_CIDR = "must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)";
    private static final FieldPath SPEC = FieldPath.of("spec");
    /** In kube's order, which its "supported values" message keeps (not sorted). */
    private static final List<String> PROTOCOLS = List.of("TCP", "UDP", "SCTP");
    private static final List<String> POLICY_TYPES = List.of("Ingress", "Egress");

    private NetworkPolicyValidator() {
    }

    static List<FieldError> validate(NetworkPolicy policy) {
        NetworkPolicySpec spec = policy.getSpec() == null ? new NetworkPolicySpec() : policy.getSpec();
        List<FieldError> errs = new ArrayList<>(SelectorRules.validate(spec.getPodSelector(), SPEC.child("podSelector")));
        List<NetworkPolicyIngressRule> ingress = Checks.orEmpty(spec.getIngress());
        for (int i = 0; i < ingress.size(); i++) {
            NetworkPolicyIngressRule rule = ingress.get(i) == null ? new NetworkPolicyIngressRule() : ingress.get(i);
            errs.addAll(rule(rule.getPorts(), rule.getFrom(), "from", SPEC.child("ingress").index(i)));
        }
        List<NetworkPolicyEgressRule> egress = Checks.orEmpty(spec.getEgress());
        for (int i = 0; i < egress.size(); i++) {
            NetworkPolicyEgressRule rule = egress.get(i) == null ? new NetworkPolicyEgressRule() : egress.get(i);
            errs.addAll(rule(rule.getPorts(), rule.getTo(), "to", SPEC.child("egress").index(i)));
        }
        errs.addAll(policyTypes(Checks.orEmpty(spec.getPolicyTypes()), SPEC.child("policyTypes")));
        return errs;
    }

    private static List<FieldError> rule(List<NetworkPolicyPort> ports, List<NetworkPolicyPeer> peers, String peersField,
                                         FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        List<NetworkPolicyPort> portList = Checks.orEmpty(ports);
        for (int i = 0; i < portList.size(); i++) {
            errs.addAll(port(portList.get(i) == null ? new NetworkPolicyPort() : portList.get(i), path.child("ports").index(i)));
        }
        List<NetworkPolicyPeer> peerList = Checks.orEmpty(peers);
        for (int i = 0; i < peerList.size(); i++) {
            errs.addAll(peer(peerList.get(i) == null ? new NetworkPolicyPeer() : peerList.get(i), path.child(peersField).index(i)));
        }
        return errs;
    }

    /**
     * A port is a number or an IANA service name; {@code endPort} widens a numeric port into a range,
     * so {@code port: 32000, endPort: 32768} is valid and {@code endPort: 30000} is not.
     */
    private static List<FieldError> port(NetworkPolicyPort port, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String protocol = port.getProtocol();
        if (protocol != null && !PROTOCOLS.contains(protocol)) {
            errs.add(FieldError.notSupported(path.child("protocol"), protocol, PROTOCOLS));
        }
        IntOrString value = port.getPort();
        Integer endPort = port.getEndPort();
        FieldPath endPath = path.child("endPort");
        if (value != null && value.getIntVal() != null) {
            int number = value.getIntVal();
            NameRules.isValidPortNum(number).forEach(msg -> errs.add(FieldError.invalid(path.child("port"), number, msg)));
            if (endPort != null) {
                if (endPort < number) {
                    errs.add(FieldError.invalid(endPath, endPort, "must be greater than or equal to `port`"));
                }
                NameRules.isValidPortNum(endPort).forEach(msg -> errs.add(FieldError.invalid(endPath, endPort, msg)));
            }
        } else if (value != null && value.getStrVal() != null) {
            if (endPort != null) {
                errs.add(FieldError.invalid(endPath, endPort, "may not be specified when `port` is non-numeric"));
            }
            String name = value.getStrVal();
            NameRules.isValidPortName(name).forEach(msg -> errs.add(FieldError.invalid(path.child("port"), name, msg)));
        } else if (endPort != null) {
            errs.add(FieldError.invalid(endPath, endPort, "may not be specified when `port` is not specified"));
        }
        return errs;
    }

    /** A peer is pods and/or namespaces chosen by selectors, or an IP block on its own. */
    private static List<FieldError> peer(NetworkPolicyPeer peer, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        int kinds = 0;
        if (peer.getPodSelector() != null) {
            kinds++;
            errs.addAll(SelectorRules.validate(peer.getPodSelector(), path.child("podSelector")));
        }
        if (peer.getNamespaceSelector() != null) {
            kinds++;
            errs.addAll(SelectorRules.validate(peer.getNamespaceSelector(), path.child("namespaceSelector")));
        }
        if (peer.getIpBlock() != null) {
            kinds++;
            errs.addAll(ipBlock(peer.getIpBlock(), path.child("ipBlock")));
        }
        if (kinds == 0) {
            errs.add(FieldError.required(path, "must specify a peer"));
        } else if (kinds > 1 && peer.getIpBlock() != null) {
            errs.add(FieldError.forbidden(path, "may not specify both ipBlock and another peer"));
        }
        return errs;
    }

    /**
     * The block's CIDR must parse, and each exception must be a smaller block inside it: for
     * {@code cidr: 172.17.0.0/16}, {@code 172.17.1.0/24} is a valid exception, while
     * {@code 172.17.0.0/16} (the same block) and {@code 10.0.0.0/24} (outside it) are not. Every
     * exception is checked, not only those before the first bad one.
     */
    private static List<FieldError> ipBlock(IPBlock block, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String cidr = block.getCidr();
        if (Checks.isEmpty(cidr)) {
            errs.add(FieldError.required(path.child("cidr"), ""));
            return errs;
        }
        Optional<Cidr> outer = Cidr.parse(cidr);
        if (outer.isEmpty()) {
            errs.add(FieldError.invalid(path.child("cidr"), cidr, NOT_A_CIDR));
            return errs;
        }
        List<String> except = Checks.orEmpty(block.getExcept());
        for (int i = 0; i < except.size(); i++) {
            String value = MetaValidator.nullToEmpty(except.get(i));
            FieldPath exceptPath = path.child("except").index(i);
            Optional<Cidr> inner = Cidr.parse(value);
            if (inner.isEmpty()) {
                errs.add(FieldError.invalid(exceptPath, value, NOT_A_CIDR));
            } else if (!outer.get().strictlyContains(inner.get())) {
                errs.add(FieldError.invalid(exceptPath, value, "must be a strict subset of `cidr`"));
            }
        }
        return errs;
    }

    /** At most two types; past that kube reports the list as a whole and judges no single value. */
    private static List<FieldError> policyTypes(List<String> types, FieldPath path) {
        if (types.size() > POLICY_TYPES.size()) {
            List<String> quoted = types.stream().map(t -> GoValues.quote(MetaValidator.nullToEmpty(t))).toList();
            return List.of(FieldError.invalid(path, new GoValues.Literal("[]networking.PolicyType{" + String.join(", ", quoted) + "}"),
                    "may not specify more than two policyTypes"));
        }
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < types.size(); i++) {
            String type = MetaValidator.nullToEmpty(types.get(i));
            if (!POLICY_TYPES.contains(type)) {
                errs.add(FieldError.notSupported(path.index(i), type, POLICY_TYPES));
            }
        }
        return errs;
    }

}
