package io.kubelite.replication.disruption;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.kubelite.replication.StatusPatch;
import io.kubelite.replication.pods.Owners;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The disruption controller: PodDisruptionBudgets and the pods they select; the replicas their
 * controllers ask for come from the ReplicationController, ReplicaSet (its Deployment's, when a
 * Deployment owns it) and StatefulSet caches.
 */
public final class DisruptionControllers implements ControllerSet {

    private final Informer<PodDisruptionBudget> budgets;
    private final Informer<Pod> pods;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DisruptionReconciler reconciler;

    public DisruptionControllers(KubernetesClient client, Informer<PodDisruptionBudget> budgets, Informer<Pod> pods,
            Informer<ReplicationController> rcs, Informer<ReplicaSet> replicaSets, Informer<Deployment> deployments,
            Informer<StatefulSet> statefulSets, EventRecorder events, ReplicationProperties props, Clock clock,
            MeterRegistry meters) {
        this.budgets = budgets;
        this.pods = pods;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        StatusPatch status = new StatusPatch(client);
        DisruptionReconciler.Scales scales = (namespace, ref) -> scale(namespace, ref, rcs, replicaSets, deployments, statefulSets);
        this.reconciler = new DisruptionReconciler(k -> budgets.lister().get(k), ns -> pods.lister().list(ns), scales,
                pdb -> status.write(pdb, pdb.getStatus()), events, clock);
    }

    private static Optional<DisruptionReconciler.Scale> scale(String namespace, OwnerReference ref,
            Informer<ReplicationController> rcs, Informer<ReplicaSet> replicaSets, Informer<Deployment> deployments,
            Informer<StatefulSet> statefulSets) {
        ObjectKey key = ObjectKey.of(namespace, ref.getName());
        return switch (ref.getKind()) {
            case "ReplicationController" -> rcs.lister().get(key).filter(o -> ref.getUid().equals(o.getMetadata().getUid()))
                    .map(o -> new DisruptionReconciler.Scale(o.getMetadata().getUid(), replicas(o.getSpec().getReplicas())));
            case "StatefulSet" -> statefulSets.lister().get(key).filter(o -> ref.getUid().equals(o.getMetadata().getUid()))
                    .map(o -> new DisruptionReconciler.Scale(o.getMetadata().getUid(), replicas(o.getSpec().getReplicas())));
            case "ReplicaSet" -> replicaSets.lister().get(key).filter(o -> ref.getUid().equals(o.getMetadata().getUid()))
                    .flatMap(rs -> {
                        Optional<OwnerReference> owner = Owners.controllerOf(rs).filter(o -> "Deployment".equals(o.getKind()));
                        if (owner.isPresent()) {
                            return deployments.lister().get(ObjectKey.of(namespace, owner.get().getName()))
                                    .filter(d -> owner.get().getUid().equals(d.getMetadata().getUid()))
                                    .map(d -> new DisruptionReconciler.Scale(d.getMetadata().getUid(),
                                            replicas(d.getSpec().getReplicas())));
                        }
                        return Optional.of(new DisruptionReconciler.Scale(rs.getMetadata().getUid(),
                                replicas(rs.getSpec().getReplicas())));
                    });
            default -> Optional.empty();
        };
    }

    private static int replicas(Integer replicas) {
        return replicas == null ? 1 : replicas;
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("disruption").forKind(budgets)
                .watches(pods, pod -> budgets.lister().list(pod.getMetadata().getNamespace()).stream()
                        .filter(pdb -> DisruptionReconciler.selects(pdb, pod))
                        .map(pdb -> ObjectKey.of(pdb.getMetadata().getNamespace(), pdb.getMetadata().getName())).toList())
                .reconciler(reconciler).workers(props.workers()).clock(clock).meterRegistry(meters).build());
    }
}
