package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class QosClassTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("no resources anywhere", c(Map.of(), Map.of()), c(Map.of(), Map.of()), "BestEffort"),
                Arguments.of("limits on both, requests defaulted",
                        c(Map.of(), Map.of("cpu", "500m", "memory", "64Mi")),
                        c(Map.of(), Map.of("cpu", "1", "memory", "1Gi")), "Guaranteed"),
                Arguments.of("requests equal to limits in other units",
                        c(Map.of("cpu", "0.5", "memory", "64Mi"), Map.of("cpu", "500m", "memory", "67108864")),
                        c(Map.of(), Map.of("cpu", "1", "memory", "1Gi")), "Guaranteed"),
                Arguments.of("one container without limits", c(Map.of(), Map.of("cpu", "1", "memory", "1Gi")),
                        c(Map.of(), Map.of()), "Burstable"),
                Arguments.of("request below limit", c(Map.of("cpu", "100m"), Map.of("cpu", "1", "memory", "1Gi")),
                        c(Map.of(), Map.of("cpu", "1", "memory", "1Gi")), "Burstable"),
                Arguments.of("only a memory request", c(Map.of("memory", "10Mi"), Map.of()), c(Map.of(), Map.of()),
                        "Burstable"));
    }

    @ParameterizedTest(name = "{0} → {3}")
    @MethodSource("cases")
    void classifiesLikeKubernetes(String name, Container a, Container b, String expected) {
        assertThat(QosClass.of(ContainerSpecsTest.pod(a, b))).isEqualTo(expected);
    }

    private static Container c(Map<String, String> requests, Map<String, String> limits) {
        ContainerBuilder builder = new ContainerBuilder().withName("c" + requests.hashCode() + limits.hashCode()).withImage("i");
        var resources = builder.withNewResources();
        requests.forEach((k, v) -> resources.addToRequests(k, new Quantity(v)));
        limits.forEach((k, v) -> resources.addToLimits(k, new Quantity(v)));
        return resources.endResources().build();
    }
}
