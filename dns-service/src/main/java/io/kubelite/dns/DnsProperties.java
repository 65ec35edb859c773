package io.kubelite.dns;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * @param leaseName       the Lease in kube-system the service's replicas elect a leader on
 * @param resyncPeriod    how often every cached object is reconciled again
 * @param endpointWorkers concurrent reconciles of the endpoints controller (kube-controller-manager: 5)
 */
@ConfigurationProperties("kubelite.dns")
public record DnsProperties(@DefaultValue("kubelite-dns") String leaseName,
                            @DefaultValue("10m") Duration resyncPeriod,
                            @DefaultValue("5") int endpointWorkers) {
}
