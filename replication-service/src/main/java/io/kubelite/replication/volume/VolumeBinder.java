package io.kubelite.replication.volume;

import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Result;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes' PersistentVolume controller, without dynamic provisioning: binds each Pending claim
 * to the volume {@link VolumeMatch} picks (the volume first, then the claim, so a crash between
 * the two leaves a reserved volume that the next pass completes), and releases a volume whose
 * claim is gone — Released under the Retain policy, deleted under Delete.
 */
public final class VolumeBinder {

    private static final Logger LOG = LoggerFactory.getLogger(VolumeBinder.class);

    private final Lister<PersistentVolumeClaim> claims;
    private final Lister<PersistentVolume> volumes;
    private final VolumeApi api;
    private final EventRecorder events;
    private final HostPathProvisioner provisioner;

    public VolumeBinder(Lister<PersistentVolumeClaim> claims, Lister<PersistentVolume> volumes, VolumeApi api,
            EventRecorder events, HostPathProvisioner provisioner) {
        this.claims = claims;
        this.volumes = volumes;
        this.api = api;
        this.events = events;
        this.provisioner = provisioner;
    }

    /** One claim: bound already, bound now, or waiting (with a FailedBinding event) for a volume to appear. */
    public Result syncClaim(ObjectKey key) {
        Optional<PersistentVolumeClaim> found = claims.get(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        PersistentVolumeClaim claim = found.get();
        boolean bound = claim.getStatus() != null && "Bound".equals(claim.getStatus().getPhase())
                && claim.getSpec().getVolumeName() != null && !claim.getSpec().getVolumeName().isEmpty();
        if (bound) {
            return Result.done();
        }
        Optional<PersistentVolume> volume = VolumeMatch.best(claim, volumes.list());
        if (volume.isEmpty() && provisioner.classOf(claim).isPresent()) {
            events.event(claim, "Normal", "ExternalProvisioning", "Waiting for a volume to be created either by the external "
                    + "provisioner '" + HostPathProvisioner.NAME + "' or manually by the system administrator. If volume "
                    + "creation is delayed, please verify that the provisioner is running and correctly registered.");
            return Result.done();
        }
        if (volume.isEmpty()) {
            events.event(claim, "Normal", "FailedBinding", claim.getSpec().getStorageClassName() == null
                    || claim.getSpec().getStorageClassName().isEmpty()
                    ? "no persistent volumes available for this claim and no storage class is set"
                    : "storageclass.storage.k8s.io \"" + claim.getSpec().getStorageClassName() + "\" not found");
            return Result.done();
        }
        PersistentVolume pv = volume.get();
        if (!VolumeMatch.reservedFor(pv, claim) || !"Bound".equals(pv.getStatus() == null ? null : pv.getStatus().getPhase())) {
            api.reserve(pv, claim);
        }
        api.bind(claim, pv);
        LOG.atInfo().addKeyValue("claim", key).addKeyValue("volume", pv.getMetadata().getName()).log("Bound");
        return Result.done();
    }

    /** One volume: Available when free, Released (or deleted) when the claim it was bound to is gone. */
    public Result syncVolume(ObjectKey key) {
        Optional<PersistentVolume> found = volumes.get(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        PersistentVolume pv = found.get();
        String phase = pv.getStatus() == null ? null : pv.getStatus().getPhase();
        ObjectReference ref = pv.getSpec().getClaimRef();
        if (ref == null) {
            if (!"Available".equals(phase)) {
                api.volumePhase(pv, "Available");
            }
            return Result.done();
        }
        Optional<PersistentVolumeClaim> claim = claims.get(ObjectKey.of(ref.getNamespace(), ref.getName()));
        boolean gone = claim.isEmpty() || (ref.getUid() != null && !ref.getUid().isEmpty()
                && !ref.getUid().equals(claim.get().getMetadata().getUid()));
        if (!gone || "Released".equals(phase) || "Failed".equals(phase)) {
            return Result.done();
        }
        if ("Delete".equals(pv.getSpec().getPersistentVolumeReclaimPolicy())) {
            api.delete(pv);
            provisioner.deleteStorage(pv);
            LOG.atInfo().addKeyValue("volume", key.name()).log("Deleted: its claim is gone and its reclaim policy is Delete");
        } else {
            api.volumePhase(pv, "Released");
            LOG.atInfo().addKeyValue("volume", key.name()).log("Released: its claim is gone");
        }
        return Result.done();
    }
}
