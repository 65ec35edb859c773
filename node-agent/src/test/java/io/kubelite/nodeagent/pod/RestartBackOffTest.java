package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RestartBackOffTest {

    @ParameterizedTest(name = "step {0} waits {1} s")
    @CsvSource({"0,0", "1,10", "2,20", "3,40", "4,80", "5,160", "6,300", "7,300", "40,300"})
    void waitsTenSecondsDoublingUpToFiveMinutes(int step, long seconds) {
        assertThat(RestartBackOff.delay(step)).isEqualTo(Duration.ofSeconds(seconds));
    }

    @ParameterizedTest(name = "ran {0} s at step 5 → step {1}")
    @CsvSource({"1,5", "599,5", "600,0", "3600,0"})
    void aContainerThatRanTenMinutesStartsTheLadderAgain(long ranSeconds, int step) {
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        assertThat(RestartBackOff.stepFor(5, start, start.plusSeconds(ranSeconds))).isEqualTo(step);
    }

    @ParameterizedTest(name = "{0} with exit {1} restarts: {2}")
    @CsvSource({"Always,0,true", "Always,1,true", "OnFailure,0,false", "OnFailure,137,true", "Never,0,false",
            "Never,1,false"})
    void restartPolicyDecidesWhetherAnExitedContainerComesBack(String policy, int exitCode, boolean restarts) {
        assertThat(RestartBackOff.shouldRestart(policy, exitCode)).isEqualTo(restarts);
    }
}
