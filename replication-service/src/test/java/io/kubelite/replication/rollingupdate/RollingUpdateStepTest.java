package io.kubelite.replication.rollingupdate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RollingUpdateStepTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
            "start: one new pod first; 3; 3; 0; 0; ScaleNewUp[to=1]",
            "the new pod is not Ready yet: wait; 3; 3; 1; 0; WaitForReady[]",
            "the new pod is Ready: one old pod goes; 3; 3; 1; 1; ScaleOldDown[to=2]",
            "old at 2, new at 1 ready: the next new pod; 3; 2; 1; 1; ScaleNewUp[to=2]",
            "all new pods Ready: the last old one goes; 3; 1; 3; 3; ScaleOldDown[to=0]",
            "nothing old left: done; 3; 0; 3; 3; Done[]",
            "fewer new replicas than old: old shrinks to what the new ones cannot cover; 1; 3; 1; 1; ScaleOldDown[to=0]"})
    void addsOneNewPodThenRemovesOneOld(String rule, int desired, int oldSpec, int newSpec, int newReady, String step) {
        assertThat(RollingUpdateStep.next(desired, oldSpec, newSpec, newReady).toString()).isEqualTo(step);
    }

    @Test
    void neverHasFewerReadyPodsThanDesiredNorMoreThanOneExtra() {
        int desired = 4;
        int old = 4;
        int neu = 0;
        int ready = 0;
        List<String> steps = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            RollingUpdateStep step = RollingUpdateStep.next(desired, old, neu, ready);
            steps.add(step.toString());
            if (step instanceof RollingUpdateStep.Done) {
                break;
            }
            if (step instanceof RollingUpdateStep.ScaleNewUp up) {
                neu = up.to();
            } else if (step instanceof RollingUpdateStep.ScaleOldDown down) {
                old = down.to();
            } else {
                ready = neu; // the pods become Ready
            }
            assertThat(old + ready).as("available pods").isGreaterThanOrEqualTo(desired);
            assertThat(old + neu).as("pods in all").isLessThanOrEqualTo(desired + 1);
        }
        assertThat(steps).last().isEqualTo("Done[]");
        assertThat(neu).isEqualTo(4);
        assertThat(old).isZero();
    }
}
