package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.machinery.selector.LabelSelector;

import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/** apps/v1 ReplicaSet: set-based selector ({@code matchLabels} + {@code matchExpressions}). */
public final class ReplicaSets implements ReplicaKind<ReplicaSet> {

    private final Function<ObjectKey, Optional<ReplicaSet>> lookup;
    private final Function<ObjectKey, Optional<ReplicaSet>> liveLookup;
    private final Consumer<ReplicaSet> statusWriter;

    /**
     * @param lookup       reads the cache
     * @param statusWriter writes the given object's status through the status subresource
     */
    public ReplicaSets(Function<ObjectKey, Optional<ReplicaSet>> lookup, Consumer<ReplicaSet> statusWriter) {
        this(lookup, lookup, statusWriter);
    }

    public ReplicaSets(Function<ObjectKey, Optional<ReplicaSet>> lookup, Function<ObjectKey, Optional<ReplicaSet>> liveLookup,
            Consumer<ReplicaSet> statusWriter) {
        this.lookup = lookup;
        this.liveLookup = liveLookup;
        this.statusWriter = statusWriter;
    }

    @Override
    public String kind() {
        return "ReplicaSet";
    }

    @Override
    public Optional<ReplicaSet> get(ObjectKey key) {
        return lookup.apply(key);
    }

    @Override
    public Optional<ReplicaSet> getLive(ObjectKey key) {
        return liveLookup.apply(key);
    }

    @Override
    public ReplicaSetView view(ReplicaSet rs) {
        var spec = rs.getSpec();
        var st = rs.getStatus();
        ReplicaSetStatus status = st == null ? null : new ReplicaSetStatus(orZero(st.getReplicas()),
                orZero(st.getFullyLabeledReplicas()), orZero(st.getReadyReplicas()), orZero(st.getAvailableReplicas()),
                st.getObservedGeneration() == null ? 0 : st.getObservedGeneration());
        return new ReplicaSetView("apps/v1", "ReplicaSet", keyOf(rs), rs.getMetadata().getUid(),
                generation(rs.getMetadata().getGeneration()), spec.getReplicas() == null ? 1 : spec.getReplicas(),
                LabelSelector.fromApi(spec.getSelector()), spec.getTemplate(), orZero(spec.getMinReadySeconds()),
                rs.getMetadata().getDeletionTimestamp() != null, status);
    }

    @Override
    public void writeStatus(ReplicaSet rs, ReplicaSetStatus status) {
        statusWriter.accept(new ReplicaSetBuilder(rs).withStatus(new ReplicaSetStatusBuilder(rs.getStatus())
                .withReplicas(status.replicas()).withFullyLabeledReplicas(status.fullyLabeledReplicas())
                .withReadyReplicas(status.readyReplicas()).withAvailableReplicas(status.availableReplicas())
                .withObservedGeneration(status.observedGeneration()).build()).build());
    }

    static ObjectKey keyOf(io.fabric8.kubernetes.api.model.HasMetadata o) {
        return ObjectKey.of(o.getMetadata().getNamespace(), o.getMetadata().getName());
    }

    static int orZero(Integer value) {
        return value == null ? 0 : value;
    }

    static long generation(Long value) {
        return value == null ? 0 : value;
    }
}
