package io.kubelite.controller.events;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class DropTallyTest {

    private static final Instant T0 = Instant.parse("2026-11-26T07:00:00Z");

    @Test
    void theFirstDropIsReportedAtOnceAndLaterOnesAtMostOncePerIntervalWithTheirCount() {
        DropTally tally = new DropTally(Duration.ofSeconds(10));

        assertThat(tally.dropped(T0)).isEqualTo(1);
        assertThat(tally.dropped(T0.plusSeconds(1))).isZero();
        assertThat(tally.dropped(T0.plusSeconds(2))).isZero();
        assertThat(tally.dropped(T0.plusMillis(9_999))).isZero();
        assertThat(tally.dropped(T0.plusSeconds(12))).as("the three held back and this one").isEqualTo(4);
        assertThat(tally.dropped(T0.plusSeconds(13))).isZero();
        assertThat(tally.dropped(T0.plusSeconds(22))).as("due exactly one interval after the last report").isEqualTo(2);
    }

    @Test
    void aDropAfterAQuietSpellIsReportedAtOnce() {
        DropTally tally = new DropTally(Duration.ofSeconds(10));

        assertThat(tally.dropped(T0)).isEqualTo(1);
        assertThat(tally.dropped(T0.plusSeconds(3600))).isEqualTo(1);
    }
}
