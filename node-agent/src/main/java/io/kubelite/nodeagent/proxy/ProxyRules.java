package io.kubelite.nodeagent.proxy;

import io.fabric8.kubernetes.api.model.EndpointAddress;
import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;

/**
 * What the proxy listens on and where each listening address sends its connections, computed from
 * Services and their Endpoints, as kube-proxy's rules are.
 *
 * <p>Example: Service {@code default/webapp} with clusterIP 10.96.0.12, type NodePort, port
 * {@code {name: http, port: 8081, targetPort: 8080, nodePort: 30001}}; its Endpoints list
 * 172.17.0.5 and 172.17.0.6 as ready with port {@code http: 8080}, and 172.17.0.7 as not ready.
 * The rules are 10.96.0.12:8081/TCP → [172.17.0.5:8080, 172.17.0.6:8080] and, for node-port
 * address 127.0.0.1, 127.0.0.1:30001/TCP → the same two; were it {@code type: LoadBalancer} with load balancer
 * ingress 127.0.0.1 ({@link LoadBalancers}), also 127.0.0.1:8081/TCP. UDP ports are proxied the same way. A Service whose port has no ready endpoint gets no
 * listener, so a connection to it is refused, as kube-proxy rejects it.
 */
public final class ProxyRules {

    /** What is proxied; SCTP is not. */
    static final Set<String> PROTOCOLS = Set.of("TCP", "UDP");

    /** Kubernetes' default {@code sessionAffinityConfig.clientIP.timeoutSeconds}: three hours. */
    static final Duration DEFAULT_AFFINITY_TIMEOUT = Duration.ofSeconds(10_800);

    /** An address, port and protocol (TCP or UDP) the proxy takes traffic on. */
    public record Listen(String ip, int port, String protocol) {
        @Override
        public String toString() {
            return ip + ":" + port + "/" + protocol;
        }
    }

    /** A ready endpoint of a Service port. */
    public record Backend(String ip, int port) {
        @Override
        public String toString() {
            return ip + ":" + port;
        }
    }

    /** {@code ClientIP} session affinity: one client's connections go to one backend while it keeps coming back within {@code timeout}. */
    public record Affinity(boolean clientIp, Duration timeout) {
        static final Affinity NONE = new Affinity(false, Duration.ZERO);
    }

    /**
     * Where one listening address sends connections.
     *
     * @param service {@code namespace/name:port}, for logs
     */
    public record Route(String service, List<Backend> backends, Affinity affinity) {
    }

    private ProxyRules() {
    }

    /** The ClusterIPs of {@code services} (headless and ExternalName ones have none): each must be a local address, so that a connection to one that has no listener is refused here instead of routed away. */
    public static Set<String> clusterIps(Collection<Service> services) {
        Set<String> ips = new LinkedHashSet<>();
        for (Service service : services) {
            String ip = clusterIp(service);
            if (ip != null) {
                ips.add(ip);
            }
        }
        return ips;
    }

    /**
     * @param endpoints        the Endpoints of a Service ({@code namespace/name}), or null
     * @param nodePortAddresses the addresses NodePorts listen on
     */
    public static Map<Listen, Route> compute(Collection<Service> services, Function<String, Endpoints> endpoints,
            List<String> nodePortAddresses) {
        Map<Listen, Route> rules = new LinkedHashMap<>();
        for (Service service : services) {
            String clusterIp = clusterIp(service);
            if (clusterIp == null) {
                continue;
            }
            ServiceSpec spec = service.getSpec();
            String key = service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
            boolean nodePorts = "NodePort".equals(spec.getType()) || "LoadBalancer".equals(spec.getType());
            Affinity affinity = affinity(spec);
            List<String> loadBalancerAddresses = loadBalancerAddresses(service, nodePortAddresses);
            Endpoints eps = endpoints.apply(key);
            for (ServicePort port : spec.getPorts() == null ? List.<ServicePort>of() : spec.getPorts()) {
                String protocol = protocol(port.getProtocol());
                if (!PROTOCOLS.contains(protocol) || port.getPort() == null) {
                    continue;
                }
                List<Backend> backends = backends(eps, port.getName(), protocol);
                if (backends.isEmpty()) {
                    continue;
                }
                Route route = new Route(key + ":" + (blank(port.getName()) ? port.getPort().toString() : port.getName()),
                        backends, affinity);
                rules.put(new Listen(clusterIp, port.getPort(), protocol), route);
                if (nodePorts && port.getNodePort() != null) {
                    for (String address : nodePortAddresses) {
                        rules.put(new Listen(address, port.getNodePort(), protocol), route);
                    }
                }
                for (String address : loadBalancerAddresses) {
                    rules.put(new Listen(address, port.getPort(), protocol), route);
                }
            }
        }
        return rules;
    }

    /**
     * The load balancer ingress IPs of a LoadBalancer Service this proxy balances that are among its
     * node-port addresses ({@link LoadBalancers} writes them there); other IPs belong to some other
     * load balancer.
     */
    private static List<String> loadBalancerAddresses(Service service, List<String> nodePortAddresses) {
        if (!LoadBalancers.balancedHere(service) || service.getStatus() == null
                || service.getStatus().getLoadBalancer() == null || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return service.getStatus().getLoadBalancer().getIngress().stream()
                .map(LoadBalancerIngress::getIp).filter(nodePortAddresses::contains).distinct().toList();
    }

    private static String clusterIp(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null || "ExternalName".equals(spec.getType())) {
            return null;
        }
        String ip = spec.getClusterIP();
        return blank(ip) || "None".equals(ip) ? null : ip;
    }

    /** The ready addresses of the Endpoints' subsets that carry a port of the protocol named like the Service port, in their order, once each. */
    static List<Backend> backends(Endpoints endpoints, String portName, String protocol) {
        if (endpoints == null || endpoints.getSubsets() == null) {
            return List.of();
        }
        Set<Backend> backends = new LinkedHashSet<>();
        for (EndpointSubset subset : endpoints.getSubsets()) {
            Integer port = portNamed(subset, portName, protocol);
            if (port == null || subset.getAddresses() == null) {
                continue;
            }
            for (EndpointAddress address : subset.getAddresses()) {
                if (!blank(address.getIp())) {
                    backends.add(new Backend(address.getIp(), port));
                }
            }
        }
        return new ArrayList<>(backends);
    }

    private static Integer portNamed(EndpointSubset subset, String name, String protocol) {
        for (EndpointPort port : subset.getPorts() == null ? List.<EndpointPort>of() : subset.getPorts()) {
            if (protocol(port.getProtocol()).equals(protocol) && Objects.equals(nullIfBlank(port.getName()), nullIfBlank(name))) {
                return port.getPort();
            }
        }
        return null;
    }

    private static Affinity affinity(ServiceSpec spec) {
        if (!"ClientIP".equals(spec.getSessionAffinity())) {
            return Affinity.NONE;
        }
        Integer seconds = spec.getSessionAffinityConfig() == null || spec.getSessionAffinityConfig().getClientIP() == null
                ? null : spec.getSessionAffinityConfig().getClientIP().getTimeoutSeconds();
        return new Affinity(true, seconds == null ? DEFAULT_AFFINITY_TIMEOUT : Duration.ofSeconds(seconds));
    }

    /** A port's protocol, TCP when left out. */
    static String protocol(String protocol) {
        return protocol == null || protocol.isEmpty() ? "TCP" : protocol;
    }

    private static boolean blank(String s) {
        return s == null || s.isEmpty();
    }

    private static String nullIfBlank(String s) {
        return blank(s) ? null : s;
    }
}
