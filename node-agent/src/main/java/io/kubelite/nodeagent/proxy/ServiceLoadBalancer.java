package io.kubelite.nodeagent.proxy;

import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.nodeagent.proxy.LoadBalancers.Outcome;
import io.kubelite.nodeagent.proxy.ProxyRules.Listen;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The load balancer of a local cluster, run by the node's proxy (as the service controller of a
 * cloud does it, with the cloud's load balancer replaced by the proxy's listeners): writes the
 * outcome of {@link LoadBalancers} into each Service's {@code status.loadBalancer.ingress} — the
 * node's address, which kubectl shows as EXTERNAL-IP, or not ({@code <pending>} when no other agent
 * lists its own; where several agents proxy, each lists its node's, as k3s does) — and records
 * kube's service-controller events: {@code EnsuringLoadBalancer} and {@code EnsuredLoadBalancer}
 * when a Service gets its address, {@code SyncLoadBalancerFailed} with the reason when it cannot
 * (once per reason), {@code DeletingLoadBalancer} and {@code DeletedLoadBalancer} when a Service
 * stops being a LoadBalancer. The proxy then listens on the address at the Service's ports.
 */
final class ServiceLoadBalancer {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoadBalancer.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * Changes a Service's load balancer ingress IPs: {@code change} is applied to the IPs the API
     * holds now, and the result written only if the Service was not changed meanwhile.
     */
    interface StatusWriter {
        void update(Service service, UnaryOperator<List<String>> change);
    }

    private final String address;
    private final StatusWriter status;
    private final EventRecorder events;
    /** The problem last reported per Service, so a Service that stays pending is reported once per reason. */
    private final Map<String, String> reported = new HashMap<>();

    ServiceLoadBalancer(String address, StatusWriter status, EventRecorder events) {
        this.address = address;
        this.status = status;
        this.events = events;
    }

    /**
     * Through the API: the Service read afresh, then a JSON merge patch of its status carrying the
     * resourceVersion read, so that two agents balancing one Service (each adds its own address, as
     * k3s' load balancer lists every node's) never overwrite each other — the loser gets 409 and
     * tries again on its next pass.
     */
    static StatusWriter through(KubernetesClient client) {
        return (service, change) -> {
            var resource = client.services().inNamespace(service.getMetadata().getNamespace())
                    .withName(service.getMetadata().getName());
            Service fresh = resource.get();
            if (fresh == null) {
                return;
            }
            List<String> ips = ingress(fresh).stream().map(LoadBalancerIngress::getIp).filter(Objects::nonNull).toList();
            List<String> next = change.apply(ips);
            if (next.equals(ips)) {
                return;
            }
            ObjectNode patch = JSON.createObjectNode();
            patch.putObject("metadata").put("resourceVersion", fresh.getMetadata().getResourceVersion());
            ObjectNode loadBalancer = patch.putObject("status").putObject("loadBalancer");
            if (next.isEmpty()) {
                loadBalancer.putNull("ingress");
            } else {
                var ingress = loadBalancer.putArray("ingress");
                next.forEach(ip -> ingress.addObject().put("ip", ip).put("ipMode", "VIP"));
            }
            resource.subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), JSON.writeValueAsString(patch));
        };
    }

    private static UnaryOperator<List<String>> adding(String ip) {
        return ips -> ips.contains(ip) ? ips : java.util.stream.Stream.concat(ips.stream(), java.util.stream.Stream.of(ip))
                .sorted().toList();
    }

    private static UnaryOperator<List<String>> removing(String ip) {
        return ips -> ips.stream().filter(i -> !i.equals(ip)).toList();
    }

    /** One pass over every Service. */
    void sync(List<Service> services, Function<Listen, String> unavailable) {
        Map<String, Outcome> outcomes = LoadBalancers.assign(services, address, unavailable);
        for (Service service : services) {
            String key = LoadBalancers.key(service);
            Outcome outcome = outcomes.get(key);
            boolean published = publishedHere(service);
            if (outcome == null) {
                if (published && service.getMetadata().getDeletionTimestamp() == null) {
                    events.normal(service, "DeletingLoadBalancer", "Deleting load balancer");
                    if (write(service, removing(address), "Load balancer address " + address + " removed")) {
                        events.normal(service, "DeletedLoadBalancer", "Deleted load balancer");
                    }
                }
                continue;
            }
            if (outcome.assigned()) {
                reported.remove(key);
                if (!published) {
                    events.normal(service, "EnsuringLoadBalancer", "Ensuring load balancer");
                    if (write(service, adding(address), "Load balancer address " + address)) {
                        events.normal(service, "EnsuredLoadBalancer", "Ensured load balancer");
                    }
                }
            } else {
                if (published) {
                    write(service, removing(address), "Load balancer address " + address + " removed");
                }
                if (!outcome.problem().equals(reported.get(key))) {
                    reported.put(key, outcome.problem());
                    events.warning(service, "SyncLoadBalancerFailed",
                            "Error syncing load balancer: failed to ensure load balancer: " + outcome.problem());
                    LOG.atWarn().addKeyValue("service", key).log("LoadBalancer Service " + key + " stays pending: "
                            + outcome.problem());
                }
            }
        }
        reported.keySet().retainAll(outcomes.keySet());
    }

    private boolean write(Service service, UnaryOperator<List<String>> change, String done) {
        try {
            status.update(service, change);
            LOG.atInfo().addKeyValue("service", LoadBalancers.key(service)).log(done);
            return true;
        } catch (KubernetesClientException e) {
            LOG.atWarn().addKeyValue("service", LoadBalancers.key(service))
                    .log("Could not write the load balancer status (retried on the next pass): " + e.getMessage());
            return false;
        }
    }

    /** Whether the Service's status names this node's address as its load balancer ingress. */
    private boolean publishedHere(Service service) {
        return ingress(service).stream().anyMatch(i -> address.equals(i.getIp()));
    }

    private static List<LoadBalancerIngress> ingress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return service.getStatus().getLoadBalancer().getIngress();
    }
}
