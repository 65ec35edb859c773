package io.kubelite.gateway.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class EventLoopsTest {

    @ParameterizedTest(name = "configured {0} on {1} cores → {2} loops")
    @CsvSource({
            "0, 2, 2",
            "0, 1, 1",
            "0, 16, 16",
            "1, 2, 1",
            "6, 2, 6",
    })
    void zeroMeansOneLoopPerCoreAndAnyOtherCountIsTakenAsGiven(int configured, int cores, int expected) {
        assertThat(EventLoops.threads(configured, cores)).isEqualTo(expected);
    }

    @Test
    void aNegativeCountIsRefusedNamingTheKeyAndTheValue() {
        assertThatThrownBy(() -> EventLoops.threads(-1, 2))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("kubelite.gateway.event-loop-threads must be zero (one per core) or positive, got -1");
    }
}
