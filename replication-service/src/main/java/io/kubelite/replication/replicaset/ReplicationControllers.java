package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.ReplicationControllerBuilder;
import io.fabric8.kubernetes.api.model.ReplicationControllerStatusBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.machinery.selector.LabelSelector;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * core/v1 ReplicationController through the ReplicaSet logic: an equality selector
 * ({@code spec.selector}, which the API server defaults from the template labels).
 */
public final class ReplicationControllers implements ReplicaKind<ReplicationController> {

    private final Function<ObjectKey, Optional<ReplicationController>> lookup;
    private final Function<ObjectKey, Optional<ReplicationController>> liveLookup;
    private final Consumer<ReplicationController> statusWriter;

    public ReplicationControllers(Function<ObjectKey, Optional<ReplicationController>> lookup, Consumer<ReplicationController> statusWriter) {
        this(lookup, lookup, statusWriter);
    }

    public ReplicationControllers(Function<ObjectKey, Optional<ReplicationController>> lookup, Function<ObjectKey, Optional<ReplicationController>> liveLookup,
            Consumer<ReplicationController> statusWriter) {
        this.lookup = lookup;
        this.liveLookup = liveLookup;
        this.statusWriter = statusWriter;
    }

    @Override
    public String kind() {
        return "ReplicationController";
    }

    @Override
    public Optional<ReplicationController> get(ObjectKey key) {
        return lookup.apply(key);
    }

    @Override
    public Optional<ReplicationController> getLive(ObjectKey key) {
        return liveLookup.apply(key);
    }

    @Override
    public ReplicaSetView view(ReplicationController rc) {
        var spec = rc.getSpec();
        var st = rc.getStatus();
        ReplicaSetStatus status = st == null ? null : new ReplicaSetStatus(ReplicaSets.orZero(st.getReplicas()),
                ReplicaSets.orZero(st.getFullyLabeledReplicas()), ReplicaSets.orZero(st.getReadyReplicas()),
                ReplicaSets.orZero(st.getAvailableReplicas()),
                st.getObservedGeneration() == null ? 0 : st.getObservedGeneration());
        return new ReplicaSetView("v1", "ReplicationController", ReplicaSets.keyOf(rc), rc.getMetadata().getUid(),
                ReplicaSets.generation(rc.getMetadata().getGeneration()),
                spec.getReplicas() == null ? 1 : spec.getReplicas(), LabelSelector.fromMap(spec.getSelector()),
                spec.getTemplate(), ReplicaSets.orZero(spec.getMinReadySeconds()),
                rc.getMetadata().getDeletionTimestamp() != null, status);
    }

    @Override
    public void writeStatus(ReplicationController rc, ReplicaSetStatus status) {
        statusWriter.accept(new ReplicationControllerBuilder(rc).withStatus(
                new ReplicationControllerStatusBuilder(rc.getStatus()).withReplicas(status.replicas())
                        .withFullyLabeledReplicas(status.fullyLabeledReplicas())
                        .withReadyReplicas(status.readyReplicas()).withAvailableReplicas(status.availableReplicas())
                        .withObservedGeneration(status.observedGeneration()).build()).build());
    }
}
