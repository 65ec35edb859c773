package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.replication.pods.Owners;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.kubelite.replication.ReplicationProperties;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.List;

/** The Deployment controller: Deployments and the ReplicaSets they own. */
public final class DeploymentControllers implements ControllerSet {

    private final Informer<Deployment> deployments;
    private final Informer<ReplicaSet> replicaSets;
    private final ReplicationProperties props;
    private final Clock clock;
    private final MeterRegistry meters;
    private final DeploymentReconciler reconciler;

    public DeploymentControllers(KubernetesClient client, Informer<Deployment> deployments,
            Informer<ReplicaSet> replicaSets, ReplicationProperties props, EventRecorder events, Clock clock,
            MeterRegistry meters) {
        this.deployments = deployments;
        this.replicaSets = replicaSets;
        this.props = props;
        this.clock = clock;
        this.meters = meters;
        this.reconciler = new DeploymentReconciler(k -> deployments.lister().get(k),
                ns -> replicaSets.lister().byIndex(Indexes.NAMESPACE, ns), new ApiDeploymentControl(client), events,
                clock);
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("deployment").forKind(deployments).owns(replicaSets, "Deployment")
                .watches(replicaSets, rs -> Owners.controllerOf(rs).isPresent() ? List.of()
                        : deployments.lister().byIndex(Indexes.NAMESPACE, rs.getMetadata().getNamespace()).stream()
                        .filter(d -> LabelSelector.fromApi(d.getSpec().getSelector()).matches(rs.getMetadata().getLabels()))
                        .map(d -> ObjectKey.of(d.getMetadata().getNamespace(), d.getMetadata().getName())).toList())
                .reconciler(reconciler).workers(props.workers()).clock(clock).meterRegistry(meters).build());
    }
}
