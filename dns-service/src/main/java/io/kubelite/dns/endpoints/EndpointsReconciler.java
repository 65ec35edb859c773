package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.EndpointSubset;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Keeps the Endpoints object named like each Service with a selector in step with the
 * matching pods ({@link EndpointsFor}); removes it when the Service goes. Services without a
 * selector keep whatever Endpoints their users write.
 */
final class EndpointsReconciler implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(EndpointsReconciler.class);
    static final String HEADLESS_LABEL = "service.kubernetes.io/headless";

    private final Lister<Service> services;
    private final Lister<Pod> pods;
    private final Lister<Endpoints> endpoints;
    private final EndpointsWriter writer;

    EndpointsReconciler(Lister<Service> services, Lister<Pod> pods, Lister<Endpoints> endpoints, EndpointsWriter writer) {
        this.services = services;
        this.pods = pods;
        this.endpoints = endpoints;
        this.writer = writer;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<Service> service = services.get(key);
        Optional<Endpoints> current = endpoints.get(key);
        if (service.isEmpty()) {
            if (current.isPresent()) {
                writer.delete(key);
            }
            return Result.done();
        }
        Service svc = service.get();
        Map<String, String> selector = svc.getSpec() == null ? null : svc.getSpec().getSelector();
        if (selector == null || selector.isEmpty()) {
            return Result.done();
        }
        List<EndpointSubset> subsets = EndpointsFor.subsets(svc, pods.list(key.namespace()));
        Map<String, String> labels = new HashMap<>(svc.getMetadata().getLabels() == null ? Map.of()
                : svc.getMetadata().getLabels());
        if ("None".equals(svc.getSpec().getClusterIP())) {
            labels.put(HEADLESS_LABEL, "");
        }
        if (current.isPresent() && Objects.equals(orEmpty(current.get().getSubsets()), subsets)
                && Objects.equals(orEmpty(current.get().getMetadata().getLabels()), labels)) {
            return Result.done();
        }
        Endpoints desired = current.map(EndpointsBuilder::new).orElseGet(() -> new EndpointsBuilder()
                        .withNewMetadata().withNamespace(key.namespace()).withName(key.name()).endMetadata())
                .editMetadata().withLabels(labels).endMetadata()
                .withSubsets(subsets).build();
        if (current.isPresent()) {
            writer.update(desired);
        } else {
            writer.create(desired);
        }
        LOG.atDebug().addKeyValue("service", key).addKeyValue("subsets", subsets.size()).log("Endpoints written");
        return Result.done();
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    private static Map<String, String> orEmpty(Map<String, String> map) {
        return map == null ? Map.of() : map;
    }
}
