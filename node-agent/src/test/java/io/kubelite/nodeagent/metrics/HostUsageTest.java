package io.kubelite.nodeagent.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class HostUsageTest {

    static final String STAT = """
            cpu  4705 150 1120 16250 520 0 30 5 0 0
            cpu0 2400 75 560 8100 260 0 15 2 0 0
            intr 1462898
            """;
    static final String MEMINFO = """
            MemTotal:       24576000 kB
            MemFree:         1000000 kB
            MemAvailable:   20480000 kB
            Buffers:          100000 kB
            """;

    @Test
    void busyTimeIsEverythingButIdleAndIowaitAndMemoryIsWhatIsNotAvailable() {
        var sample = HostUsage.parse(STAT, MEMINFO, Instant.EPOCH).orElseThrow();
        // user 4705 + nice 150 + system 1120 + irq 0 + softirq 30 + steal 5 = 6010 ticks of 10 ms
        assertThat(sample.cpuNanos()).isEqualTo(6010L * 10_000_000L);
        assertThat(sample.memoryWorkingSetBytes()).isEqualTo((24576000L - 20480000L) * 1024);
    }

    @Test
    void filesWithoutWhatItNeedsGiveNoSample() {
        assertThat(HostUsage.parse("intr 5\n", MEMINFO, Instant.EPOCH)).isEmpty();
        assertThat(HostUsage.parse(STAT, "MemTotal: 5 kB\n", Instant.EPOCH)).isEmpty();
    }
}
