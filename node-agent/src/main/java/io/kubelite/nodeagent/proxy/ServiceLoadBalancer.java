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
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The load balancer of a local cluster, run by the node's proxy (as the service controller of a
 * cloud does it, with the cloud's load balancer replaced by the proxy's listeners): writes the
 * outcome of {@link LoadBalancers} into each Service's {@code status.loadBalancer.ingress} — the
 * node's address, which kubectl shows as EXTERNAL-IP, or nothing ({@code <pending>}) — and records
 * kube's service-controller events: {@code EnsuringLoadBalancer} and {@code EnsuredLoadBalancer}
 * when a Service gets its address, {@code SyncLoadBalancerFailed} with the reason when it cannot
 * (once per reason), {@code DeletingLoadBalancer} and {@code DeletedLoadBalancer} when a Service
 * stops being a LoadBalancer. The proxy then listens on the address at the Service's ports.
 */
final class ServiceLoadBalancer {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceLoadBalancer.class);

    /** Writes a Service's load balancer ingress: one IP, or none. */
    interface StatusWriter {
        void write(Service service, String ip);
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

    /** Through the API: a JSON merge patch of the status subresource. */
    static StatusWriter through(KubernetesClient client) {
        return (service, ip) -> client.services().inNamespace(service.getMetadata().getNamespace())
                .withName(service.getMetadata().getName()).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), ip == null
                        ? "{\"status\":{\"loadBalancer\":{\"ingress\":null}}}"
                        : "{\"status\":{\"loadBalancer\":{\"ingress\":[{\"ip\":\"" + ip + "\",\"ipMode\":\"VIP\"}]}}}");
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
                    if (write(service, null)) {
                        events.normal(service, "DeletedLoadBalancer", "Deleted load balancer");
                    }
                }
                continue;
            }
            if (outcome.assigned()) {
                reported.remove(key);
                if (!published || ingressCount(service) != 1) {
                    events.normal(service, "EnsuringLoadBalancer", "Ensuring load balancer");
                    if (write(service, outcome.address())) {
                        events.normal(service, "EnsuredLoadBalancer", "Ensured load balancer");
                    }
                }
            } else {
                if (published) {
                    write(service, null);
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

    private boolean write(Service service, String ip) {
        try {
            status.write(service, ip);
            LOG.atInfo().addKeyValue("service", LoadBalancers.key(service))
                    .log(ip == null ? "Load balancer address removed" : "Load balancer address " + ip);
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

    private static int ingressCount(Service service) {
        return ingress(service).size();
    }

    private static List<LoadBalancerIngress> ingress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        return service.getStatus().getLoadBalancer().getIngress();
    }
}
