package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class StoragePrintersTest {

    @Test
    void printsABoundPersistentVolume() {
        JsonNode pv = json("""
                {"apiVersion":"v1","kind":"PersistentVolume",
                 "metadata":{"name":"pv-data","creationTimestamp":"%s"},
                 "spec":{"capacity":{"storage":"10Gi"},"accessModes":["ReadWriteMany","ReadWriteOnce"],
                   "persistentVolumeReclaimPolicy":"Retain","storageClassName":"standard","volumeMode":"Filesystem",
                   "claimRef":{"kind":"PersistentVolumeClaim","namespace":"default","name":"data"},
                   "hostPath":{"path":"/mnt/data"}},
                 "status":{"phase":"Bound"}}
                """.formatted(ago(86400)));

        TablePrinter printer = StoragePrinters.persistentVolumes();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Capacity", "Access Modes",
                "Reclaim Policy", "Status", "Claim", "StorageClass", "VolumeAttributesClass", "Reason", "Age",
                "VolumeMode");
        assertThat(printer.cells(pv, NOW)).containsExactly("pv-data", "10Gi", "RWO,RWX", "Retain", "Bound",
                "default/data", "standard", "<unset>", "", "24h", "Filesystem");
    }

    @Test
    void printsARelasedVolumeBeingDeletedWithTheBetaClassAnnotation() {
        JsonNode pv = json("""
                {"metadata":{"name":"old","creationTimestamp":"%s","deletionTimestamp":"%s",
                   "annotations":{"volume.beta.kubernetes.io/storage-class":"slow"}},
                 "spec":{"capacity":{"storage":"1Gi"},"accessModes":["ReadWriteOncePod"],
                   "persistentVolumeReclaimPolicy":"Delete","storageClassName":"fast"},
                 "status":{"phase":"Failed","reason":"VolumeFailedDelete"}}
                """.formatted(ago(60), ago(1)));

        assertThat(StoragePrinters.persistentVolumes().cells(pv, NOW)).containsExactly("old", "1Gi", "RWOP",
                "Delete", "Terminating", "", "slow", "<unset>", "VolumeFailedDelete", "60s", "<unset>");
    }

    @Test
    void printsABoundClaimWithItsActualCapacity() {
        JsonNode pvc = json("""
                {"apiVersion":"v1","kind":"PersistentVolumeClaim",
                 "metadata":{"name":"data","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}},
                   "storageClassName":"standard","volumeName":"pv-data","volumeMode":"Filesystem"},
                 "status":{"phase":"Bound","accessModes":["ReadWriteOnce","ReadWriteMany"],"capacity":{"storage":"10Gi"}}}
                """.formatted(ago(300)));

        TablePrinter printer = StoragePrinters.persistentVolumeClaims();

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Status", "Volume",
                "Capacity", "Access Modes", "StorageClass", "VolumeAttributesClass", "Age", "VolumeMode");
        assertThat(printer.cells(pvc, NOW)).containsExactly("data", "Bound", "pv-data", "10Gi", "RWO,RWX",
                "standard", "<unset>", "5m", "Filesystem");
    }

    @Test
    void printsAPendingClaimWithoutCapacityOrAccessModes() {
        JsonNode pvc = json("""
                {"metadata":{"name":"wait","creationTimestamp":"%s"},
                 "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"5Gi"}}},
                 "status":{"phase":"Pending"}}
                """.formatted(ago(30)));

        assertThat(StoragePrinters.persistentVolumeClaims().cells(pvc, NOW))
                .containsExactly("wait", "Pending", "", "", "", "", "<unset>", "30s", "<unset>");
    }
}
