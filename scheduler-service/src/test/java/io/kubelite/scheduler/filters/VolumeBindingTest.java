package io.kubelite.scheduler.filters;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaimBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.scheduler.framework.Fixtures;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class VolumeBindingTest {

    static final Map<String, PersistentVolumeClaim> CLAIMS = Map.of(
            "bound", claim("bound", "Bound"), "pending", claim("pending", "Pending"));

    static PersistentVolumeClaim claim(String name, String phase) {
        return new PersistentVolumeClaimBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata()
                .withNewStatus().withPhase(phase).endStatus().build();
    }

    static Pod mounting(String... claims) {
        return Fixtures.pod("db", "100m", "64Mi", b -> {
            var spec = b.editSpec();
            for (String c : claims) {
                spec.addNewVolume().withName("v-" + c).withNewPersistentVolumeClaim().withClaimName(c).endPersistentVolumeClaim()
                        .endVolume();
            }
            return spec.endSpec();
        });
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no claims", mounting(), null),
                Arguments.of("a bound claim", mounting("bound"), null),
                Arguments.of("an unbound claim", mounting("bound", "pending"),
                        "0/3 nodes are available: 3 pod has unbound immediate PersistentVolumeClaims."),
                Arguments.of("a missing claim", mounting("pending", "gone"), "persistentvolumeclaim \"gone\" not found"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void waitsForEveryClaimToBeBound(String what, Pod pod, String expected) {
        assertThat(VolumeBinding.unschedulable(pod, (ObjectKey k) -> Optional.ofNullable(CLAIMS.get(k.name())), 3).orElse(null))
                .isEqualTo(expected);
    }
}
