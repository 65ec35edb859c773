package io.kubelite.objectstore.relay;

import io.kubelite.objectstore.StoreProperties;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The two linger settings: zero turns the wait off, a negative one is refused at start-up naming the key. */
class RelayPropertiesTest {

    private static RelayProperties relay(Duration linger) {
        return new RelayProperties("127.0.0.1:9092", "kubelite.", 500, Duration.ofMillis(200), linger,
                Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    private static StoreProperties store(Duration linger) {
        return new StoreProperties(3_145_728, Duration.ofMinutes(15), 10_000, Duration.ofSeconds(60), 1000, linger);
    }

    @Test
    void zeroLingerIsAllowedAndNegativeIsRefusedWithTheKeyAndValue() {
        assertLingerRule(d -> relay(d).relayLinger(), "kubelite.kafka.relay-linger");
    }

    @Test
    void watchCacheLingerFollowsTheSameRule() {
        assertLingerRule(d -> store(d).watchCacheLinger(), "kubelite.store.watch-cache-linger");
    }

    /** {@code linger} builds the properties with the given linger and reads it back. */
    private static void assertLingerRule(Function<Duration, Duration> linger, String key) {
        assertThat(linger.apply(Duration.ZERO)).isZero();
        assertThatThrownBy(() -> linger.apply(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(key).hasMessageContaining("PT-0.001S");
    }
}
