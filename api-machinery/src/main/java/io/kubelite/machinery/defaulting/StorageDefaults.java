package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimStatus;
import io.fabric8.kubernetes.api.model.PersistentVolumeStatus;

/**
 * PersistentVolume and PersistentVolumeClaim defaults: both start Pending (the volume binder moves a
 * volume to Available and binds claims), volumeMode Filesystem, and a volume made by hand keeps its
 * data when its claim goes (reclaim policy Retain).
 */
final class StorageDefaults {

    private StorageDefaults() {
    }

    static void volume(PersistentVolume pv) {
        if (pv.getSpec() != null) {
            if (ContainerDefaults.isEmpty(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
                pv.getSpec().setPersistentVolumeReclaimPolicy("Retain");
            }
            if (ContainerDefaults.isEmpty(pv.getSpec().getVolumeMode())) {
                pv.getSpec().setVolumeMode("Filesystem");
            }
        }
        if (pv.getStatus() == null) {
            pv.setStatus(new PersistentVolumeStatus());
        }
        if (ContainerDefaults.isEmpty(pv.getStatus().getPhase())) {
            pv.getStatus().setPhase("Pending");
        }
    }

    /** A StorageClass deletes its volumes with their claims and provisions them at once. */
    static void storageClass(io.fabric8.kubernetes.api.model.storage.StorageClass storageClass) {
        if (ContainerDefaults.isEmpty(storageClass.getReclaimPolicy())) {
            storageClass.setReclaimPolicy("Delete");
        }
        if (ContainerDefaults.isEmpty(storageClass.getVolumeBindingMode())) {
            storageClass.setVolumeBindingMode("Immediate");
        }
    }

    static void claim(PersistentVolumeClaim pvc) {
        if (pvc.getSpec() != null && ContainerDefaults.isEmpty(pvc.getSpec().getVolumeMode())) {
            pvc.getSpec().setVolumeMode("Filesystem");
        }
        if (pvc.getStatus() == null) {
            pvc.setStatus(new PersistentVolumeClaimStatus());
        }
        if (ContainerDefaults.isEmpty(pvc.getStatus().getPhase())) {
            pvc.getStatus().setPhase("Pending");
        }
    }
}
