package io.kubelite.objectstore.relay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class RelayBackoffTest {

    final RelayBackoff backoff = new RelayBackoff(Duration.ofMillis(200), Duration.ofSeconds(30));

    @ParameterizedTest(name = "{0}: after {1} failures wait {2} ms")
    @CsvSource(delimiter = '|', textBlock = """
            no failure yet       | 0    | 0
            first failure        | 1    | 200
            doubles              | 2    | 400
            doubles again        | 3    | 800
            eighth failure       | 8    | 25600
            capped at max        | 9    | 30000
            stays at max         | 50   | 30000
            no overflow          | 5000 | 30000
            """)
    void doublesFromThePollIntervalUpToTheMaximum(String scenario, int failures, long millis) {
        assertThat(backoff.afterFailures(failures)).isEqualTo(Duration.ofMillis(millis));
    }
}
