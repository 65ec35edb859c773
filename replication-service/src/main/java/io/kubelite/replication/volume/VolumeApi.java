package io.kubelite.replication.volume;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;
import io.fabric8.kubernetes.client.KubernetesClient;

/** The binder's writes: what binding, releasing and deleting a PersistentVolume change in the API. */
public interface VolumeApi {

    /** The volume's claimRef and status.phase Bound. */
    void reserve(PersistentVolume volume, PersistentVolumeClaim claim);

    /** The claim's volumeName, and its status: Bound, with the volume's capacity and access modes. */
    void bind(PersistentVolumeClaim claim, PersistentVolume volume);

    void volumePhase(PersistentVolume volume, String phase);

    void delete(PersistentVolume volume);

    private static PersistentVolumeStatus status(PersistentVolume v) {
        if (v.getStatus() == null) {
            v.setStatus(new PersistentVolumeStatus());
        }
        return v.getStatus();
    }

    static VolumeApi of(KubernetesClient client) {
        return new VolumeApi() {
            @Override
            public void reserve(PersistentVolume volume, PersistentVolumeClaim claim) {
                var pv = client.persistentVolumes().withName(volume.getMetadata().getName());
                pv.edit(v -> {
                    v.getSpec().setClaimRef(new ObjectReferenceBuilder().withKind("PersistentVolumeClaim").withApiVersion("v1")
                            .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                            .withUid(claim.getMetadata().getUid())
                            .withResourceVersion(claim.getMetadata().getResourceVersion()).build());
                    return v;
                });
                pv.editStatus(v -> {
                    status(v).setPhase("Bound");
                    return v;
                });
            }

            @Override
            public void bind(PersistentVolumeClaim claim, PersistentVolume volume) {
                var pvc = client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                        .withName(claim.getMetadata().getName());
                pvc.edit(c -> {
                    c.getSpec().setVolumeName(volume.getMetadata().getName());
                    return c;
                });
                pvc.editStatus(c -> {
                    if (c.getStatus() == null) {
                        c.setStatus(new PersistentVolumeClaimStatus());
                    }
                    c.getStatus().setPhase("Bound");
                    c.getStatus().setCapacity(volume.getSpec().getCapacity());
                    c.getStatus().setAccessModes(volume.getSpec().getAccessModes());
                    return c;
                });
            }

            @Override
            public void volumePhase(PersistentVolume volume, String phase) {
                client.persistentVolumes().withName(volume.getMetadata().getName()).editStatus(v -> {
                    status(v).setPhase(phase);
                    return v;
                });
            }

            @Override
            public void delete(PersistentVolume volume) {
                client.persistentVolumes().withName(volume.getMetadata().getName()).delete();
            }
        };
    }
}
