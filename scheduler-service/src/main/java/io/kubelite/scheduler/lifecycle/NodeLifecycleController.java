package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;

/**
 * The node lifecycle controller of one leadership term: a node is reconciled when it changes, when
 * its Lease in {@code kube-node-lease} changes, and when a pod bound to it changes.
 */
public final class NodeLifecycleController {

    private NodeLifecycleController() {
    }

    public static Controller build(Informer<Node> nodes, Informer<Lease> leases, Informer<Pod> pods,
            NodeLifecycleReconciler reconciler, MeterRegistry meters) {
        return ControllerBuilder.named("node-lifecycle")
                .forKind(nodes)
                .watches(leases, lease -> NodeLifecycleReconciler.NODE_LEASE_NAMESPACE.equals(lease.getMetadata().getNamespace())
                        ? List.of(new ObjectKey("", lease.getMetadata().getName())) : List.of())
                .watches(pods, pod -> pod.getSpec() == null || pod.getSpec().getNodeName() == null
                        || pod.getSpec().getNodeName().isEmpty() ? List.of()
                        : List.of(new ObjectKey("", pod.getSpec().getNodeName())))
                .reconciler(reconciler)
                .workers(2)
                .meterRegistry(meters)
                .build();
    }
}
