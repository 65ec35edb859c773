package io.kubelite.replication.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.RecordingEventRecorder;
import io.kubelite.controller.informer.MapLister;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class VolumeBinderTest {

    final MapLister<PersistentVolumeClaim> claims = new MapLister<>();
    final MapLister<PersistentVolume> volumes = new MapLister<>();
    final List<String> writes = new ArrayList<>();
    final RecordingEventRecorder events = new RecordingEventRecorder();
    final MapLister<io.fabric8.kubernetes.api.model.storage.StorageClass> classes = new MapLister<>();
    final VolumeBinder binder = new VolumeBinder(claims, volumes, new VolumeApi() {
        @Override
        public void reserve(PersistentVolume volume, PersistentVolumeClaim claim) {
            writes.add("reserve " + volume.getMetadata().getName() + " for " + claim.getMetadata().getName());
        }

        @Override
        public void bind(PersistentVolumeClaim claim, PersistentVolume volume) {
            writes.add("bind " + claim.getMetadata().getName() + " to " + volume.getMetadata().getName());
        }

        @Override
        public void volumePhase(PersistentVolume volume, String phase) {
            writes.add(volume.getMetadata().getName() + " " + phase);
        }

        @Override
        public void delete(PersistentVolume volume) {
            writes.add("delete " + volume.getMetadata().getName());
        }
    }, events, new HostPathProvisioner(claims, volumes, classes, pv -> writes.add("provision " + pv.getMetadata().getName()),
            events, java.nio.file.Path.of("/var/lib/kubelite/volumes")));

    static final ObjectKey CLAIM = ObjectKey.of("shop", "data");

    @Test
    void bindsAPendingClaimVolumeFirstAndSaysWhyWhenNoVolumeFits() {
        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce"));
        binder.syncClaim(CLAIM);
        assertThat(writes).isEmpty();
        assertThat(events.events()).extracting(e -> e.reason() + ": " + e.message())
                .containsExactly("FailedBinding: no persistent volumes available for this claim and no storage class is set");

        volumes.put(VolumeMatchTest.pv("pv-1", "2Gi", "ReadWriteOnce"));
        binder.syncClaim(CLAIM);
        assertThat(writes).containsExactly("reserve pv-1 for data", "bind data to pv-1");
    }

    @Test
    void aVolumeWhoseClaimIsGoneIsReleasedOrDeletedByItsPolicy() {
        volumes.put(VolumeMatchTest.pv("kept", "1Gi", "ReadWriteOnce", null, java.util.Map.of(), "data"));
        PersistentVolume deleted = new PersistentVolumeBuilder(VolumeMatchTest.pv("scratch", "1Gi", "ReadWriteOnce", null,
                java.util.Map.of(), "data")).editSpec().withPersistentVolumeReclaimPolicy("Delete").endSpec().build();
        volumes.put(deleted);
        volumes.put(VolumeMatchTest.pv("free", "1Gi", "ReadWriteOnce"));
        binder.syncVolume(ObjectKey.clusterScoped("kept"));
        binder.syncVolume(ObjectKey.clusterScoped("scratch"));
        binder.syncVolume(ObjectKey.clusterScoped("free"));
        assertThat(writes).containsExactly("kept Released", "delete scratch");
    }

    @Test
    void aVolumeWhoseClaimStillExistsStaysBound() {
        claims.put(VolumeMatchTest.claim("1Gi", "ReadWriteOnce"));
        volumes.put(VolumeMatchTest.pv("pv-1", "1Gi", "ReadWriteOnce", null, java.util.Map.of(), "data"));
        binder.syncVolume(ObjectKey.clusterScoped("pv-1"));
        assertThat(writes).isEmpty();
    }
}
