package io.kubelite.nodeagent.metrics;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
     * A pod's containers and their sum, which the kubelet reads from the pod's cgroup (that also
     * holds the small sandbox process): CPU time and working set added up, the latest sample time,
     * and a rate only when every container has one.
     */
    public record Pod(String namespace, String name, String uid, List<ContainerUsage> containers, Usage total) {
    }

    /** The containers grouped by pod, in the order their pods first appear. */
    public List<Pod> pods() {
        Map<String, List<ContainerUsage>> byPod = new LinkedHashMap<>();
        for (ContainerUsage c : containers) {
            byPod.computeIfAbsent(c.namespace() + "/" + c.pod(), k -> new ArrayList<>()).add(c);
        }
        List<Pod> pods = new ArrayList<>();
        for (List<ContainerUsage> group : byPod.values()) {
            Instant latest = Instant.EPOCH;
            long cpu = 0;
            long workingSet = 0;
            long nanoCores = 0;
            boolean rates = true;
            for (ContainerUsage c : group) {
                latest = c.usage().time().isAfter(latest) ? c.usage().time() : latest;
                cpu += c.usage().cpuCoreNanoSeconds();
                workingSet += c.usage().workingSetBytes();
                rates &= c.usage().nanoCores().isPresent();
                nanoCores += c.usage().nanoCores().orElse(0);
            }
            ContainerUsage first = group.get(0);
            pods.add(new Pod(first.namespace(), first.pod(), first.podUid(), List.copyOf(group),
                    new Usage(latest, cpu, rates ? OptionalLong.of(nanoCores) : OptionalLong.empty(), workingSet)));
        }
        return pods;
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
