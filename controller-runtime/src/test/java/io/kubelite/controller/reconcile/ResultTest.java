package io.kubelite.controller.reconcile;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ResultTest {

    @ParameterizedTest(name = "requeue after {0} ms is rejected")
    @ValueSource(longs = {0, -1})
    void requeueAfterNeedsAPositiveDelay(long millis) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> Result.requeueAfter(Duration.ofMillis(millis)))
                .withMessageContaining("must be positive");
    }
}
