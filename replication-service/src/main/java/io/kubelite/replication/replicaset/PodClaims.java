package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.replication.pods.Owners;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Which pods a controller owns, as Kubernetes' {@code PodControllerRefManager} decides:
 * <ul>
 *   <li>controlled by someone else → not ours, left alone;</li>
 *   <li>controlled by us and matching the selector → owned;</li>
 *   <li>controlled by us and no longer matching → released (unless we are being deleted);</li>
 *   <li>no controller, matching, neither side being deleted → adopted.</li>
 * </ul>
 */
public record PodClaims(List<Pod> owned, List<Pod> toAdopt, List<Pod> toRelease) {

    public static PodClaims claim(ReplicaSetView rs, List<Pod> pods) {
        List<Pod> owned = new ArrayList<>();
        List<Pod> adopt = new ArrayList<>();
        List<Pod> release = new ArrayList<>();
        for (Pod pod : pods) {
            boolean matches = rs.selector().matches(pod.getMetadata().getLabels());
            Optional<OwnerReference> controller = Owners.controllerOf(pod);
            if (controller.isPresent()) {
                if (!rs.uid().equals(controller.get().getUid())) {
                    continue;
                }
                if (matches) {
                    owned.add(pod);
                } else if (!rs.deleting()) {
                    release.add(pod);
                }
            } else if (matches && !rs.deleting() && pod.getMetadata().getDeletionTimestamp() == null) {
                adopt.add(pod);
            }
        }
        return new PodClaims(List.copyOf(owned), List.copyOf(adopt), List.copyOf(release));
    }
}
