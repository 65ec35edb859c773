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
    void aPodsOverheadAddsToItsRequestsAndOnlyToTheLimitsItSets() {
        Map<String, BigDecimal> pod = new HashMap<>();
        ComputeUsage.addContainer(pod, Map.of("cpu", "250m"), Map.of("cpu", "500m"));

        ComputeUsage.addOverhead(pod, Map.of("cpu", "100m", "memory", "32Mi"));

        assertThat(pod).containsOnly(
                Map.entry("requests.cpu", new BigDecimal("0.350")),
                Map.entry("cpu", new BigDecimal("0.350")),
                Map.entry("limits.cpu", new BigDecimal("0.600")),
                Map.entry("requests.memory", new BigDecimal(32 * 1024 * 1024)),
                Map.entry("memory", new BigDecimal(32 * 1024 * 1024)));
    }

    @Test
    void aPodWithoutOverheadChargesItsContainersAlone() {
        Map<String, BigDecimal> pod = new HashMap<>();
        ComputeUsage.addContainer(pod, Map.of("memory", "64Mi"), Map.of("memory", "64Mi"));

        ComputeUsage.addOverhead(pod, Map.of());

        assertThat(pod).containsOnly(
                Map.entry("requests.memory", new BigDecimal(64 * 1024 * 1024)),
                Map.entry("memory", new BigDecimal(64 * 1024 * 1024)),
                Map.entry("limits.memory", new BigDecimal(64 * 1024 * 1024)));
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
