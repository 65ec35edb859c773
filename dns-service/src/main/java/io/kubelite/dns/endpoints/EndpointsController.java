package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The endpoints controller: reconciles each Service; a pod change enqueues every Service of its
 * namespace whose selector matches the pod before or after the change; an Endpoints change
 * enqueues the Service of the same name (so a hand-edited Endpoints is put back).
 */
public final class EndpointsController {

    private EndpointsController() {
    }

    public static Controller build(KubernetesClient client, Informer<Service> services, Informer<Pod> pods,
            Informer<Endpoints> endpoints, int workers, MeterRegistry meters) {
        return ControllerBuilder.named("endpoints")
                .forKind(services)
                .forKind(endpoints)
                .watches(pods, pod -> services.lister().list(pod.getMetadata().getNamespace()).stream()
                        .filter(service -> EndpointsFor.selects(service, pod))
                        .map(service -> ObjectKey.of(service.getMetadata().getNamespace(), service.getMetadata().getName()))
                        .toList())
                .reconciler(new EndpointsReconciler(services.lister(), pods.lister(), endpoints.lister(),
                        new ApiEndpointsWriter(client)))
                .workers(workers)
                .meterRegistry(meters)
                .build();
    }

    /**
     * The EndpointSlice controller: reconciles each Service; a pod change enqueues the Services
     * that select it, a slice change the Service it belongs to (so a hand-edited slice is put back).
     */
    public static Controller slices(KubernetesClient client, Informer<Service> services, Informer<Pod> pods,
            Informer<Endpoints> endpoints, Informer<EndpointSlice> slices, int workers, MeterRegistry meters) {
        return ControllerBuilder.named("endpointslice")
                .forKind(services)
                .forKind(endpoints)
                .watches(slices, slice -> EndpointSliceReconciler.serviceOf(slice).stream().toList())
                .watches(pods, pod -> services.lister().list(pod.getMetadata().getNamespace()).stream()
                        .filter(service -> EndpointsFor.selects(service, pod))
                        .map(service -> ObjectKey.of(service.getMetadata().getNamespace(), service.getMetadata().getName()))
                        .toList())
                .reconciler(new EndpointSliceReconciler(services.lister(), pods.lister(), endpoints.lister(), slices.lister(),
                        new ApiEndpointSliceWriter(client)))
                .workers(workers)
                .meterRegistry(meters)
                .build();
    }
}
