package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.kubelite.replication.history.ApiRevisionControl;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** The StatefulSet controller: StatefulSets, their pods, claims and revisions. */
public final class StatefulSetControllers implements ControllerSet {

    private final Informer<StatefulSet> sets;
    private final Informer<Pod> pods;
    private final Informer<ControllerRevision> revisions;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final StatefulSetReconciler reconciler;

    public StatefulSetControllers(KubernetesClient client, Informer<StatefulSet> sets, Informer<Pod> pods,
            Informer<ControllerRevision> revisions, Informer<PersistentVolumeClaim> claims, EventRecorder events,
            ReplicationProperties props, Clock clock, MeterRegistry meters) {
        this.sets = sets;
        this.pods = pods;
        this.revisions = revisions;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        this.reconciler = new StatefulSetReconciler(new StatefulSetStore() {
            @Override
            public Optional<StatefulSet> get(ObjectKey key) {
                return sets.lister().get(key);
            }

            @Override
            public List<Pod> pods(String uid) {
                return pods.lister().byIndex(Indexes.OWNER_UID, uid);
            }

            @Override
            public List<ControllerRevision> revisions(String uid) {
                return revisions.lister().byIndex(Indexes.OWNER_UID, uid);
            }

            @Override
            public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
                return claims.lister().get(ObjectKey.of(namespace, name));
            }
        }, new ApiStatefulControl(client), new ApiRevisionControl(client), events, clock);
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("statefulset").forKind(sets).owns(pods, "StatefulSet")
                .owns(revisions, "StatefulSet").reconciler(reconciler).workers(props.workers()).clock(clock)
                .meterRegistry(meters).build());
    }
}
