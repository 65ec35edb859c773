package io.kubelite.autoscaler.hpa;

import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.autoscaler.AutoscalerProperties;
import io.kubelite.autoscaler.metrics.PodMetricsStore;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;

/**
 * The HPA controller: each HorizontalPodAutoscaler is reconciled when it changes and then every
 * sync period (the reconciler requeues it), as kube-controller-manager evaluates every HPA every
 * 15 s.
 */
public final class HpaController {

    private HpaController() {
    }

    public static Controller build(KubernetesClient client, Informer<HorizontalPodAutoscaler> hpas,
            Lister<io.fabric8.kubernetes.api.model.Pod> pods, PodMetricsStore metrics, EventRecorder events,
            AutoscalerProperties props, MeterRegistry meters) {
        HpaReconciler.StatusWriter statuses = (hpa, status) -> client.resources(HorizontalPodAutoscaler.class)
                .inNamespace(hpa.getMetadata().getNamespace())
                .resource(new HorizontalPodAutoscalerBuilder(hpa).withStatus(status).build())
                .updateStatus();
        return ControllerBuilder.named("horizontal-pod-autoscaler")
                .forKind(hpas)
                .reconciler(new HpaReconciler(hpas.lister(), pods, metrics, ScaleTargets.api(client), statuses, events,
                        props.syncPeriod(), props.tolerance(), props.downscaleStabilization(), Clock.systemUTC()))
                .workers(2)
                .meterRegistry(meters)
                .build();
    }
}
