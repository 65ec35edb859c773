package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.expectations.Expectations;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.kubelite.replication.StatusPatch;
import io.kubelite.replication.pods.ApiPodControl;
import io.kubelite.replication.pods.Owners;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The ReplicaSet and ReplicationController controllers: one {@link ReplicaSetReconciler} each
 * (separate expectations, since an RS and an RC may share a name), fed by the shared pod informer.
 */
public final class ReplicaControllers implements ControllerSet {

    private final Informer<ReplicaSet> replicaSets;
    private final Informer<ReplicationController> rcs;
    private final Informer<Pod> pods;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final ReplicaSetReconciler<ReplicaSet> rsReconciler;
    private final ReplicaSetReconciler<ReplicationController> rcReconciler;

    public ReplicaControllers(KubernetesClient client, Informer<ReplicaSet> replicaSets,
            Informer<ReplicationController> rcs, Informer<Pod> pods, ReplicationProperties props,
            EventRecorder replicaSetEvents, EventRecorder replicationControllerEvents, Clock clock, MeterRegistry meters) {
        this.replicaSets = replicaSets;
        this.rcs = rcs;
        this.pods = pods;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        StatusPatch status = new StatusPatch(client);
        PodSource podSource = ns -> pods.lister().byIndex(Indexes.NAMESPACE, ns);
        // one pool for the pod calls of every sync; 64 calls in flight is within the client's 256
        java.util.concurrent.ExecutorService calls = java.util.concurrent.Executors.newFixedThreadPool(64, r -> {
            Thread t = new Thread(r, "pod-calls");
            t.setDaemon(true);
            return t;
        });
        this.rsReconciler = new ReplicaSetReconciler<>(new ReplicaSets(k -> replicaSets.lister().get(k),
                k -> Optional.ofNullable(client.apps().replicaSets().inNamespace(k.namespace()).withName(k.name()).get()),
                rs -> status.write(rs, rs.getStatus())), podSource, new ApiPodControl(client, replicaSetEvents),
                new Expectations(clock), clock,
                props.burstReplicas(), calls);
        this.rcReconciler = new ReplicaSetReconciler<>(new ReplicationControllers(k -> rcs.lister().get(k),
                k -> Optional.ofNullable(client.replicationControllers().inNamespace(k.namespace()).withName(k.name()).get()),
                rc -> status.write(rc, rc.getStatus())), podSource, new ApiPodControl(client, replicationControllerEvents),
                new Expectations(clock), clock,
                props.burstReplicas(), calls);
        pods.addEventHandler(expectationsObserver(List.of(rsReconciler, rcReconciler)));
    }

    @Override
    public List<Controller> build() {
        return List.of(
                ControllerBuilder.named("replicaset").forKind(replicaSets).owns(pods, "ReplicaSet")
                        .watches(pods, orphanOwners(replicaSets, rsReconciler))
                        .reconciler(rsReconciler).workers(props.workers()).clock(clock).meterRegistry(meters).build(),
                ControllerBuilder.named("replicationcontroller").forKind(rcs).owns(pods, "ReplicationController")
                        .watches(pods, orphanOwners(rcs, rcReconciler))
                        .reconciler(rcReconciler).workers(props.workers()).clock(clock).meterRegistry(meters).build());
    }

    /** An orphan pod concerns every owner whose selector matches it (a candidate adopter). */
    private static <T extends HasMetadata> Function<Pod, Collection<ObjectKey>> orphanOwners(Informer<T> owners,
            ReplicaSetReconciler<T> reconciler) {
        return pod -> {
            if (Owners.controllerOf(pod).isPresent()) {
                return List.of();
            }
            String ns = pod.getMetadata().getNamespace();
            return owners.lister().byIndex(Indexes.NAMESPACE, ns).stream()
                    .filter(o -> reconciler.kind().view(o).selector().matches(pod.getMetadata().getLabels()))
                    .map(o -> ObjectKey.of(ns, o.getMetadata().getName())).toList();
        };
    }

    private static EventHandler<Pod> expectationsObserver(List<ReplicaSetReconciler<?>> reconcilers) {
        return new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                reconcilers.forEach(r -> r.podAdded(pod));
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (old.getMetadata().getDeletionTimestamp() == null && pod.getMetadata().getDeletionTimestamp() != null) {
                    reconcilers.forEach(r -> r.podDeleted(pod));
                }
            }

            @Override
            public void onDelete(Pod pod) {
                reconcilers.forEach(r -> r.podDeleted(pod));
            }
        };
    }
}
