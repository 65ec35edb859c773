package io.kubelite.replication.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
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
import io.kubelite.replication.history.ApiRevisionControl;
import io.kubelite.replication.pods.ApiPodControl;
import io.kubelite.replication.pods.Owners;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;

/** The DaemonSet controller: DaemonSets, their pods and revisions, and every node (a node joining or leaving concerns all). */
public final class DaemonSetControllers implements ControllerSet {

    private final Informer<DaemonSet> daemonSets;
    private final Informer<Pod> pods;
    private final Informer<Node> nodes;
    private final Informer<ControllerRevision> revisions;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DaemonSetReconciler reconciler;

    public DaemonSetControllers(KubernetesClient client, Informer<DaemonSet> daemonSets, Informer<Pod> pods,
            Informer<Node> nodes, Informer<ControllerRevision> revisions, ReplicationProperties props,
            EventRecorder events, Clock clock, MeterRegistry meters) {
        this.daemonSets = daemonSets;
        this.pods = pods;
        this.nodes = nodes;
        this.revisions = revisions;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        StatusPatch status = new StatusPatch(client);
        Expectations expectations = new Expectations(clock);
        this.reconciler = new DaemonSetReconciler(k -> daemonSets.lister().get(k), () -> nodes.lister().list(),
                uid -> pods.lister().byIndex(Indexes.OWNER_UID, uid),
                uid -> revisions.lister().byIndex(Indexes.OWNER_UID, uid), new ApiPodControl(client, events),
                new ApiRevisionControl(client), ds -> status.write(ds, ds.getStatus()), expectations, clock);
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                Owners.controllerOf(pod).filter(r -> "DaemonSet".equals(r.getKind()))
                        .ifPresent(r -> expectations.creationObserved(ObjectKey.of(pod.getMetadata().getNamespace(), r.getName())));
            }
        });
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("daemonset").forKind(daemonSets).owns(pods, "DaemonSet")
                .owns(revisions, "DaemonSet")
                .watches(nodes, node -> daemonSets.lister().list().stream()
                        .map(ds -> ObjectKey.of(ds.getMetadata().getNamespace(), ds.getMetadata().getName())).toList())
                .reconciler(reconciler).workers(props.workers()).clock(clock).meterRegistry(meters).build());
    }
}
