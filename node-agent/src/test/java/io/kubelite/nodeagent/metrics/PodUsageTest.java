package io.kubelite.nodeagent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.nodeagent.runtime.ContainerRuntime.UsageSample;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodUsageTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @ParameterizedTest(name = "{1} ns of CPU over {0} ms → {2}m")
    @CsvSource({
            "1000, 50000000, 50",
            "5000, 2500000000, 500",
            "1000, 2000000000, 2000",
            "1000, 0, 0",
            "0, 100, 0",
            "1000, -5, 0"})
    void cpuIsTheCumulativeDifferenceOverTheWindowInMillicores(long windowMillis, long usedNanos, long millicores) {
        UsageSample earlier = new UsageSample(T0, 1_000_000, 0);
        UsageSample later = new UsageSample(T0.plusMillis(windowMillis), 1_000_000 + usedNanos, 0);
        assertThat(PodUsage.millicores(earlier, later)).isEqualTo(millicores);
    }

    @Test
    void aContainerNeverSampledIsMeasuredFromItsStart() {
        UsageSample later = new UsageSample(T0.plusSeconds(30), 3_000_000_000L, 0);
        assertThat(PodUsage.millicores(PodUsage.atStart(T0), later)).isEqualTo(100);
        assertThat(PodUsage.atStart(null)).isNull();
    }

    @ParameterizedTest(name = "{0} bytes → {1}")
    @CsvSource({"3500000, 3417Ki", "1023, 0Ki", "67108864, 65536Ki"})
    void memoryIsWholeKibibytes(long bytes, String quantity) {
        assertThat(PodUsage.memory(bytes)).isEqualTo(quantity);
    }
}
