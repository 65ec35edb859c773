package io.kubelite.replication.pods;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SlowStartTest {

    @ParameterizedTest(name = "{0} creations → batches {1}")
    @CsvSource(delimiter = ';', value = {
            "0;''",
            "1;1",
            "2;1,1",
            "3;1,2",
            "7;1,2,4",
            "10;1,2,4,3",
            "1000;1,2,4,8,16,32,64,128,256,489"})
    void batchesDoubleFromOne(int count, String expected) {
        List<Integer> want = expected.isEmpty() ? List.of()
                : Arrays.stream(expected.split(",")).map(Integer::parseInt).toList();
        assertThat(SlowStart.batches(count, 1)).isEqualTo(want);
    }

    @Test
    void stopsAfterTheFirstBatchWithAFailure() {
        List<Integer> attempted = new ArrayList<>();
        int created = SlowStart.run(10, 1, size -> {
            attempted.add(size);
            return size == 4 ? 2 : size;
        });
        assertThat(attempted).containsExactly(1, 2, 4);
        assertThat(created).isEqualTo(5);
    }
}
