package io.kubelite.dns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param leaseName        the Lease in kube-system the service's replicas elect a leader on
 * @param resyncPeriod     how often every cached object is reconciled again
 * @param endpointWorkers  concurrent reconciles of the endpoints controller (kube-controller-manager: 5)
 * @param domain           the cluster domain (the kubelet's --cluster-domain)
 * @param serverAddress    where the DNS server listens (UDP and TCP)
 * @param serverPort       its port; 0 = no DNS server
 * @param advertiseAddress the address in the {@code kube-system/kube-dns} Endpoints, which the
 *                         nodes' Service proxies send DNS traffic to; empty = the server address
 * @param clusterIp        the {@code kube-dns} Service's ClusterIP, the nameserver pods get
 *                         (kubeadm's default: the tenth address of the Service range)
 * @param upstream         where names outside the cluster domain are resolved: comma-separated
 *                         addresses, empty = the nameservers of this machine's /etc/resolv.conf,
 *                         {@code none} = answer REFUSED
 */
@ConfigurationProperties("kubelite.dns")
public record DnsProperties(@DefaultValue("kubelite-dns") String leaseName,
                            @DefaultValue("10m") Duration resyncPeriod,
                            @DefaultValue("5") int endpointWorkers,
                            @DefaultValue("cluster.local") String domain,
                            @DefaultValue("127.0.0.1") String serverAddress,
                            @DefaultValue("10053") int serverPort,
                            @DefaultValue("") String advertiseAddress,
                            @DefaultValue("10.96.0.10") String clusterIp,
                            @DefaultValue("") String upstream) {
}
