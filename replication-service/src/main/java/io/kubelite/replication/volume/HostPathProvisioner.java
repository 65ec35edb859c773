package io.kubelite.replication.volume;

import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The provisioner of StorageClasses with {@code provisioner: kubelite.io/hostpath} (the default
 * class {@code standard}), as local Kubernetes distributions have one: a claim of such a class
 * that nothing is bound to gets a volume of its own, {@code pvc-<claim uid>}, a directory under
 * the volume directory ({@code <dir>/<namespace>-<claim>-pvc-<uid>}, made when a pod first mounts
 * it), already reserved for the claim, with the claim's size and access modes and the class's
 * reclaim policy. When such a volume is deleted with its claim (policy Delete), its directory
 * goes too. Every node agent of a local cluster shares the machine, so the volume is there
 * whichever node runs the pod.
 */
public final class HostPathProvisioner {

    public static final String NAME = "kubelite.io/hostpath";
    static final String PROVISIONED_BY = "pv.kubernetes.io/provisioned-by";

    private static final Logger LOG = LoggerFactory.getLogger(HostPathProvisioner.class);

    /** Creates the provisioned volume; one of that name already there is no error. */
    public interface Volumes {
        void create(PersistentVolume volume);
    }

    private final Lister<PersistentVolumeClaim> claims;
    private final Lister<PersistentVolume> volumes;
    private final Lister<StorageClass> classes;
    private final Volumes api;
    private final EventRecorder events;
    private final Path directory;

    public HostPathProvisioner(Lister<PersistentVolumeClaim> claims, Lister<PersistentVolume> volumes,
            Lister<StorageClass> classes, Volumes api, EventRecorder events, Path directory) {
        this.claims = claims;
        this.volumes = volumes;
        this.classes = classes;
        this.api = api;
        this.events = events;
        this.directory = directory.toAbsolutePath().normalize();
    }

    /** The class a claim names, when this provisioner serves it. */
    Optional<StorageClass> classOf(PersistentVolumeClaim claim) {
        String name = claim.getSpec() == null ? null : claim.getSpec().getStorageClassName();
        if (name == null || name.isEmpty()) {
            return Optional.empty();
        }
        return classes.get(ObjectKey.clusterScoped(name)).filter(c -> NAME.equals(c.getProvisioner()));
    }

    public Result sync(ObjectKey key) {
        Optional<PersistentVolumeClaim> found = claims.get(key);
        if (found.isEmpty() || found.get().getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        PersistentVolumeClaim claim = found.get();
        String bound = claim.getSpec().getVolumeName();
        Optional<StorageClass> storageClass = classOf(claim);
        if ((bound != null && !bound.isEmpty()) || storageClass.isEmpty()) {
            return Result.done();
        }
        String name = "pvc-" + claim.getMetadata().getUid();
        if (volumes.get(ObjectKey.clusterScoped(name)).isPresent() || VolumeMatch.best(claim, volumes.list()).isPresent()) {
            // made already, or a volume of the class (or one reserved for the claim) is there to bind
            return Result.done();
        }
        if (claim.getSpec().getSelector() != null) {
            events.warning(claim, "ProvisioningFailed", "failed to provision volume with StorageClass \""
                    + storageClass.get().getMetadata().getName() + "\": claim Selector is not supported");
            return Result.done();
        }
        Map<String, Quantity> requests = claim.getSpec().getResources() == null ? null : claim.getSpec().getResources().getRequests();
        Quantity size = requests == null ? null : requests.get("storage");
        if (size == null) {
            events.warning(claim, "ProvisioningFailed", "failed to provision volume with StorageClass \""
                    + storageClass.get().getMetadata().getName() + "\": claim requests no storage");
            return Result.done();
        }
        events.normal(claim, "Provisioning", "External provisioner is provisioning volume for claim \"" + key + "\"");
        api.create(volume(claim, storageClass.get(), name, size));
        events.normal(claim, "ProvisioningSucceeded", "Successfully provisioned volume " + name);
        LOG.atInfo().addKeyValue("claim", key).addKeyValue("volume", name).log("Provisioned");
        return Result.done();
    }

    private PersistentVolume volume(PersistentVolumeClaim claim, StorageClass storageClass, String name, Quantity size) {
        String path = directory.resolve(claim.getMetadata().getNamespace() + "-" + claim.getMetadata().getName() + "-" + name)
                .toString();
        return new PersistentVolumeBuilder().withNewMetadata().withName(name).addToAnnotations(PROVISIONED_BY, NAME)
                .endMetadata()
                .withNewSpec().addToCapacity("storage", size).withAccessModes(claim.getSpec().getAccessModes())
                .withNewHostPath().withPath(path).withType("DirectoryOrCreate").endHostPath()
                .withClaimRef(new ObjectReferenceBuilder().withKind("PersistentVolumeClaim").withApiVersion("v1")
                        .withNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                        .withUid(claim.getMetadata().getUid()).build())
                .withPersistentVolumeReclaimPolicy(storageClass.getReclaimPolicy() == null ? "Delete" : storageClass.getReclaimPolicy())
                .withStorageClassName(storageClass.getMetadata().getName())
                .withVolumeMode(claim.getSpec().getVolumeMode() == null ? "Filesystem" : claim.getSpec().getVolumeMode())
                .withMountOptions(storageClass.getMountOptions())
                .endSpec().build();
    }

    /** Removes the directory of a volume this provisioner made, when it lies under its volume directory. */
    void deleteStorage(PersistentVolume pv) {
        if (pv.getMetadata().getAnnotations() == null || !NAME.equals(pv.getMetadata().getAnnotations().get(PROVISIONED_BY))
                || pv.getSpec().getHostPath() == null) {
            return;
        }
        Path path = Path.of(pv.getSpec().getHostPath().getPath()).toAbsolutePath().normalize();
        if (!path.startsWith(directory) || path.equals(directory) || !Files.isDirectory(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
            LOG.atInfo().addKeyValue("volume", pv.getMetadata().getName()).addKeyValue("path", path).log("Storage removed");
        } catch (IOException e) {
            LOG.atWarn().addKeyValue("volume", pv.getMetadata().getName()).addKeyValue("path", path)
                    .log("Could not remove the volume's directory: " + e.getMessage());
        }
    }
}
