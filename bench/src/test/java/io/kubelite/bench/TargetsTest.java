package io.kubelite.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TargetsTest {

    /** A phase of 10 s that completed {@code ok} requests with the given p99. */
    private static PhaseResult phase(double target, long ok, long errors, double p99Millis) {
        long p99 = (long) (p99Millis * 1e6);
        return new PhaseResult("p", target, 8, ok, errors, 10_000_000_000L,
                new LatencySummary((int) ok, p99 / 2, p99, p99 * 2), List.of());
    }

    @Test
    void p99IsJudgedOnTheFiveHundredPerSecondPhase() {
        Targets.Verdict v = Targets.p99(List.of(phase(100, 1000, 0, 90), phase(500, 5000, 0, 24)));
        assertThat(v.met()).isTrue();
        assertThat(v.text()).startsWith("p99 24.0 ms at 500/s");
    }

    @Test
    void aLowP99DoesNotMeetTheTargetWhenTheRateWasNotKept() {
        Targets.Verdict v = Targets.p99(List.of(phase(500, 4000, 0, 10)));
        assertThat(v.met()).isFalse();
        assertThat(v.text()).contains("only 400/s achieved");
    }

    @Test
    void p99IsNotMeasuredWithoutAFiveHundredPerSecondPhase() {
        assertThat(Targets.p99(List.of(phase(250, 2500, 0, 5)))).isNull();
    }

    @Test
    void sustainedNeedsHalfTheRawSingleConnectionRate() {
        PhaseResult raw = phase(0, 12_000, 0, 2);
        assertThat(Targets.sustained(phase(0, 7_000, 0, 20), raw).met()).isTrue();
        Targets.Verdict missed = Targets.sustained(phase(0, 5_000, 0, 20), raw);
        assertThat(missed.met()).isFalse();
        assertThat(missed.text()).isEqualTo("500 writes/s = 0.42 of raw 1200 rows/s (target ≥ 0.50, i.e. ≥ 600 writes/s)");
    }
}
