package io.kubelite.nodeagent.proxy;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import io.kubelite.nodeagent.proxy.ProxyRules.Route;
import io.kubelite.nodeagent.sync.ChangeBatcher;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's kube-proxy: keeps one {@link TcpListener} or {@link UdpListener} per Service port with ready endpoints (on
 * its ClusterIP, on the node-port addresses for NodePort Services, and on the load balancer address of
 * LoadBalancer Services, which {@link ServiceLoadBalancer} gives out) and the ClusterIPs as local
 * addresses, in step with the Services and Endpoints informers. Every change is applied
 * {@value #CHANGE_DELAY_MS} ms after it arrives (so a burst of Endpoints updates is one pass), and
 * the whole state is checked every sync period, which also restores an address someone removed.
 */
public final class ServiceProxy implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProxy.class);
    static final long CHANGE_DELAY_MS = 20;
    /** The file that names the label of this cluster's ClusterIP addresses, for {@code ./kubelite down}. */
    public static final String LABEL_FILE = "proxy-address-label";

    private final Informer<Service> services;
    private final Informer<Endpoints> endpoints;
    private final HostAddresses addresses;
    private final List<String> nodePortAddresses;
    private final ProxyProperties properties;
    private final Clock clock;
    private final ConnectionPolicy policy;
    /** Balances LoadBalancer Services on the first node-port address; null when this proxy does not. */
    private final ServiceLoadBalancer loadBalancer;
    private final ChangeBatcher syncer = new ChangeBatcher("service-proxy", Duration.ofMillis(CHANGE_DELAY_MS),
            this::sync);
    private final Map<Listen, ProxyListener> listeners = new HashMap<>();
    /** The ClusterIPs this proxy holds on the host as of the last pass; null until read. */
    private Set<String> held;
    /** Problems already logged, so a listener or address that keeps failing is reported once. */
    private final Set<String> reported = new HashSet<>();

    public ServiceProxy(Informer<Service> services, Informer<Endpoints> endpoints, HostAddresses addresses,
            List<String> nodePortAddresses, ProxyProperties properties, ConnectionPolicy policy, Clock clock) {
        this(services, endpoints, addresses, nodePortAddresses, properties, policy, clock, null, null);
    }

    /** With a load balancer for LoadBalancer Services, whose status it writes through {@code status}. */
    public ServiceProxy(Informer<Service> services, Informer<Endpoints> endpoints, HostAddresses addresses,
            List<String> nodePortAddresses, ProxyProperties properties, ConnectionPolicy policy, Clock clock,
            KubernetesClient client, EventRecorder events) {
        this.loadBalancer = client == null || nodePortAddresses.isEmpty() ? null
                : new ServiceLoadBalancer(nodePortAddresses.get(0), ServiceLoadBalancer.through(client), events);
        this.services = services;
        this.endpoints = endpoints;
        this.addresses = addresses;
        this.nodePortAddresses = List.copyOf(nodePortAddresses);
        this.properties = properties;
        this.clock = clock;
        this.policy = policy;
    }

    public void start() {
        services.addEventHandler(syncer.handler());
        endpoints.addEventHandler(syncer.handler());
        syncer.every(properties.syncPeriod(), Duration.ZERO);
        LOG.atInfo().addKeyValue("nodePortAddresses", nodePortAddresses).log("Service proxy started");
    }

    /**
     * One pass: addresses for every ClusterIP, then listeners opened, updated and closed to match
     * the rules. The addresses this proxy holds are read from the host ({@code ip}, a process) on
     * the periodic pass only, which also notices one someone removed; a pass for a change works
     * from what the last one left.
     */
    synchronized void sync(boolean rereadAddresses) {
        if (!services.hasSynced() || !endpoints.hasSynced()) {
            return;
        }
        List<Service> all = services.lister().list();
        Set<String> wanted = ProxyRules.clusterIps(all);
        Set<String> held = holdAddresses(wanted, rereadAddresses);
        Map<Listen, Route> rules = ProxyRules.compute(all,
                key -> endpoints.lister().get(ObjectKey.parse(key)).orElse(null), nodePortAddresses);
        listeners.entrySet().removeIf(e -> {
            Route route = rules.get(e.getKey());
            if (route == null || !reachable(e.getKey(), wanted, held)) {
                e.getValue().close();
                LOG.atInfo().addKeyValue("listen", e.getKey()).addKeyValue("service", e.getValue().route().service())
                        .log("Stopped proxying");
                return true;
            }
            if (!route.equals(e.getValue().route())) {
                e.getValue().update(route);
                LOG.atInfo().addKeyValue("listen", e.getKey()).addKeyValue("service", route.service())
                        .addKeyValue("backends", route.backends()).log("Backends changed");
            }
            return false;
        });
        rules.forEach((listen, route) -> {
            if (!listeners.containsKey(listen) && reachable(listen, wanted, held)) {
                open(listen, route);
            }
        });
        releaseAddresses(wanted, held);
        if (loadBalancer != null) {
            loadBalancer.sync(all, listen -> listeners.containsKey(listen) ? null : PortProbe.unavailable(listen));
        }
    }

    /** A ClusterIP listener needs its address on this host; a node-port address is the node's own. */
    private static boolean reachable(Listen listen, Set<String> clusterIps, Set<String> held) {
        return !clusterIps.contains(listen.ip()) || held.contains(listen.ip());
    }

    private void open(Listen listen, Route route) {
        try {
            listeners.put(listen, "UDP".equals(listen.protocol()) ? new UdpListener(listen, route, clock, policy)
                    : new TcpListener(listen, route, properties.connectTimeout(), clock, policy));
            reported.remove("listen " + listen);
            LOG.atInfo().addKeyValue("listen", listen).addKeyValue("service", route.service())
                    .addKeyValue("backends", route.backends()).log("Proxying");
        } catch (IOException | RuntimeException e) {
            if (reported.add("listen " + listen)) {
                LOG.atWarn().addKeyValue("listen", listen).addKeyValue("service", route.service())
                        .log("Cannot listen on " + listen + " for " + route.service() + ": " + e.getMessage()
                                + " (is the port taken by another program or another cluster on this machine?); retrying every "
                                + properties.syncPeriod().toSeconds() + " s");
            }
        }
    }

    private Set<String> holdAddresses(Set<String> wanted, boolean reread) {
        if (reread || held == null) {
            try {
                held = new LinkedHashSet<>(addresses.present());
                reported.remove("addresses");
            } catch (RuntimeException e) {
                if (reported.add("addresses")) {
                    LOG.atWarn().log("Cannot read this host's addresses, so no ClusterIP is proxied here: " + e.getMessage());
                }
                held = null;
                return Set.of();
            }
        }
        for (String ip : wanted) {
            if (held.contains(ip)) {
                continue;
            }
            try {
                addresses.add(ip);
                held.add(ip);
                reported.remove("address " + ip);
            } catch (RuntimeException e) {
                if (reported.add("address " + ip)) {
                    LOG.atWarn().addKeyValue("clusterIP", ip).log("Cannot make ClusterIP " + ip
                            + " a local address, so its Service is not reachable through this node: " + e.getMessage()
                            + ". The node agent needs root (CAP_NET_ADMIN) for ClusterIPs; NodePorts work without it.");
                }
            }
        }
        return Set.copyOf(held);
    }

    private void releaseAddresses(Set<String> wanted, Set<String> held) {
        for (String ip : held) {
            if (!wanted.contains(ip)) {
                try {
                    addresses.remove(ip);
                    this.held.remove(ip);
                } catch (RuntimeException e) {
                    LOG.atWarn().addKeyValue("clusterIP", ip).log("Cannot remove ClusterIP address " + ip + ": " + e.getMessage());
                }
            }
        }
    }

    /**
     * Stops listening; connections already spliced are cut. The ClusterIP addresses stay, so that
     * while the agent is away a connection to a ClusterIP is refused here rather than sent off the
     * machine; the next start takes them over, and {@code ./kubelite down} removes them (the label
     * is in {@link #LABEL_FILE} beside the nodes' state directories).
     */
    @Override
    public synchronized void close() {
        syncer.close();
        listeners.values().forEach(ProxyListener::terminate);
        listeners.clear();
    }
}
