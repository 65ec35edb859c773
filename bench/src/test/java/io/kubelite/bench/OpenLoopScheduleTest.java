package io.kubelite.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OpenLoopScheduleTest {

    @ParameterizedTest(name = "{0}/s for {1} ms is {2} requests")
    @CsvSource({
            "500, 20000, 10000",
            "100, 20000, 2000",
            "250, 1000, 250",
            "3, 1000, 3",
            "3, 999, 2",
            "0.5, 1000, 0"})
    void countIsTheRequestsDueWithinTheDuration(double rate, long millis, int expected) {
        assertThat(OpenLoopSchedule.of(0, rate, Duration.ofMillis(millis)).count()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "at {0}/s request {1} is due {2} ns after the start")
    @CsvSource({
            "500, 0, 0",
            "500, 1, 2000000",
            "500, 9999, 19998000000",
            "3, 1, 333333333",
            "3, 2, 666666667"})
    void requestIIsDueAtIOverTheRate(double rate, int i, long expectedOffset) {
        OpenLoopSchedule s = new OpenLoopSchedule(1_000, rate, 10_000);
        assertThat(s.dueNanos(i)).isEqualTo(1_000 + expectedOffset);
    }

    @Test
    void dueTimesDoNotDriftOverALongRun() {
        OpenLoopSchedule s = OpenLoopSchedule.of(0, 3, Duration.ofHours(1));
        assertThat(s.dueNanos(s.count() - 1)).isEqualTo(3_600_000_000_000L - 333_333_333L);
    }

    @Test
    void refusesRequestsOutsideTheSchedule() {
        OpenLoopSchedule s = new OpenLoopSchedule(0, 100, 5);
        assertThatThrownBy(() -> s.dueNanos(5)).hasMessage("request 5 of 5");
        assertThatThrownBy(() -> new OpenLoopSchedule(0, 0, 5)).hasMessageContaining("rate must be positive");
    }
}
