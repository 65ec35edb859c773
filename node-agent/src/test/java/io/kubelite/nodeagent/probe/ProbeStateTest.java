package io.kubelite.nodeagent.probe;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProbeStateTest {

    /** attempts: s = success, f = failure; results: the reported result after each attempt. */
    @ParameterizedTest(name = "{0}: start {1}, thresholds {2}/{3}, attempts {4} → {5}")
    @CsvSource({
            "readiness needs one success,       false, 1, 3, s,      T",
            "readiness stays until 3 failures,  false, 1, 3, sfff,   TTTF",
            "readiness with successThreshold 2, false, 2, 3, sfss,   FFFT",
            "liveness starts healthy,           true,  1, 3, ff,     TT",
            "liveness fails on the third,       true,  1, 3, fff,    TTF",
            "a success resets the failure count,true,  1, 3, ffsff,  TTTTT",
            "failureThreshold 1 fails at once,  true,  1, 1, f,      F"})
    void reportsAChangeOnlyAfterConsecutiveThresholds(String name, boolean initial, int successThreshold,
            int failureThreshold, String attempts, String results) {
        ProbeState state = ProbeState.initial(initial);
        StringBuilder seen = new StringBuilder();
        for (char attempt : attempts.toCharArray()) {
            state = state.next(attempt == 's', successThreshold, failureThreshold);
            seen.append(state.success() ? 'T' : 'F');
        }
        assertThat(seen.toString()).isEqualTo(results);
    }
}
