package io.kubelite.objectstore.storage;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CompactionCheckpointsTest {

    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");
    private static final Duration RETENTION = Duration.ofMinutes(15);

    @Test
    void nothingIsOldEnoughBeforeTheRetentionHasPassedSinceTheFirstCheckpoint() {
        CompactionCheckpoints checkpoints = new CompactionCheckpoints();
        checkpoints.record(T0, 5000);
        checkpoints.record(T0.plusSeconds(60), 5600);

        assertThat(checkpoints.agedThrough(T0.plus(RETENTION).minusSeconds(1), RETENTION)).isZero();
    }

    @Test
    void theNewestCheckpointOlderThanTheRetentionDecides() {
        CompactionCheckpoints checkpoints = new CompactionCheckpoints();
        checkpoints.record(T0, 5000);
        checkpoints.record(T0.plusSeconds(60), 5600);
        checkpoints.record(T0.plusSeconds(120), 6200);

        // At 10:16 the checkpoints of 10:00 and 10:01 are 15 min old, the one of 10:02 is not.
        assertThat(checkpoints.agedThrough(T0.plus(RETENTION).plusSeconds(60), RETENTION)).isEqualTo(5600);
    }

    @Test
    void theAgedCheckpointIsKeptForTheNextRunUntilANewerOneAges() {
        CompactionCheckpoints checkpoints = new CompactionCheckpoints();
        checkpoints.record(T0, 5000);
        checkpoints.record(T0.plusSeconds(60), 5600);
        Instant run = T0.plus(RETENTION).plusSeconds(30);

        assertThat(checkpoints.agedThrough(run, RETENTION)).isEqualTo(5000);
        assertThat(checkpoints.agedThrough(run.plusSeconds(10), RETENTION)).isEqualTo(5000);
        assertThat(checkpoints.agedThrough(run.plusSeconds(30), RETENTION)).isEqualTo(5600);
    }

    @Test
    void withNoRetentionTheNewestCheckpointIsOldEnough() {
        CompactionCheckpoints checkpoints = new CompactionCheckpoints();
        checkpoints.record(T0, 5000);
        checkpoints.record(T0, 5600);

        assertThat(checkpoints.agedThrough(T0, Duration.ZERO)).isEqualTo(5600);
    }
}
