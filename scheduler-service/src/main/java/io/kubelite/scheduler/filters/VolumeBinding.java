package io.kubelite.scheduler.filters;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Volume;
import io.kubelite.controller.ObjectKey;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * kube-scheduler's VolumeBinding pre-filter, for claims bound by the volume binder (no delayed
 * binding): a pod waits while one of its PersistentVolumeClaims is missing or not yet bound, with
 * kube-scheduler's words, and is placed once it is bound.
 *
 * <p>Example, three nodes, claim {@code data} Pending:
 * {@code 0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims.}; claim
 * {@code gone} missing: {@code persistentvolumeclaim "gone" not found}.
 */
public final class VolumeBinding {

    private VolumeBinding() {
    }

    /** Why the pod cannot be placed yet, or empty when every claim it mounts is bound. */
    public static Optional<String> unschedulable(Pod pod, Function<ObjectKey, Optional<PersistentVolumeClaim>> claims,
            int numNodes) {
        List<Volume> volumes = pod.getSpec() == null || pod.getSpec().getVolumes() == null ? List.of() : pod.getSpec().getVolumes();
        boolean unbound = false;
        for (Volume volume : volumes) {
            if (volume.getPersistentVolumeClaim() == null) {
                continue;
            }
            String name = volume.getPersistentVolumeClaim().getClaimName();
            Optional<PersistentVolumeClaim> claim = claims.apply(ObjectKey.of(pod.getMetadata().getNamespace(), name));
            if (claim.isEmpty()) {
                return Optional.of("persistentvolumeclaim \"" + name + "\" not found");
            }
            boolean bound = claim.get().getStatus() != null && "Bound".equals(claim.get().getStatus().getPhase());
            unbound |= !bound;
        }
        if (!unbound) {
            return Optional.empty();
        }
        return Optional.of("0/" + numNodes + " nodes are available: " + numNodes + " pod has unbound immediate PersistentVolumeClaims.");
    }
}
