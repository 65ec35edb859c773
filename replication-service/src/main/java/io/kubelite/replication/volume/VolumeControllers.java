package io.kubelite.replication.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Path;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.replication.ControllerSet;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;

/**
 * The PersistentVolume controller as two queues: claims (a new volume wakes every claim still
 * Pending) and volumes (a claim's change wakes the volume reserved for it); and the hostPath
 * provisioner of the {@code kubelite.io/hostpath} StorageClasses, on claims.
 */
public final class VolumeControllers implements ControllerSet {

    private final Informer<PersistentVolumeClaim> claims;
    private final Informer<PersistentVolume> volumes;
    private final Informer<StorageClass> classes;
    private final HostPathProvisioner provisioner;
    private final VolumeBinder binder;
    private final Clock clock;
    private final MeterRegistry meters;

    public VolumeControllers(KubernetesClient client, Informer<PersistentVolumeClaim> claims, Informer<PersistentVolume> volumes,
            Informer<StorageClass> classes, EventRecorder events, Path volumeDir, Clock clock, MeterRegistry meters) {
        this.claims = claims;
        this.volumes = volumes;
        this.classes = classes;
        this.clock = clock;
        this.meters = meters;
        this.provisioner = new HostPathProvisioner(claims.lister(), volumes.lister(), classes.lister(), pv -> {
            try {
                client.persistentVolumes().resource(pv).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) {
                    throw e;
                }
            }
        }, events, volumeDir);
        this.binder = new VolumeBinder(claims.lister(), volumes.lister(), VolumeApi.of(client), events, provisioner);
    }

    @Override
    public List<Controller> build() {
        Controller claimController = ControllerBuilder.named("persistentvolumeclaim-binder")
                .forKind(claims)
                .watches(volumes, pv -> claims.lister().list().stream()
                        .filter(c -> c.getStatus() == null || !"Bound".equals(c.getStatus().getPhase()))
                        .map(c -> ObjectKey.of(c.getMetadata().getNamespace(), c.getMetadata().getName())).toList())
                .reconciler(binder::syncClaim).workers(1).clock(clock).meterRegistry(meters).build();
        Controller volumeController = ControllerBuilder.named("persistentvolume-binder")
                .forKind(volumes)
                .watches(claims, claim -> volumes.lister().list().stream()
                        .filter(v -> v.getSpec().getClaimRef() != null
                                && claim.getMetadata().getName().equals(v.getSpec().getClaimRef().getName())
                                && claim.getMetadata().getNamespace().equals(v.getSpec().getClaimRef().getNamespace()))
                        .map(v -> ObjectKey.clusterScoped(v.getMetadata().getName())).toList())
                .reconciler(binder::syncVolume).workers(1).clock(clock).meterRegistry(meters).build();
        Controller provisionController = ControllerBuilder.named("hostpath-provisioner")
                .forKind(claims)
                .watches(classes, sc -> claims.lister().list().stream()
                        .filter(c -> sc.getMetadata().getName().equals(c.getSpec().getStorageClassName()))
                        .map(c -> ObjectKey.of(c.getMetadata().getNamespace(), c.getMetadata().getName())).toList())
                .reconciler(provisioner::sync).workers(1).clock(clock).meterRegistry(meters).build();
        return List.of(claimController, volumeController, provisionController);
    }
}
