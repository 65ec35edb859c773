package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class PodRequestsTest {

    static Stream<Arguments> pods() {
        return Stream.of(
                Arguments.of("one container asking 250m and 64Mi", Fixtures.pod("a", "250m", "64Mi"),
                        new Resources(250, 64L << 20, 1), new Resources(250, 64L << 20, 1)),
                Arguments.of("fractional cpu 1.5 is 1500 millicores", Fixtures.pod("a", "1.5", "1Gi"),
                        new Resources(1500, 1L << 30, 1), new Resources(1500, 1L << 30, 1)),
                Arguments.of("no requests ask nothing but score as 100m and 200Mi", Fixtures.pod("a", null, null),
                        new Resources(0, 0, 1), new Resources(100, 200L << 20, 1)),
                Arguments.of("app containers add up", withContainers(c("a", "100m", "10Mi"), c("b", "200m", "20Mi")),
                        new Resources(300, 30L << 20, 1), new Resources(300, 30L << 20, 1)),
                Arguments.of("a larger init container raises the request",
                        new PodBuilder(withContainers(c("a", "100m", "10Mi"), c("b", "200m", "20Mi")))
                                .editSpec().withInitContainers(c("init", "500m", "5Mi")).endSpec().build(),
                        new Resources(500, 30L << 20, 1), new Resources(500, 30L << 20, 1)),
                Arguments.of("overhead is added", new PodBuilder(Fixtures.pod("a", "100m", "10Mi")).editSpec()
                                .withOverhead(Map.of("cpu", new Quantity("50m"), "memory", new Quantity("1Mi"))).endSpec().build(),
                        new Resources(150, 11L << 20, 1), new Resources(150, 11L << 20, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pods")
    void computesRequestsAsKubernetesDoes(String name, Pod pod, Resources requests, Resources scoring) {
        assertThat(PodRequests.of(pod)).isEqualTo(requests);
        assertThat(PodRequests.nonZero(pod)).isEqualTo(scoring);
    }

    private static io.fabric8.kubernetes.api.model.Container c(String name, String cpu, String memory) {
        return new ContainerBuilder().withName(name).withNewResources()
                .withRequests(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory))).endResources().build();
    }

    private static Pod withContainers(io.fabric8.kubernetes.api.model.Container... containers) {
        return new PodBuilder(Fixtures.pod("a", null, null)).editSpec().withContainers(containers).endSpec().build();
    }
}
