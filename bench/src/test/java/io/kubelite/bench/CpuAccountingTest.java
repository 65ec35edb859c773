package io.kubelite.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuAccountingTest {

    @Test
    void readsParentAndCpuTimesEvenWhenTheCommandNameHasSpacesAndParentheses() {
        String stat = "4242 (postgres: x (y)) S 17 4242 4242 0 -1 4194560 100 0 0 0 "
                + "250 30 7 3 20 0 1 0 100 1000 10 18446744073709551615";
        assertThat(CpuAccounting.statFields(stat)).containsExactly(17, 280, 10);
    }

    @Test
    void accountsThisProcessAndTheMachine() {
        long self = ProcessHandle.current().pid();
        Map<String, Long> sample = new CpuAccounting(Map.of("self", List.of(self))).sample();
        assertThat(sample).containsKeys("self", CpuAccounting.MACHINE);
        assertThat(sample.get(CpuAccounting.MACHINE)).isGreaterThanOrEqualTo(sample.get("self"));
    }
}
