package io.kubelite.replication.rbac;

import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.micrometer.core.instrument.MeterRegistry;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** The ClusterRole aggregation controller on the ClusterRole informer. */
public final class RbacControllers implements ControllerSet {

    private final Informer<ClusterRole> roles;
    private final ClusterRoleAggregation aggregation;
    private final Clock clock;
    private final MeterRegistry meters;

    public RbacControllers(KubernetesClient client, Informer<ClusterRole> roles, Clock clock, MeterRegistry meters) {
        this.roles = roles;
        this.aggregation = new ClusterRoleAggregation(roles.lister(),
                role -> client.rbac().clusterRoles().resource(role).update());
        this.clock = clock;
        this.meters = meters;
    }

    @Override
    public List<Controller> build() {
        return List.of(ControllerBuilder.named("clusterrole-aggregation")
                .watches(roles, role -> {
                    List<ObjectKey> keys = new ArrayList<>(aggregation.aggregatingRoles());
                    keys.add(new ObjectKey("", role.getMetadata().getName()));
                    return keys;
                })
                .reconciler(aggregation).workers(1).clock(clock).meterRegistry(meters).build());
    }
}
