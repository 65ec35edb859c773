package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import org.junit.jupiter.api.Test;

class StorageDefaultsTest {

    @Test
    void aNewVolumeIsPendingFilesystemAndRetainedAndANewClaimPending() {
        PersistentVolume pv = new PersistentVolumeBuilder().withNewMetadata().withName("pv").endMetadata().withNewSpec()
                .withNewHostPath().withPath("/data").endHostPath().endSpec().build();
        Defaults.apply(pv);
        assertThat(pv.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Retain");
        assertThat(pv.getSpec().getVolumeMode()).isEqualTo("Filesystem");

        PersistentVolumeClaim pvc = new PersistentVolumeClaimBuilder().withNewMetadata().withName("c").endMetadata()
                .withNewSpec().endSpec().build();
        Defaults.apply(pvc);
        assertThat(pvc.getStatus().getPhase()).isEqualTo("Pending");
        assertThat(pvc.getSpec().getVolumeMode()).isEqualTo("Filesystem");
    }

    @Test
    void whatIsSetStays() {
        PersistentVolume pv = new PersistentVolumeBuilder().withNewMetadata().withName("pv").endMetadata().withNewSpec()
                .withPersistentVolumeReclaimPolicy("Delete").withVolumeMode("Block").endSpec()
                .withNewStatus().withPhase("Bound").endStatus().build();
        Defaults.apply(pv);
        assertThat(pv.getSpec().getPersistentVolumeReclaimPolicy()).isEqualTo("Delete");
        assertThat(pv.getSpec().getVolumeMode()).isEqualTo("Block");
        assertThat(pv.getStatus().getPhase()).isEqualTo("Bound");
    }
}
