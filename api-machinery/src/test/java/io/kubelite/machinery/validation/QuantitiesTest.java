package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class QuantitiesTest {

    @ParameterizedTest(name = "{0} is worth {1}, {2} milli, printed {3}")
    @CsvSource({
            "250m, 0.25, 250, 250m",
            "1, 1, 1000, 1",
            "1000m, 1, 1000, 1",
            "0.5, 0.5, 500, 500m",
            "1.5, 1.5, 1500, 1500m",
            "64Mi, 67108864, 67108864000, 64Mi",
            "2Gi, 2147483648, 2147483648000, 2Gi",
            "1.5Gi, 1610612736, 1610612736000, 1536Mi",
            "2048Ki, 2097152, 2097152000, 2Mi",
            "0.5Ki, 512, 512000, 512",
            "1e3, 1000, 1000000, 1e3",
            "12e2, 1200, 1200000, 1200",
            "1E-3, 0.001, 1, 1e-3",
            "1k, 1000, 1000000, 1k",
            "1500k, 1500000, 1500000000, 1500k",
            "1P, 1000000000000000, 1000000000000000000, 1P",
            "100n, 0.0000001, 1, 100n",
            "0.1n, 0.000000001, 1, 1n",
            "-1, -1, -1000, -1",
            "+2, 2, 2000, 2",
            "0, 0, 0, 0",
            ".5, 0.5, 500, 500m",
    })
    void parsesAndPrintsLikeKubernetes(String text, String value, long milli, String canonical) {
        assertThat(Quantities.isValid(text)).isTrue();
        assertThat(Quantities.value(text)).isEqualByComparingTo(new BigDecimal(value));
        assertThat(Quantities.milliValue(text)).isEqualTo(milli);
        assertThat(Quantities.canonical(text)).isEqualTo(canonical);
    }

    @ParameterizedTest(name = "\"{0}\" is not a quantity")
    @ValueSource(strings = {"64MB", "abc", "", "1K", "1e", "Mi", ".", "1.5e3m", "1 Gi", "--1", "1ki"})
    void rejectsWhatKubernetesRejects(String text) {
        assertThat(Quantities.isValid(text)).isFalse();
        assertThatThrownBy(() -> Quantities.value(text)).isInstanceOf(IllegalArgumentException.class)
                .hasMessage(Quantities.FORMAT_ERROR);
    }
}
