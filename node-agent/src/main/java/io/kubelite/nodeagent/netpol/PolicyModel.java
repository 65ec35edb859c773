package io.kubelite.nodeagent.netpol;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.networking.v1.IPBlock;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.kubelite.machinery.selector.LabelSelector;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * What the cluster's NetworkPolicies allow, pod by pod, as Kubernetes defines it: a pod that some
 * policy of its namespace selects for {@code Ingress} (or {@code Egress}) is isolated in that
 * direction and accepts (or opens) only what the union of those policies' rules allows; a pod no
 * policy selects is open. Rules are flattened to {@link Rule}s — a peer block, a protocol, a port
 * range — which {@link #allows} checks and {@link IptablesRules} writes as packet filter rules.
 *
 * <p>Peers: {@code podSelector} alone means pods of the policy's namespace, {@code namespaceSelector}
 * alone every pod of the namespaces it selects, both together the pods the first selects in those
 * namespaces, {@code ipBlock} a CIDR without its {@code except} blocks; no peers means anywhere.
 * Ports: a number (to {@code endPort}), a name (an ingress rule's resolved against the isolated
 * pod's container ports, an egress rule's against each peer pod's), or no port (every port of the
 * protocol, TCP unless given); no ports means every port and protocol.
 *
 * <p>As in Kubernetes, traffic between a pod and its node is always allowed (connections from or to
 * {@code nodeAddresses} are never refused; kubelite's cluster DNS and API are served by the node, so
 * an egress-isolated pod still resolves names), and host-network pods are neither isolated nor peers.
 *
 * <p>Example: policy {@code db} in namespace {@code shop} selects {@code app=db} for Ingress with one
 * rule, from pods {@code app=web}, port 5432. The db pod 172.17.0.5 is isolated; a web pod
 * 172.17.0.6 may open 172.17.0.5:5432/TCP and nothing else there; other pods may not; the node may.
 */
public final class PolicyModel {

    /**
     * What one rule allows: {@code peer} null for anywhere, {@code protocol} null for every
     * protocol, {@code fromPort} 0 for every port (else the range {@code fromPort..toPort}).
     */
    public record Rule(Cidr peer, String protocol, int fromPort, int toPort) {

        boolean matches(String ip, String protocol, int port) {
            return (peer == null || peer.contains(ip))
                    && (this.protocol == null || this.protocol.equalsIgnoreCase(protocol))
                    && (fromPort == 0 || (port >= fromPort && port <= toPort));
        }
    }

    /** A pod that can take part in policy: it has an IP of its own. */
    private record Member(Pod pod, String ip, String namespace, Map<String, String> labels) {
    }

    public static final PolicyModel OPEN = new PolicyModel(Map.of(), Map.of(), Set.of());

    private final Map<String, List<Rule>> ingress;
    private final Map<String, List<Rule>> egress;
    private final Set<String> nodeAddresses;

    private PolicyModel(Map<String, List<Rule>> ingress, Map<String, List<Rule>> egress, Set<String> nodeAddresses) {
        this.ingress = ingress;
        this.egress = egress;
        this.nodeAddresses = nodeAddresses;
    }

    /**
     * @param namespaceLabels every namespace's labels by name (with
     *                        {@code kubernetes.io/metadata.name}, which the API server sets)
     * @param nodeAddresses   this host's own addresses, from which pods may always be reached
     */
    public static PolicyModel build(Collection<NetworkPolicy> policies, Collection<Pod> pods,
            Map<String, Map<String, String>> namespaceLabels, Set<String> nodeAddresses) {
        List<Member> members = pods.stream().map(PolicyModel::member).flatMap(Optional::stream).toList();
        Map<String, List<Rule>> ingress = new LinkedHashMap<>();
        Map<String, List<Rule>> egress = new LinkedHashMap<>();
        for (Member pod : members) {
            List<NetworkPolicy> selecting = policies.stream()
                    .filter(p -> pod.namespace().equals(p.getMetadata().getNamespace()))
                    .filter(p -> p.getSpec() != null && selects(p.getSpec().getPodSelector(), pod.labels()))
                    .toList();
            List<NetworkPolicy> forIngress = selecting.stream().filter(p -> hasType(p, "Ingress")).toList();
            if (!forIngress.isEmpty()) {
                List<Rule> rules = new ArrayList<>();
                for (NetworkPolicy p : forIngress) {
                    for (var rule : orEmpty(p.getSpec().getIngress())) {
                        rules.addAll(rules(p, rule.getFrom(), rule.getPorts(), pod, members, namespaceLabels, true));
                    }
                }
                ingress.put(pod.ip(), List.copyOf(rules));
            }
            List<NetworkPolicy> forEgress = selecting.stream().filter(p -> hasType(p, "Egress")).toList();
            if (!forEgress.isEmpty()) {
                List<Rule> rules = new ArrayList<>();
                for (NetworkPolicy p : forEgress) {
                    for (var rule : orEmpty(p.getSpec().getEgress())) {
                        rules.addAll(rules(p, rule.getTo(), rule.getPorts(), pod, members, namespaceLabels, false));
                    }
                }
                egress.put(pod.ip(), List.copyOf(rules));
            }
        }
        return new PolicyModel(Map.copyOf(ingress), Map.copyOf(egress), Set.copyOf(nodeAddresses));
    }

    /** The rules a pod accepts connections by, if some policy isolates it for ingress. */
    public Optional<List<Rule>> ingress(String podIp) {
        return Optional.ofNullable(ingress.get(podIp));
    }

    /** The rules a pod opens connections by, if some policy isolates it for egress. */
    public Optional<List<Rule>> egress(String podIp) {
        return Optional.ofNullable(egress.get(podIp));
    }

    public boolean isolatesAnything() {
        return !ingress.isEmpty() || !egress.isEmpty();
    }

    /** Whether a new connection from {@code sourceIp} to {@code destinationIp:port} is allowed. */
    public boolean allows(String sourceIp, String destinationIp, String protocol, int port) {
        List<Rule> out = egress.get(sourceIp);
        if (out != null && !isNode(destinationIp) && out.stream().noneMatch(r -> r.matches(destinationIp, protocol, port))) {
            return false;
        }
        List<Rule> in = ingress.get(destinationIp);
        return in == null || isNode(sourceIp) || in.stream().anyMatch(r -> r.matches(sourceIp, protocol, port));
    }

    /** The node, to and from which a pod's traffic is always allowed (the cluster DNS and the API are served there). */
    private boolean isNode(String ip) {
        return nodeAddresses.contains(ip) || isLoopback(ip);
    }

    private static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || "::1".equals(ip) || "0:0:0:0:0:0:0:1".equals(ip);
    }

    private static List<Rule> rules(NetworkPolicy policy, List<NetworkPolicyPeer> peers, List<NetworkPolicyPort> ports,
            Member pod, List<Member> members, Map<String, Map<String, String>> namespaceLabels, boolean ingress) {
        List<Rule> rules = new ArrayList<>();
        List<Peer> resolved = peers == null || peers.isEmpty() ? List.of(Peer.ANYWHERE)
                : peers.stream().flatMap(p -> peers(policy, p, members, namespaceLabels)).toList();
        for (Peer peer : resolved) {
            if (ports == null || ports.isEmpty()) {
                peer.blocks().forEach(block -> rules.add(new Rule(block, null, 0, 0)));
                continue;
            }
            for (NetworkPolicyPort port : ports) {
                String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
                IntOrString number = port.getPort();
                if (number == null) {
                    peer.blocks().forEach(block -> rules.add(new Rule(block, protocol, 0, 0)));
                } else if (number.getIntVal() != null) {
                    int from = number.getIntVal();
                    int to = port.getEndPort() == null ? from : port.getEndPort();
                    peer.blocks().forEach(block -> rules.add(new Rule(block, protocol, from, to)));
                } else if (ingress) {
                    // a named port is the isolated pod's own
                    namedPort(pod.pod(), number.getStrVal(), protocol)
                            .ifPresent(p -> peer.blocks().forEach(block -> rules.add(new Rule(block, protocol, p, p))));
                } else {
                    // a named port is each destination pod's: only pods among the peers can have one
                    for (Member target : members) {
                        if (peer.covers(target)) {
                            namedPort(target.pod(), number.getStrVal(), protocol).ifPresent(
                                    p -> rules.add(new Rule(Cidr.host(target.ip()), protocol, p, p)));
                        }
                    }
                }
            }
        }
        return rules;
    }

    /** A resolved peer: blocks of addresses, or the pods a selector chose. */
    private record Peer(List<Cidr> blocks, Predicate<Member> covers) {

        static final Peer ANYWHERE = new Peer(java.util.Collections.singletonList(null), m -> true);

        boolean covers(Member m) {
            return covers.test(m);
        }
    }

    private static Stream<Peer> peers(NetworkPolicy policy, NetworkPolicyPeer peer, List<Member> members,
            Map<String, Map<String, String>> namespaceLabels) {
        IPBlock block = peer.getIpBlock();
        if (block != null) {
            Cidr cidr;
            List<Cidr> excepts;
            try {
                cidr = Cidr.parse(block.getCidr());
                excepts = orEmpty(block.getExcept()).stream().map(Cidr::parse).toList();
            } catch (IllegalArgumentException e) {
                return Stream.empty(); // the API server refuses these; nothing is allowed by one
            }
            List<Cidr> left = cidr.subtract(excepts);
            return Stream.of(new Peer(left, m -> left.stream().anyMatch(c -> c.contains(m.ip()))));
        }
        if (peer.getPodSelector() == null && peer.getNamespaceSelector() == null) {
            return Stream.empty();
        }
        String namespace = policy.getMetadata().getNamespace();
        Predicate<Member> inNamespace = peer.getNamespaceSelector() == null
                ? m -> m.namespace().equals(namespace)
                : m -> selects(peer.getNamespaceSelector(), namespaceLabels.getOrDefault(m.namespace(), Map.of()));
        Predicate<Member> chosen = peer.getPodSelector() == null ? inNamespace
                : inNamespace.and(m -> selects(peer.getPodSelector(), m.labels()));
        List<Cidr> hosts = members.stream().filter(chosen).map(m -> Cidr.host(m.ip())).distinct().toList();
        return Stream.of(new Peer(hosts, chosen));
    }

    private static Optional<Integer> namedPort(Pod pod, String name, String protocol) {
        return Stream.concat(orEmpty(pod.getSpec().getContainers()).stream(),
                        orEmpty(pod.getSpec().getInitContainers()).stream())
                .map(Container::getPorts).filter(java.util.Objects::nonNull).flatMap(List::stream)
                .filter(p -> name.equals(p.getName())
                        && protocol.equalsIgnoreCase(p.getProtocol() == null ? "TCP" : p.getProtocol()))
                .map(ContainerPort::getContainerPort).findFirst();
    }

    private static boolean hasType(NetworkPolicy p, String type) {
        List<String> types = p.getSpec().getPolicyTypes();
        if (types == null || types.isEmpty()) {
            // undefaulted (the API server fills these in): Ingress always, Egress with egress rules
            return "Ingress".equals(type) || p.getSpec().getEgress() != null && !p.getSpec().getEgress().isEmpty();
        }
        return types.contains(type);
    }

    private static boolean selects(io.fabric8.kubernetes.api.model.LabelSelector selector, Map<String, String> labels) {
        try {
            return LabelSelector.fromApi(selector == null ? new io.fabric8.kubernetes.api.model.LabelSelector() : selector)
                    .matches(labels);
        } catch (RuntimeException e) {
            return false; // the API server refuses a bad selector; one that slipped through selects nothing
        }
    }

    /**
     * Whether a pod holds its IP on the pod network now: it has one, is not on the host's network
     * and has not finished (a finished pod keeps {@code status.podIP}, which a new pod may have).
     */
    public static boolean onPodNetwork(Pod pod) {
        return member(pod).isPresent();
    }

    private static Optional<Member> member(Pod pod) {
        if (pod.getSpec() == null || pod.getStatus() == null || pod.getStatus().getPodIP() == null
                || Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            return Optional.empty();
        }
        String phase = pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return Optional.empty();
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return Optional.of(new Member(pod, pod.getStatus().getPodIP(), pod.getMetadata().getNamespace(), labels));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** For tests and logs: the isolated pods and their rule counts. */
    @Override
    public String toString() {
        Map<String, Integer> in = new HashMap<>();
        ingress.forEach((ip, r) -> in.put(ip, r.size()));
        Map<String, Integer> out = new HashMap<>();
        egress.forEach((ip, r) -> out.put(ip, r.size()));
        return "PolicyModel{ingress=" + in + ", egress=" + out + "}";
    }
}
