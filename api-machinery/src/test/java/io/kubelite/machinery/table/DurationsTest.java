package io.kubelite.machinery.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DurationsTest {

    @ParameterizedTest(name = "{0} prints as {1}")
    @CsvSource({
            "PT0S, 0s",
            "PT0.9S, 0s",
            "PT59S, 59s",
            "PT1M59S, 119s",
            "PT2M, 2m",
            "PT2M5S, 2m5s",
            "PT2M30S, 2m30s",
            "PT9M59S, 9m59s",
            "PT10M, 10m",
            "PT10M59S, 10m",
            "PT2H59M, 179m",
            "PT3H, 3h",
            "PT3H5M, 3h5m",
            "PT3H5M59S, 3h5m",
            "PT7H59M, 7h59m",
            "PT8H, 8h",
            "PT8H30M, 8h",
            "PT47H59M, 47h",
            "PT48H, 2d",
            "PT51H, 2d3h",
            "PT191H, 7d23h",
            "PT192H, 8d",
            "P45D, 45d",
            "P729D, 729d",
            "P730D, 2y",
            "P740D, 2y10d",
            "P1095D, 3y",
            "P2919D, 7y364d",
            "P2920D, 8y",
            "P3650D, 10y",
    })
    void printsAgesLikeKubernetesHumanDuration(String iso, String expected) {
        assertThat(Durations.human(Duration.parse(iso))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} in the future prints as {1}")
    @CsvSource({
            "PT-0.5S, 0s",
            "PT-1S, 0s",
            "PT-1.9S, 0s",
            "PT-2S, <invalid>",
            "PT-1H, <invalid>",
    })
    void toleratesOneSecondOfClockSkewOnly(String iso, String expected) {
        assertThat(Durations.human(Duration.parse(iso))).isEqualTo(expected);
    }
}
