package io.kubelite.autoscaler.hpa;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.autoscaler.hpa.ReplicaBounds.Decision;
import io.kubelite.autoscaler.hpa.ReplicaBounds.Limit;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReplicaBoundsTest {

    static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    static final Duration WINDOW = Duration.ofMinutes(5);

    @Test
    void aScaleUpIsAtMostDoubleOrFourMorePerStepAndNeverAboveTheMaximum() {
        assertThat(new ReplicaBounds().decide(2, 8, 1, 10, WINDOW, T0)).isEqualTo(new Decision(6, Limit.SCALE_UP_LIMIT));
        assertThat(new ReplicaBounds().decide(6, 40, 1, 10, WINDOW, T0)).isEqualTo(new Decision(10, Limit.TOO_MANY));
        assertThat(new ReplicaBounds().decide(1, 3, 1, 10, WINDOW, T0)).isEqualTo(new Decision(3, Limit.NONE));
    }

    @Test
    void aScaleDownTakesTheHighestRecommendationOfTheWindow() {
        ReplicaBounds bounds = new ReplicaBounds();
        bounds.decide(6, 6, 1, 10, WINDOW, T0);
        bounds.decide(6, 5, 1, 10, WINDOW, T0.plusSeconds(60));
        assertThat(bounds.decide(6, 1, 1, 10, WINDOW, T0.plusSeconds(180))).isEqualTo(new Decision(6, Limit.NONE));
        assertThat(bounds.decide(6, 1, 1, 10, WINDOW, T0.plusSeconds(330))).as("the 6 left the window")
                .isEqualTo(new Decision(5, Limit.NONE));
        assertThat(bounds.decide(5, 1, 1, 10, WINDOW, T0.plusSeconds(400))).isEqualTo(new Decision(1, Limit.NONE));
    }

    @Test
    void aZeroWindowScalesDownAtOnceButNotBelowTheMinimum() {
        ReplicaBounds bounds = new ReplicaBounds();
        bounds.decide(4, 4, 2, 10, Duration.ZERO, T0);
        assertThat(bounds.decide(4, 1, 2, 10, Duration.ZERO, T0.plusSeconds(15))).isEqualTo(new Decision(2, Limit.TOO_FEW));
    }
}
