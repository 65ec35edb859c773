package io.kubelite.replication.deployment;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RecreateTest {

    static ReplicaSetState rs(String name, int spec, int pods) {
        return new ReplicaSetState(name, spec, pods, pods, pods, Instant.EPOCH);
    }

    @Test
    void scalesEveryOldReplicaSetToZeroFirst() {
        assertThat(Recreate.step(3, rs("new", 0, 0), List.of(rs("old", 3, 3)))).isEqualTo(Map.of("old", 0));
    }

    @Test
    void waitsUntilNoOldPodIsLeftBeforeScalingUpTheNewOne() {
        assertThat(Recreate.step(3, rs("new", 0, 0), List.of(rs("old", 0, 2)))).isEmpty();
        assertThat(Recreate.step(3, rs("new", 0, 0), List.of(rs("old", 0, 0)))).isEqualTo(Map.of("new", 3));
    }
}
