package io.kubelite.scheduler.placement;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class FitErrorTest {

    static Stream<Arguments> messages() {
        return Stream.of(
                Arguments.of("the issue's example", 3, Map.of("node(s) were unschedulable", 1, "Insufficient memory", 2),
                        "0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory."),
                Arguments.of("one reason", 1, Map.of("Insufficient cpu", 1), "0/1 nodes are available: 1 Insufficient cpu."),
                Arguments.of("entries sort as strings, count first", 12, Map.of("Too many pods", 2, "Insufficient cpu", 10),
                        "0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods."),
                Arguments.of("a node short of two resources counts in both", 2, Map.of("Insufficient cpu", 2, "Insufficient memory", 1),
                        "0/2 nodes are available: 1 Insufficient memory, 2 Insufficient cpu."),
                Arguments.of("no nodes at all", 0, Map.of(), "no nodes available to schedule pods"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("messages")
    void formatsTheMessageLikeKubeScheduler(String name, int nodes, Map<String, Integer> reasons, String expected) {
        assertThat(new FitError(nodes, reasons).message()).isEqualTo(expected);
    }
}
