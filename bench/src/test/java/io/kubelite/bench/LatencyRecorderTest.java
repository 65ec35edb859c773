package io.kubelite.bench;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class LatencyRecorderTest {

    static Stream<Arguments> nearestRanks() {
        long[] oneToHundred = LongStream.rangeClosed(1, 100).toArray();
        long[] oneToThousand = LongStream.rangeClosed(1, 1000).toArray();
        return Stream.of(
                arguments("p50 of 1..100 is the 50th value", oneToHundred, 50, 50),
                arguments("p99 of 1..100 is the 99th value", oneToHundred, 99, 99),
                arguments("p100 is the maximum", oneToHundred, 100, 100),
                arguments("p99 of 1..1000 is the 990th value", oneToThousand, 99, 990),
                arguments("p99 of one sample is that sample", new long[] {7}, 99, 7),
                arguments("p50 of two samples is the lower one", new long[] {3, 9}, 50, 3),
                arguments("p99 of two samples is the higher one", new long[] {3, 9}, 99, 9),
                arguments("no samples give 0", new long[0], 99, 0));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nearestRanks")
    void percentileIsTheNearestRank(String name, long[] sorted, double p, long expected) {
        assertThat(LatencyRecorder.percentile(sorted, p)).isEqualTo(expected);
    }

    @Test
    void summarySortsWhatWasRecordedInAnyOrder() {
        LatencyRecorder recorder = new LatencyRecorder();
        for (long v = 2000; v >= 1; v--) {
            recorder.record(v * 1_000_000);
        }
        LatencySummary s = recorder.summary();
        assertThat(s.count()).isEqualTo(2000);
        assertThat(s.p50Millis()).isEqualTo(1000.0);
        assertThat(s.p99Millis()).isEqualTo(1980.0);
        assertThat(s.maxMillis()).isEqualTo(2000.0);
    }

    @Test
    void oneSlowRequestInAHundredIsBelowP99ButTwoAreNot() {
        LatencyRecorder oneSlow = new LatencyRecorder();
        LatencyRecorder twoSlow = new LatencyRecorder();
        for (int i = 0; i < 100; i++) {
            oneSlow.record(i < 99 ? 1_000_000 : 500_000_000);
            twoSlow.record(i < 98 ? 1_000_000 : 500_000_000);
        }
        assertThat(oneSlow.summary().p99Millis()).isEqualTo(1.0);
        assertThat(twoSlow.summary().p99Millis()).isEqualTo(500.0);
    }

    @Test
    void rejectsNegativeLatencies() {
        assertThatThrownBy(() -> new LatencyRecorder().record(-1)).hasMessageContaining("-1 ns");
    }
}
