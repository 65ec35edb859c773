package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Map;
import java.util.stream.Stream;

import static io.kubelite.replication.testing.Pods.created;
import static io.kubelite.replication.testing.Pods.onNode;
import static io.kubelite.replication.testing.Pods.phase;
import static io.kubelite.replication.testing.Pods.restarts;
import static io.kubelite.replication.testing.Pods.running;
import static org.assertj.core.api.Assertions.assertThat;

class DeletionOrderTest {

    private static Pod base(String name) {
        return io.kubelite.replication.testing.Pods.pod(name, Map.of("app", "web")).build();
    }

    private static Pod readyOnNode(String name, String readySince) {
        return running(onNode(base(name), "node-1"), true, readySince);
    }

    static Stream<Arguments> pairs() {
        return Stream.of(
                Arguments.of("unscheduled goes before scheduled",
                        base("unscheduled"), onNode(base("scheduled"), "node-1")),
                Arguments.of("pending goes before unknown",
                        onNode(base("pending"), "n"), phase(onNode(base("unknown"), "n"), "Unknown")),
                Arguments.of("unknown goes before running",
                        phase(onNode(base("unknown"), "n"), "Unknown"), running(onNode(base("running"), "n"), false, null)),
                Arguments.of("not ready goes before ready",
                        running(onNode(base("not-ready"), "n"), false, null), readyOnNode("ready", "2026-01-01T10:00:00Z")),
                Arguments.of("ready for less time goes before ready for longer",
                        readyOnNode("ready-recently", "2026-01-01T10:05:00Z"), readyOnNode("ready-long", "2026-01-01T10:00:00Z")),
                Arguments.of("unknown ready time goes before a known one",
                        readyOnNode("ready-unknown-time", null), readyOnNode("ready-known", "2026-01-01T10:00:00Z")),
                Arguments.of("more restarts goes before fewer",
                        restarts(readyOnNode("restarted-3", "2026-01-01T10:00:00Z"), 3),
                        restarts(readyOnNode("restarted-1", "2026-01-01T10:00:00Z"), 1)),
                Arguments.of("newer goes before older",
                        created(readyOnNode("newer", "2026-01-01T10:00:00Z"), "2026-01-01T09:30:00Z"),
                        created(readyOnNode("older", "2026-01-01T10:00:00Z"), "2026-01-01T09:00:00Z")),
                Arguments.of("phase outranks readiness: a pending pod goes before a ready running one",
                        onNode(base("pending"), "n"), readyOnNode("ready", "2026-01-01T10:00:00Z")),
                Arguments.of("scheduling outranks phase: an unscheduled running pod goes before a scheduled pending one",
                        running(base("unscheduled-running"), true, "2026-01-01T10:00:00Z"), onNode(base("scheduled-pending"), "n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pairs")
    void deletesTheLessUsefulPodFirst(String rule, Pod first, Pod second) {
        assertThat(DeletionOrder.INSTANCE.compare(first, second)).isNegative();
        assertThat(DeletionOrder.INSTANCE.compare(second, first)).isPositive();
        assertThat(DeletionOrder.firstToDelete(java.util.List.of(second, first), 1)).containsExactly(first);
    }
}
