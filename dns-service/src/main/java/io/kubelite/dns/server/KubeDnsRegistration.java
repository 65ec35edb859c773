package io.kubelite.dns.server;

import io.fabric8.kubernetes.api.model.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes the DNS server as Kubernetes clusters do: Service {@code kube-system/kube-dns} with
 * the fixed ClusterIP pods get as their nameserver, ports {@code dns} 53/UDP and {@code dns-tcp}
 * 53/TCP, no selector, and its Endpoints naming this server's address and port. The nodes' Service
 * proxies then carry a pod's query from the ClusterIP to the server.
 */
public final class KubeDnsRegistration {

    private static final Logger LOG = LoggerFactory.getLogger(KubeDnsRegistration.class);
    static final String NAMESPACE = "kube-system";
    static final String NAME = "kube-dns";
    private static final Map<String, String> LABELS = Map.of("k8s-app", "kube-dns", "kubernetes.io/name", "kubelite-dns");

    private KubeDnsRegistration() {
    }

    static Service service(String clusterIp) {
        return new ServiceBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME).withLabels(LABELS).endMetadata()
                .withNewSpec().withClusterIP(clusterIp)
                .withPorts(new ServicePortBuilder().withName("dns").withPort(53).withProtocol("UDP").build(),
                        new ServicePortBuilder().withName("dns-tcp").withPort(53).withProtocol("TCP").build())
                .endSpec().build();
    }

    static Endpoints endpoints(String address, int port) {
        return new EndpointsBuilder().withNewMetadata().withNamespace(NAMESPACE).withName(NAME).withLabels(LABELS).endMetadata()
                .addNewSubset().addNewAddress().withIp(address).endAddress()
                .withPorts(new EndpointPortBuilder().withName("dns").withPort(port).withProtocol("UDP").build(),
                        new EndpointPortBuilder().withName("dns-tcp").withPort(port).withProtocol("TCP").build())
                .endSubset().build();
    }

    /** Creates both, or brings them back to this server's address; a Service that holds another ClusterIP is left alone and reported. */
    public static void register(KubernetesClient client, String clusterIp, String address, int port) {
        Service wanted = service(clusterIp);
        Service existing = client.services().inNamespace(NAMESPACE).withName(NAME).get();
        try {
            if (existing == null) {
                client.services().inNamespace(NAMESPACE).resource(wanted).create();
            } else if (!clusterIp.equals(existing.getSpec().getClusterIP())) {
                LOG.atWarn().log("Service kube-system/kube-dns has ClusterIP " + existing.getSpec().getClusterIP()
                        + ", not the configured " + clusterIp + "; pods get the Service's. Delete the Service to have it made anew.");
            }
            Endpoints endpoints = endpoints(address, port);
            if (client.endpoints().inNamespace(NAMESPACE).withName(NAME).get() == null) {
                client.endpoints().inNamespace(NAMESPACE).resource(endpoints).create();
            } else {
                client.endpoints().inNamespace(NAMESPACE).withName(NAME)
                        .edit(e -> new EndpointsBuilder(e).withSubsets(endpoints.getSubsets()).build());
            }
            LOG.atInfo().addKeyValue("service", NAMESPACE + "/" + NAME).addKeyValue("clusterIP", clusterIp)
                    .addKeyValue("endpoint", address + ":" + port).log("Registered the cluster DNS");
        } catch (KubernetesClientException e) {
            throw new IllegalStateException("cannot register the cluster DNS as " + NAMESPACE + "/" + NAME + " ("
                    + clusterIp + "): " + e.getStatus().getMessage(), e);
        }
    }
}
