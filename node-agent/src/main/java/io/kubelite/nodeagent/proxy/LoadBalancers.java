package io.kubelite.nodeagent.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Which {@code type: LoadBalancer} Services this node's proxy balances, as a local cluster's load
 * balancer does (Docker Desktop's and k3s' publish them on the machine): a Service with no
 * {@code spec.loadBalancerClass} gets the node's address as its load balancer ingress if every one
 * of its ports is free there, and listens on it at its {@code port}.
 *
 * <p>A port is taken when a NodePort of any Service, or a port of a LoadBalancer Service that
 * comes first — one already balanced at the address (its status lists it), then the older (by
 * creation time, which has whole seconds, then namespace/name) — already uses it, or when another program
 * holds it, or when it asks for a {@code loadBalancerIP} other than the node's. Such a Service gets no address (kubectl shows {@code <pending>}) and the reason, until
 * the port is free. Example: Services {@code a} (older) and {@code b} both ask for 8080/TCP →
 * {@code a} gets 127.0.0.1, {@code b} gets "port 8080/TCP on 127.0.0.1 is already used by
 * LoadBalancer Service default/a".
 */
final class LoadBalancers {

    /** Where a Service is balanced ({@code address}), or why it is not ({@code problem}). */
    record Outcome(String address, String problem) {
        boolean assigned() {
            return address != null;
        }
    }

    /** Who uses a port on the address: a Service's NodePort, or a balanced Service's port. */
    private record Holder(String service, boolean nodePort) {
        String describe() {
            return nodePort ? "the NodePort of Service " + service : "LoadBalancer Service " + service;
        }
    }

    private LoadBalancers() {
    }

    /** True for a Service this proxy balances: a LoadBalancer of no other implementation's class, not being deleted. */
    static boolean balancedHere(Service service) {
        return service.getSpec() != null && "LoadBalancer".equals(service.getSpec().getType())
                && service.getSpec().getLoadBalancerClass() == null
                && service.getMetadata().getDeletionTimestamp() == null;
    }

    /**
     * @param unavailable why a port on the address cannot be listened on (another program holds it),
     *                    or null when this proxy holds it already or could
     * @return the outcome for every Service {@link #balancedHere}, by {@code namespace/name}
     */
    static Map<String, Outcome> assign(Collection<Service> services, String address, Function<Listen, String> unavailable) {
        Map<Listen, Holder> claimed = new HashMap<>();
        for (Service service : services) {
            if (service.getSpec() == null || service.getSpec().getPorts() == null) {
                continue;
            }
            for (ServicePort port : service.getSpec().getPorts()) {
                if (port.getNodePort() != null) {
                    claimed.put(new Listen(address, port.getNodePort(), protocol(port)), new Holder(key(service), true));
                }
            }
        }
        List<Service> balanced = services.stream().filter(LoadBalancers::balancedHere)
                .sorted(Comparator.comparing((Service s) -> !balancedAt(s, address)).thenComparing(LoadBalancers::creation)
                        .thenComparing(LoadBalancers::key))
                .toList();
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        for (Service service : balanced) {
            List<Listen> wanted = listens(service, address);
            String problem = null;
            String requested = service.getSpec().getLoadBalancerIP();
            if (requested != null && !requested.isEmpty() && !requested.equals(address)) {
                problem = "requested loadBalancerIP " + requested + " is not an address of this load balancer (" + address
                        + ")";
                wanted = List.of();
            }
            for (Listen listen : wanted) {
                Holder holder = claimed.get(listen);
                if (holder != null && !holder.service().equals(key(service))) {
                    problem = "port " + listen.port() + "/" + listen.protocol() + " on " + address + " is already used by "
                            + holder.describe();
                } else {
                    String reason = unavailable.apply(listen);
                    if (reason != null) {
                        problem = "port " + listen.port() + "/" + listen.protocol() + " on " + address + " " + reason;
                    }
                }
                if (problem != null) {
                    break;
                }
            }
            if (problem == null) {
                wanted.forEach(listen -> claimed.put(listen, new Holder(key(service), false)));
                outcomes.put(key(service), new Outcome(address, null));
            } else {
                outcomes.put(key(service), new Outcome(null, problem));
            }
        }
        return outcomes;
    }

    /** The Service's TCP and UDP ports on {@code address}. */
    static List<Listen> listens(Service service, String address) {
        return service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts().stream()
                .filter(p -> p.getPort() != null && ProxyRules.PROTOCOLS.contains(protocol(p)))
                .map(p -> new Listen(address, p.getPort(), protocol(p)))
                .toList();
    }

    static String key(Service service) {
        return service.getMetadata().getNamespace() + "/" + service.getMetadata().getName();
    }

    /** True when the Service's status already lists {@code address} as an ingress: it holds its ports there. */
    private static boolean balancedAt(Service service, String address) {
        return service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null
                && service.getStatus().getLoadBalancer().getIngress().stream().anyMatch(i -> address.equals(i.getIp()));
    }

    private static String creation(Service service) {
        String created = service.getMetadata().getCreationTimestamp();
        return created == null ? "" : created;
    }

    private static String protocol(ServicePort port) {
        return ProxyRules.protocol(port.getProtocol());
    }
}
