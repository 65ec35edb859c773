package io.kubelite.machinery.quota;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComputeUsageTest {

    @Test
    void aRequestChargesItsRequestsNameAndItsPlainNameALimitItsLimitsName() {
        Map<String, BigDecimal> sum = new HashMap<>();

        ComputeUsage.addContainer(sum, Map.of("cpu", "250m", "memory", "64Mi"), Map.of("memory", "128Mi"));
        ComputeUsage.addContainer(sum, Map.of("cpu", "500m"), Map.of());

        assertThat(sum).containsOnly(
                Map.entry("requests.cpu", new BigDecimal("0.750")),
                Map.entry("cpu", new BigDecimal("0.750")),
                Map.entry("requests.memory", new BigDecimal(64 * 1024 * 1024)),
                Map.entry("memory", new BigDecimal(64 * 1024 * 1024)),
                Map.entry("limits.memory", new BigDecimal(128 * 1024 * 1024)));
    }

    @Test
    void onlyAFinishedPodStopsCharging() {
        assertThat(ComputeUsage.charges("Succeeded")).isFalse();
        assertThat(ComputeUsage.charges("Failed")).isFalse();
        assertThat(ComputeUsage.charges("Running")).isTrue();
        assertThat(ComputeUsage.charges("Pending")).isTrue();
        assertThat(ComputeUsage.charges(null)).as("no status yet").isTrue();
    }
}
