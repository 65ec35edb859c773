package io.kubelite.replication.volume;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeMatchTest {

    static PersistentVolume pv(String name, String size, String mode, String storageClass, Map<String, String> labels,
            String claimedBy) {
        var b = new PersistentVolumeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata().withNewSpec()
                .withCapacity(Map.of("storage", new Quantity(size))).withAccessModes(mode).withStorageClassName(storageClass);
        if (claimedBy != null) {
            b.withNewClaimRef().withNamespace("shop").withName(claimedBy).endClaimRef();
        }
        return b.endSpec().withNewStatus().withPhase(claimedBy == null ? "Available" : "Bound").endStatus().build();
    }

    static PersistentVolume pv(String name, String size, String mode) {
        return pv(name, size, mode, null, Map.of(), null);
    }

    static PersistentVolumeClaim claim(String size, String mode, String storageClass, String volumeName, Map<String, String> selector) {
        var b = new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("shop").withName("data").withUid("uid-data")
                .endMetadata().withNewSpec().withAccessModes(mode).withStorageClassName(storageClass).withVolumeName(volumeName)
                .withNewResources().withRequests(Map.of("storage", new Quantity(size))).endResources();
        if (selector != null) {
            b.withNewSelector().withMatchLabels(selector).endSelector();
        }
        return b.endSpec().build();
    }

    static PersistentVolumeClaim claim(String size, String mode) {
        return claim(size, mode, null, null, null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the smallest volume that fits and has the access mode",
                        claim("1Gi", "ReadWriteOnce"),
                        List.of(pv("big", "5Gi", "ReadWriteOnce"), pv("fits", "2Gi", "ReadWriteOnce"), pv("ro", "1Gi", "ReadOnlyMany")),
                        "fits"),
                Arguments.of("nothing big enough", claim("10Gi", "ReadWriteOnce"), List.of(pv("small", "5Gi", "ReadWriteOnce")), null),
                Arguments.of("a volume bound to another claim is not free",
                        claim("1Gi", "ReadWriteOnce"), List.of(pv("taken", "1Gi", "ReadWriteOnce", null, Map.of(), "other")), null),
                Arguments.of("a volume reserved for this claim wins",
                        claim("1Gi", "ReadWriteOnce"), List.of(pv("free", "1Gi", "ReadWriteOnce"),
                                pv("mine", "9Gi", "ReadWriteOnce", null, Map.of(), "data")), "mine"),
                Arguments.of("the storage class must be the same",
                        claim("1Gi", "ReadWriteOnce", "fast", null, null), List.of(pv("plain", "1Gi", "ReadWriteOnce"),
                                pv("fast-1", "1Gi", "ReadWriteOnce", "fast", Map.of(), null)), "fast-1"),
                Arguments.of("the claim's selector",
                        claim("1Gi", "ReadWriteOnce", null, null, Map.of("tier", "db")), List.of(pv("web", "1Gi", "ReadWriteOnce"),
                                pv("db", "3Gi", "ReadWriteOnce", null, Map.of("tier", "db"), null)), "db"),
                Arguments.of("a claim that names its volume gets that one",
                        claim("1Gi", "ReadWriteOnce", null, "named", null), List.of(pv("other", "1Gi", "ReadWriteOnce"),
                                pv("named", "8Gi", "ReadWriteOnce")), "named"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void picksTheVolumeKubernetesWould(String what, PersistentVolumeClaim claim, List<PersistentVolume> volumes, String expected) {
        assertThat(VolumeMatch.best(claim, volumes).map(v -> v.getMetadata().getName()).orElse(null)).isEqualTo(expected);
    }
}
