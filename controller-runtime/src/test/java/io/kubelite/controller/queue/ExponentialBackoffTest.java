package io.kubelite.controller.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.controller.ObjectKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ExponentialBackoffTest {

    private static final ObjectKey KEY = ObjectKey.of("default", "web");

    static Stream<Arguments> failureNumberToDelay() {
        return Stream.of(
                Arguments.of("first failure waits the base delay", 1, Duration.ofMillis(5)),
                Arguments.of("second failure doubles it", 2, Duration.ofMillis(10)),
                Arguments.of("third failure", 3, Duration.ofMillis(20)),
                Arguments.of("fourth failure", 4, Duration.ofMillis(40)),
                Arguments.of("eighteenth failure is the last below the cap", 18, Duration.ofMillis(655_360)),
                Arguments.of("nineteenth failure is capped at 1000 s", 19, Duration.ofSeconds(1000)),
                Arguments.of("a hundredth failure stays capped without overflow", 100, Duration.ofSeconds(1000)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failureNumberToDelay")
    void doublesFromFiveMillisecondsUpToTheDefaultCap(String spec, int failure, Duration expected) {
        ExponentialBackoff backoff = ExponentialBackoff.withDefaults();
        Duration last = null;
        for (int i = 0; i < failure; i++) {
            last = backoff.when(KEY);
        }
        assertThat(last).isEqualTo(expected);
        assertThat(backoff.numRequeues(KEY)).isEqualTo(failure);
    }

    @Test
    void capsAtAConfiguredMaximum() {
        ExponentialBackoff backoff = new ExponentialBackoff(Duration.ofMillis(5), Duration.ofMillis(30));
        List<Duration> delays = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            delays.add(backoff.when(KEY));
        }
        assertThat(delays).extracting(Duration::toMillis).containsExactly(5L, 10L, 20L, 30L, 30L);
    }

    @Test
    void forgetStartsTheSequenceAgain() {
        ExponentialBackoff backoff = ExponentialBackoff.withDefaults();
        backoff.when(KEY);
        backoff.when(KEY);
        backoff.when(KEY);

        backoff.forget(KEY);

        assertThat(backoff.numRequeues(KEY)).isZero();
        assertThat(backoff.when(KEY)).isEqualTo(Duration.ofMillis(5));
    }

    @Test
    void keysBackOffIndependently() {
        ExponentialBackoff backoff = ExponentialBackoff.withDefaults();
        ObjectKey other = ObjectKey.of("default", "db");
        backoff.when(KEY);
        backoff.when(KEY);

        assertThat(backoff.when(other)).isEqualTo(Duration.ofMillis(5));
        assertThat(backoff.when(KEY)).isEqualTo(Duration.ofMillis(20));
    }
}
