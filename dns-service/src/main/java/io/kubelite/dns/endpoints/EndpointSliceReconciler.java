package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the EndpointSlices of each Service with a selector in step with its pods
 * ({@link EndpointSlicesFor}): each slice under the name its ports give it, updated in place or
 * created, the rest deleted, and all of them when the Service goes. A Service without a selector
 * gets slices mirroring the Endpoints its users write (unless labelled
 * {@code endpointslice.kubernetes.io/skip-mirror: "true"}). Slices are labelled {@code kubernetes.io/service-name} and
 * {@code endpointslice.kubernetes.io/managed-by}, and owned by their Service.
 */
final class EndpointSliceReconciler implements Reconciler {

    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";
    static final String MANAGED_BY_LABEL = "endpointslice.kubernetes.io/managed-by";
    static final String MANAGED_BY = "endpointslice-controller.k8s.io";
    /** Slices mirroring the Endpoints of a Service without a selector (kube's EndpointSlice mirroring controller). */
    static final String MIRRORED_BY = "endpointslicemirroring-controller.k8s.io";
    static final String SKIP_MIRROR_LABEL = "endpointslice.kubernetes.io/skip-mirror";

    private final Lister<Service> services;
    private final Lister<Pod> pods;
    private final Lister<Endpoints> endpoints;
    private final Lister<EndpointSlice> slices;
    private final EndpointSliceWriter writer;

    EndpointSliceReconciler(Lister<Service> services, Lister<Pod> pods, Lister<Endpoints> endpoints,
            Lister<EndpointSlice> slices, EndpointSliceWriter writer) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.slices = slices;
        this.writer = writer;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        List<EndpointSlice> existing = slices.list(key.namespace()).stream().filter(s -> managedFor(s, key.name())).toList();
        Optional<Service> service = services.get(key);
        if (service.isEmpty()) {
            existing.forEach(writer::delete);
            return Result.done();
        }
        Service svc = service.get();
        Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        List<EndpointSlicesFor.Slice> wanted;
        String manager;
        if (selector != null && !selector.isEmpty()) {
            wanted = EndpointSlicesFor.slices(svc, pods.list(key.namespace()));
            manager = MANAGED_BY;
        } else {
            // no selector: its users write its Endpoints, which the slices mirror
            wanted = endpoints.get(key).filter(e -> !"true".equals(label(e.getMetadata().getLabels(), SKIP_MIRROR_LABEL)))
                    .map(e -> EndpointSlicesFor.fromSubsets(e.getSubsets() == null ? List.of() : e.getSubsets()))
                    .orElse(List.of());
            manager = MIRRORED_BY;
        }
        Map<String, String> labels = labels(svc, manager);
        List<EndpointSlice> unused = new ArrayList<>(existing);
        for (EndpointSlicesFor.Slice desired : wanted) {
            String name = desired.name(key.name());
            Optional<EndpointSlice> same = unused.stream().filter(s -> name.equals(s.getMetadata().getName())).findFirst();
            if (same.isPresent()) {
                unused.remove(same.get());
                EndpointSlice slice = same.get();
                if (!Objects.equals(orEmpty(slice.getEndpoints()), desired.endpoints())
                        || !Objects.equals(orEmpty(slice.getPorts()), desired.ports())
                        || !Objects.equals(slice.getMetadata().getLabels(), labels)) {
                    writer.update(new EndpointSliceBuilder(slice).editMetadata().withLabels(labels).endMetadata()
                            .withPorts(desired.ports()).withEndpoints(desired.endpoints()).build());
                }
            } else {
                writer.create(new EndpointSliceBuilder().withNewMetadata().withName(name)
                        .withNamespace(key.namespace()).withLabels(labels)
                        .addNewOwnerReference().withApiVersion("v1").withKind("Service").withName(key.name())
                        .withUid(svc.getMetadata().getUid()).withController(true).withBlockOwnerDeletion(true)
                        .endOwnerReference().endMetadata()
                        .withAddressType("IPv4").withPorts(desired.ports()).withEndpoints(desired.endpoints()).build());
            }
        }
        unused.forEach(writer::delete);
        return Result.done();
    }

    /** The Service's labels, the headless label for a headless one, and the two that tie the slice to it. */
    private static Map<String, String> labels(Service svc, String manager) {
        Map<String, String> labels = new HashMap<>(svc.getMetadata().getLabels() == null ? Map.of() : svc.getMetadata().getLabels());
        if ("None".equals(svc.getSpec().getClusterIP())) {
            labels.put(EndpointsReconciler.HEADLESS_LABEL, "");
        }
        labels.put(SERVICE_NAME_LABEL, svc.getMetadata().getName());
        labels.put(MANAGED_BY_LABEL, manager);
        return labels;
    }

    static boolean managedFor(EndpointSlice slice, String service) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        return labels != null && service.equals(labels.get(SERVICE_NAME_LABEL)) && ours(labels.get(MANAGED_BY_LABEL));
    }

    private static boolean ours(String manager) {
        return MANAGED_BY.equals(manager) || MIRRORED_BY.equals(manager);
    }

    private static String label(Map<String, String> labels, String key) {
        return labels == null ? null : labels.get(key);
    }

    /** The Service a slice of this controller belongs to. */
    static Optional<ObjectKey> serviceOf(EndpointSlice slice) {
        Map<String, String> labels = slice.getMetadata().getLabels();
        if (labels == null || !ours(labels.get(MANAGED_BY_LABEL)) || labels.get(SERVICE_NAME_LABEL) == null) {
            return Optional.empty();
        }
        return Optional.of(ObjectKey.of(slice.getMetadata().getNamespace(), labels.get(SERVICE_NAME_LABEL)));
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
