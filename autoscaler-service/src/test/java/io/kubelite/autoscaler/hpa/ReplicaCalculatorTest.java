package io.kubelite.autoscaler.hpa;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelite.autoscaler.hpa.ReplicaCalculator.PodSample;
import io.kubelite.autoscaler.hpa.ReplicaCalculator.Recommendation;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ReplicaCalculatorTest {

    static PodSample ready(String name, long usage) {
        return new PodSample(name, true, 100, usage);
    }

    static PodSample unready(String name, long usage) {
        return new PodSample(name, false, 100, usage);
    }

    static PodSample noMetrics(String name) {
        return new PodSample(name, true, 100, null);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("200 % of requests against 50 % → four times the ready pods", 3,
                        List.of(ready("a", 180), ready("b", 200), ready("c", 220)), 50, new Recommendation(12, 200, 200)),
                Arguments.of("within the tolerance the count stays", 3,
                        List.of(ready("a", 50), ready("b", 52), ready("c", 54)), 50, new Recommendation(3, 52, 52)),
                Arguments.of("low usage scales down", 4,
                        List.of(ready("a", 10), ready("b", 10), ready("c", 10), ready("d", 10)), 50, new Recommendation(1, 10, 10)),
                Arguments.of("scaling up, an unready pod counts as idle", 2,
                        List.of(ready("a", 200), unready("b", 200)), 50, new Recommendation(4, 200, 200)),
                Arguments.of("scaling down, a pod without metrics counts as fully used", 2,
                        List.of(ready("a", 10), noMetrics("b")), 50, new Recommendation(2, 10, 10)),
                Arguments.of("scaling up, a pod without metrics counts as idle", 2,
                        List.of(ready("a", 300), noMetrics("b")), 50, new Recommendation(6, 300, 300)),
                Arguments.of("when the missing pods turn the direction round, the count stays", 3,
                        List.of(ready("a", 60), noMetrics("b"), noMetrics("c")), 50, new Recommendation(3, 60, 60)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void recommendsWhatKubernetesWould(String what, int current, List<PodSample> pods, int target, Recommendation expected) {
        assertThat(ReplicaCalculator.utilization(current, pods, target, 0.1)).isEqualTo(expected);
    }

    @Test
    void withoutAnyMetricsThereIsNoRecommendation() {
        assertThatThrownBy(() -> ReplicaCalculator.utilization(2, List.of(noMetrics("a"), noMetrics("b")), 50, 0.1))
                .hasMessage("did not receive metrics for targeted pods (pods might be unready)");
    }
}
