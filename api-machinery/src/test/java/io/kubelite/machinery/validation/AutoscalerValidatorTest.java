package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscalerBuilder;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class AutoscalerValidatorTest {

    private final ObjectValidator validator = new ObjectValidator();

    private static HorizontalPodAutoscalerBuilder v1(String kind, String name, Integer min, int max, Integer cpu) {
        return new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withNewScaleTargetRef().withApiVersion("apps/v1").withKind(kind).withName(name).endScaleTargetRef()
                .withMinReplicas(min).withMaxReplicas(max).withTargetCPUUtilizationPercentage(cpu).endSpec();
    }

    private static io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder v2(Integer utilization) {
        return new io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder()
                .withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withNewScaleTargetRef().withKind("Deployment").withName("web").endScaleTargetRef()
                .withMaxReplicas(5).addNewMetric().withType("Resource").withNewResource().withName("cpu")
                .withNewTarget().withType("Utilization").withAverageUtilization(utilization).endTarget().endResource().endMetric()
                .endSpec();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a valid v1 autoscaler passes", (Supplier<HasMetadata>) () -> v1("Deployment", "web", 1, 5, 80).build(), List.of()),
                Arguments.of("the scale target has a kind and a name", (Supplier<HasMetadata>) () -> v1(null, "", 1, 5, 80).build(),
                        List.of("spec.scaleTargetRef.kind: Required value", "spec.scaleTargetRef.name: Required value")),
                Arguments.of("the scale target name is a path segment", (Supplier<HasMetadata>) () -> v1("Deployment", "a/b", 1, 5, 80).build(),
                        List.of("spec.scaleTargetRef.name: Invalid value: \"a/b\": may not contain '/'")),
                Arguments.of("minReplicas is at least 1", (Supplier<HasMetadata>) () -> v1("Deployment", "web", 0, 5, 80).build(),
                        List.of("spec.minReplicas: Invalid value: 0: must be greater than or equal to 1")),
                Arguments.of("maxReplicas is at least minReplicas", (Supplier<HasMetadata>) () -> v1("Deployment", "web", 3, 2, 80).build(),
                        List.of("spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`")),
                Arguments.of("maxReplicas is positive", (Supplier<HasMetadata>) () -> v1("Deployment", "web", null, 0, 80).build(),
                        List.of("spec.maxReplicas: Invalid value: 0: must be greater than 0")),
                Arguments.of("a v1 CPU target is positive and reported on its v2 metric", (Supplier<HasMetadata>) () -> v1("Deployment", "web", 1, 5, 0).build(),
                        List.of("spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0")),
                Arguments.of("a valid v2 autoscaler passes", (Supplier<HasMetadata>) () -> v2(50).build(), List.of()),
                Arguments.of("a v2 utilization target is positive", (Supplier<HasMetadata>) () -> v2(0).build(),
                        List.of("spec.metrics[0].resource.target.averageUtilization: Invalid value: 0: must be greater than 0")),
                Arguments.of("a v2 metric type is known", (Supplier<HasMetadata>) () -> {
                    var hpa = v2(50).build();
                    hpa.getSpec().getMetrics().get(0).setType("Memory");
                    return hpa;
                }, List.of("spec.metrics[0].type: Unsupported value: \"Memory\": supported values: \"ContainerResource\", "
                        + "\"External\", \"Object\", \"Pods\", \"Resource\"",
                        "spec.metrics[0].resource: Forbidden: must populate the given metric source only")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesAutoscalers(String name, Supplier<HasMetadata> object, List<String> expected) {
        assertThat(Fixtures.messages(validator.validate(object.get(), true))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
