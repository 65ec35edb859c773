package io.kubelite.nodeagent.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * What the last sampling pass measured — the node and every running app container — as a
 * kubelet's cAdvisor cache holds it for the Summary API and the {@code /metrics/resource} and
 * {@code /metrics/cadvisor} endpoints. CPU is a cumulative counter plus, when two samples span
 * at least a second, the rate between them: 1.2 s of CPU over a 4 s window is 300 000 000
 * nano-cores (0.3 core).
 *
 * @param node       the machine's usage; empty on a runtime without a machine of its own
 * @param containers running app containers (no pod sandboxes), in the runtime's order
 */
public record UsageSnapshot(Optional<Usage> node, List<ContainerUsage> containers) {

    public static final UsageSnapshot EMPTY = new UsageSnapshot(Optional.empty(), List.of());

    /**
     * @param time                 when the sample was taken
     * @param cpuCoreNanoSeconds   CPU time used since the container (or machine) started
     * @param nanoCores            the rate over the last window, if there was one
     * @param workingSetBytes      memory in use that cannot be reclaimed without swapping
     */
    public record Usage(Instant time, long cpuCoreNanoSeconds, OptionalLong nanoCores, long workingSetBytes) {
    }

    /**
     * @param container     the name the pod gives it
     * @param containerId   the runtime's id
     * @param runtimeName   the runtime's name for it ({@code k8s_c_web_default_<uid>_0})
     */
    public record ContainerUsage(String namespace, String pod, String podUid, String container, String containerId,
                                 String runtimeName, String image, Instant startedAt, Usage usage) {
    }
}
