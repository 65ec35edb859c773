package io.kubelite.autoscaler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The autoscaler's settings ({@code kubelite.autoscaler.*}), kube-controller-manager's and
 * metrics-server's defaults where they have one. Every key is in the README's configuration table.
 *
 * @param metricsTopic              the node agents' per-pod usage records
 * @param metricsMaxAge             a pod whose last record is older than this has no metrics
 *                                  (its containers stopped, or its node is gone)
 * @param resyncPeriod              how often the informers replay every cached object
 * @param leaseName                 the Lease in kube-system the replicas elect the HPA controller's leader on
 * @param syncPeriod                how often every HPA is evaluated
 *                                  (--horizontal-pod-autoscaler-sync-period)
 * @param tolerance                 no scaling while usage/target is within 1 ± this
 *                                  (--horizontal-pod-autoscaler-tolerance)
 * @param downscaleStabilization    scale down only to the highest recommendation of this window,
 *                                  unless the HPA's behavior says otherwise
 *                                  (--horizontal-pod-autoscaler-downscale-stabilization)
 */
@ConfigurationProperties("kubelite.autoscaler")
public record AutoscalerProperties(
        @DefaultValue("kubelite.metrics.pods") String metricsTopic,
        @DefaultValue("2m") Duration metricsMaxAge,
        @DefaultValue("10m") Duration resyncPeriod,
        @DefaultValue("kubelite-autoscaler") String leaseName,
        @DefaultValue("15s") Duration syncPeriod,
        @DefaultValue("0.1") double tolerance,
        @DefaultValue("5m") Duration downscaleStabilization) {
}
