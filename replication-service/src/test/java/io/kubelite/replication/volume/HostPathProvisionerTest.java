package io.kubelite.replication.volume;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.storage.StorageClass;
import io.fabric8.kubernetes.api.model.storage.StorageClassBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.informer.MapLister;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class HostPathProvisionerTest {

    static final ObjectKey CLAIM = ObjectKey.of("shop", "data");

    @TempDir
    Path dir;
    final MapLister<PersistentVolumeClaim> claims = new MapLister<>();
    final MapLister<PersistentVolume> volumes = new MapLister<>();
    final MapLister<StorageClass> classes = new MapLister<>();
    final List<PersistentVolume> created = new ArrayList<>();
    final RecordingEventRecorder events = new RecordingEventRecorder();

    HostPathProvisioner provisioner() {
        return new HostPathProvisioner(claims, volumes, classes, created::add, events, dir);
    }

    static StorageClass standard(String provisioner, String reclaim) {
        return new StorageClassBuilder().withNewMetadata().withName("standard").endMetadata().withProvisioner(provisioner)
                .withReclaimPolicy(reclaim).withVolumeBindingMode("Immediate").build();
    }

    @Test
    void aClaimOfItsClassGetsAVolumeOfItsOwnReservedForIt() {
        classes.put(standard("kubelite.io/hostpath", "Delete"));
        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce", "standard", null, null));

        provisioner().sync(CLAIM);

        assertThat(created).singleElement().satisfies(pv -> {
            assertThat(pv.getMetadata().getName()).isEqualTo("pvc-uid-data");
            assertThat(pv.getMetadata().getAnnotations()).containsEntry("pv.kubernetes.io/provisioned-by", "kubelite.io/hostpath");
            assertThat(pv.getSpec().getCapacity().get("storage").toString()).isEqualTo("1Gi");
            assertThat(pv.getSpec().getAccessModes()).containsExactly("ReadWriteOnce");
            assertThat(pv.getSpec().getHostPath().getPath()).isEqualTo(dir.resolve("shop-data-pvc-uid-data").toString());
            assertThat(pv.getSpec().getHostPath().getType()).isEqualTo("DirectoryOrCreate");
            assertThat(pv.getSpec().getClaimRef().getName() + "/" + pv.getSpec().getClaimRef().getUid()).isEqualTo("data/uid-data");
            assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
            assertThat(pv.getSpec().getStorageClassName()).isEqualTo("standard");
        });
        assertThat(events.reasons()).containsExactly("Provisioning", "ProvisioningSucceeded");
    }

    @Test
    void nothingIsMadeForAnotherProvisionerAClassLessClaimOrAClaimThatHasAVolume() {
        classes.put(standard("example.com/nfs", "Delete"));
        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce", "standard", null, null));
        provisioner().sync(CLAIM);

        classes.put(standard("kubelite.io/hostpath", "Delete"));
        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce", "", null, null));
        provisioner().sync(CLAIM);

        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce", "standard", null, null));
        volumes.put(new PersistentVolumeBuilder(VolumeMatchTest.pv("pre-made", "2Gi", "ReadWriteOnce")).editSpec()
                .withStorageClassName("standard").endSpec().build());
        provisioner().sync(CLAIM);

        assertThat(created).isEmpty();
    }

    @Test
    void aClaimWithASelectorIsRefusedWithTheReason() {
        classes.put(standard("kubelite.io/hostpath", "Delete"));
        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce", "standard", null, Map.of("disk", "ssd")));

        provisioner().sync(CLAIM);

        assertThat(created).isEmpty();
        assertThat(events.events()).extracting(e -> e.reason() + ": " + e.message()).containsExactly(
                "ProvisioningFailed: failed to provision volume with StorageClass \"standard\": claim Selector is not supported");
    }

    @Test
    void theDirectoryOfADeletedVolumeGoesOnlyWhenItMadeIt() throws Exception {
        Path data = Files.createDirectories(dir.resolve("shop-data-pvc-1"));
        Files.writeString(data.resolve("note"), "x");
        Path outside = Files.createTempDirectory("not-ours");
        PersistentVolume made = new PersistentVolumeBuilder().withNewMetadata().withName("pvc-1")
                .addToAnnotations("pv.kubernetes.io/provisioned-by", "kubelite.io/hostpath").endMetadata()
                .withNewSpec().withNewHostPath().withPath(data.toString()).endHostPath().endSpec().build();
        PersistentVolume foreign = new PersistentVolumeBuilder(made).editSpec().editHostPath().withPath(outside.toString())
                .endHostPath().endSpec().build();

        provisioner().deleteStorage(made);
        provisioner().deleteStorage(foreign);

        assertThat(data).doesNotExist();
        assertThat(outside).exists();
        Files.delete(outside);
    }
}
