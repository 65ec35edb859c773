package io.kubelite.replication.disruption;

import io.fabric8.kubernetes.api.model.IntOrString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.OptionalInt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DisruptionBudgetTest {

    static IntOrString value(String text) {
        if (text == null) {
            return null;
        }
        return text.endsWith("%") ? new IntOrString(text) : new IntOrString(Integer.parseInt(text));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            minAvailable 2 of 3 pods                  | 2   | -   | 3 | -  | 3 | 2 | 3 | 1
            minAvailable 2 with one pod unhealthy     | 2   | -   | 3 | -  | 3 | 2 | 2 | 0
            minAvailable 50% of 4 replicas            | 50% | -   | 4 | 4  | 4 | 2 | 4 | 2
            minAvailable 50% of 3 rounds up to 2      | 50% | -   | 3 | 3  | 3 | 2 | 3 | 1
            maxUnavailable 1 of 4 replicas            | -   | 1   | 4 | 4  | 4 | 3 | 4 | 1
            maxUnavailable 25% of 5 rounds up to 2    | -   | 25% | 5 | 5  | 5 | 3 | 5 | 2
            maxUnavailable counts the replicas asked for, not the pods there | - | 1 | 2 | 4 | 4 | 3 | 2 | 0
            maxUnavailable beyond the replicas needs none | - | 9 | 2 | 2 | 2 | 0 | 2 | 2
            no pods expected allows nothing           | 0   | -   | 0 | -  | 0 | 0 | 0 | 0
            """)
    void reckonsHealthyPodsAndAllowedDisruptions(String name, String min, String max, int matching, Integer scale,
            int expected, int desired, int healthy, int allowed) {
        DisruptionBudget budget = DisruptionBudget.of(value(min), value(max), matching,
                scale == null ? OptionalInt.empty() : OptionalInt.of(scale));

        assertThat(budget.expectedPods()).isEqualTo(expected);
        assertThat(budget.desiredHealthy()).isEqualTo(desired);
        assertThat(budget.disruptionsAllowed(healthy)).isEqualTo(allowed);
    }

    @Test
    void aPercentageNeedsThePodsControllers() {
        assertThatThrownBy(() -> DisruptionBudget.of(value("50%"), null, 3, OptionalInt.empty()))
                .isInstanceOf(DisruptionBudget.NoControllersException.class);
        assertThat(DisruptionBudget.of(value("2"), null, 3, OptionalInt.empty()).desiredHealthy()).isEqualTo(2);
    }
}
