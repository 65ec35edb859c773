package io.kubelite.replication.volume;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.machinery.validation.Quantities;
import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Which PersistentVolume a claim binds to, as Kubernetes' binder chooses: the volume the claim
 * names, or one already reserved for it ({@code claimRef}), else the smallest Available volume of
 * the same storage class whose access modes include the claim's, whose capacity covers its
 * request and whose labels match its selector.
 *
 * <p>Example: a claim for 1Gi ReadWriteOnce, no class, and Available volumes of 5Gi (RWO), 2Gi (RWO)
 * and 1Gi (ReadOnlyMany) → the 2Gi one: the 1Gi one lacks ReadWriteOnce, and 2Gi is the smallest
 * that fits.
 */
public final class VolumeMatch {

    private VolumeMatch() {
    }

    public static Optional<PersistentVolume> best(PersistentVolumeClaim claim, List<PersistentVolume> volumes) {
        String wanted = claim.getSpec().getVolumeName();
        if (wanted != null && !wanted.isEmpty()) {
            return volumes.stream().filter(v -> wanted.equals(v.getMetadata().getName()))
                    .filter(v -> reservedFor(v, claim) || free(v)).findFirst();
        }
        Optional<PersistentVolume> reserved = volumes.stream().filter(v -> reservedFor(v, claim)).findFirst();
        if (reserved.isPresent()) {
            return reserved;
        }
        BigDecimal request = request(claim);
        LabelSelector selector = claim.getSpec().getSelector() == null ? LabelSelector.everything()
                : LabelSelector.fromApi(claim.getSpec().getSelector());
        return volumes.stream()
                .filter(VolumeMatch::free)
                .filter(v -> "Available".equals(phase(v)) || phase(v) == null)
                .filter(v -> Objects.equals(storageClass(v.getSpec().getStorageClassName()),
                        storageClass(claim.getSpec().getStorageClassName())))
                .filter(v -> v.getSpec().getAccessModes() != null && claim.getSpec().getAccessModes() != null
                        && v.getSpec().getAccessModes().containsAll(claim.getSpec().getAccessModes()))
                .filter(v -> capacity(v).compareTo(request) >= 0)
                .filter(v -> selector.matches(v.getMetadata().getLabels() == null ? Map.of() : v.getMetadata().getLabels()))
                .min(Comparator.comparing(VolumeMatch::capacity).thenComparing(v -> v.getMetadata().getName()));
    }

    /** The volume's claimRef names this claim (by namespace and name, and uid when it has one). */
    static boolean reservedFor(PersistentVolume volume, PersistentVolumeClaim claim) {
        ObjectReference ref = volume.getSpec().getClaimRef();
        return ref != null && Objects.equals(ref.getNamespace(), claim.getMetadata().getNamespace())
                && Objects.equals(ref.getName(), claim.getMetadata().getName())
                && (ref.getUid() == null || ref.getUid().isEmpty() || ref.getUid().equals(claim.getMetadata().getUid()));
    }

    static boolean free(PersistentVolume volume) {
        return volume.getSpec().getClaimRef() == null;
    }

    private static String phase(PersistentVolume volume) {
        return volume.getStatus() == null ? null : volume.getStatus().getPhase();
    }

    private static String storageClass(String name) {
        return name == null ? "" : name;
    }

    static BigDecimal request(PersistentVolumeClaim claim) {
        Quantity q = claim.getSpec().getResources() == null || claim.getSpec().getResources().getRequests() == null ? null
                : claim.getSpec().getResources().getRequests().get("storage");
        return q == null ? BigDecimal.ZERO : Quantities.value(q.toString());
    }

    static BigDecimal capacity(PersistentVolume volume) {
        Quantity q = volume.getSpec().getCapacity() == null ? null : volume.getSpec().getCapacity().get("storage");
        return q == null ? BigDecimal.ZERO : Quantities.value(q.toString());
    }
}
