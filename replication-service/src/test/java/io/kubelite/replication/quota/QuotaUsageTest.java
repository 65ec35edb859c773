package io.kubelite.replication.quota;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class QuotaUsageTest {

    private static Pod pod(String phase, String cpuRequest, String memoryRequest, String memoryLimit) {
        PodBuilder pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("busybox").withNewResources()
                .endResources().endContainer().endSpec();
        Pod built = pod.withNewStatus().withPhase(phase).endStatus().build();
        var resources = built.getSpec().getContainers().get(0).getResources();
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (cpuRequest != null) {
            requests.put("cpu", new Quantity(cpuRequest));
        }
        if (memoryRequest != null) {
            requests.put("memory", new Quantity(memoryRequest));
        }
        resources.setRequests(requests);
        resources.setLimits(memoryLimit == null ? Map.of() : Map.of("memory", new Quantity(memoryLimit)));
        return built;
    }

    private static Map<String, Quantity> hard(String... nameValue) {
        Map<String, Quantity> hard = new LinkedHashMap<>();
        for (int i = 0; i < nameValue.length; i += 2) {
            hard.put(nameValue[i], new Quantity(nameValue[i + 1]));
        }
        return hard;
    }

    private static Map<String, String> printed(Map<String, Quantity> used) {
        Map<String, String> printed = new LinkedHashMap<>();
        used.forEach((k, v) -> printed.put(k, v.toString()));
        return printed;
    }

    @Test
    void sumsTheComputeAsksOfPodsThatHaveNotFinishedInTheFamilyOfEachLimit() {
        List<Pod> pods = List.of(
                pod("Running", "250m", "128Mi", "256Mi"),
                pod("Pending", "500m", "128Mi", null),
                pod("Succeeded", "2", "1Gi", "1Gi"),
                pod("Failed", "2", "1Gi", "1Gi"));

        Map<String, Quantity> used = QuotaUsage.used(hard("pods", "10", "requests.cpu", "2", "cpu", "4",
                "requests.memory", "1Gi", "limits.memory", "2Gi", "limits.cpu", "4"), pods, resource -> {
                    throw new AssertionError("pods are counted from the list given, not " + resource);
                });

        assertThat(printed(used)).containsExactly(
                Map.entry("pods", "2"),
                Map.entry("requests.cpu", "750m"),
                Map.entry("cpu", "750m"),
                Map.entry("requests.memory", "256Mi"),
                Map.entry("limits.memory", "256Mi"),
                Map.entry("limits.cpu", "0"));
    }

    @Test
    void eachPodsOverheadCountsWithItsRequestsAndWithTheLimitsThatPodSets() {
        Pod limited = pod("Running", "250m", "128Mi", "256Mi");
        limited.getSpec().setOverhead(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi")));
        Pod unlimited = pod("Running", "250m", "128Mi", null);
        unlimited.getSpec().setOverhead(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("64Mi")));

        Map<String, Quantity> used = QuotaUsage.used(hard("requests.cpu", "2", "requests.memory", "1Gi",
                "limits.memory", "2Gi"), List.of(limited, unlimited), resource -> 0);

        assertThat(printed(used)).containsExactly(
                Map.entry("requests.cpu", "700m"),
                Map.entry("requests.memory", "384Mi"),
                Map.entry("limits.memory", "320Mi"));
    }

    @Test
    void countsOtherKindsThroughTheCounterByTheirResourceName() {
        List<String> asked = new ArrayList<>();

        Map<String, Quantity> used = QuotaUsage.used(hard("services", "5", "count/configmaps", "10",
                "count/deployments.apps", "3", "replicationcontrollers", "2", "count/jobs.batch", "1"), List.of(),
                resource -> {
                    asked.add(resource);
                    return asked.size();
                });

        assertThat(asked).containsExactly("services", "configmaps", "deployments.apps", "replicationcontrollers",
                "jobs.batch");
        assertThat(printed(used)).containsExactly(Map.entry("services", "1"), Map.entry("count/configmaps", "2"),
                Map.entry("count/deployments.apps", "3"), Map.entry("replicationcontrollers", "4"),
                Map.entry("count/jobs.batch", "5"));
    }

    @Test
    void aLimitOnSomethingNoPodAsksForIsUsedZero() {
        Map<String, Quantity> used = QuotaUsage.used(hard("requests.ephemeral-storage", "1Gi", "count/pods", "3"),
                List.of(pod("Running", "100m", null, null)), resource -> 0);

        assertThat(printed(used)).containsExactly(Map.entry("requests.ephemeral-storage", "0"),
                Map.entry("count/pods", "1"));
    }

    @ParameterizedTest(name = "{0} like {1} → {2}")
    @CsvSource({
            "0.75, 2, 750m",
            "3, 4, 3",
            "268435456, 1Gi, 256Mi",
            "1073741824, 512Mi, 1Gi",
            "1000, 1Gi, 1k",
            "134217728, 1G, 134217728",
            "0, 1Gi, 0",
    })
    void printsAnAmountInTheSuffixFamilyOfItsLimit(String value, String like, String printed) {
        assertThat(QuotaUsage.format(new BigDecimal(value), new Quantity(like))).isEqualTo(printed);
    }
}
