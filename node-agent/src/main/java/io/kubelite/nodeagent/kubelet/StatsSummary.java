package io.kubelite.nodeagent.kubelet;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.nodeagent.metrics.UsageSnapshot;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The kubelet's Summary API ({@code /stats/summary}, {@code stats/v1alpha1}): the node and every
 * pod with running containers, each with {@code cpu} ({@code usageNanoCores} over the last window,
 * {@code usageCoreNanoSeconds} since start) and {@code memory} ({@code workingSetBytes}; the node's
 * {@code availableBytes} is its capacity less that, as the kubelet computes it). Fields the agent
 * does not measure (cache, RSS, page faults, network, filesystems) are left out, as the kubelet
 * leaves out what its cAdvisor lacks. Example pod entry:
 * <pre>
 * {"podRef":{"name":"web","namespace":"default","uid":"…"},"startTime":"2026-01-01T00:00:00Z",
 *  "containers":[{"name":"c","startTime":"2026-01-01T00:00:01Z",
 *                 "cpu":{"time":"…","usageNanoCores":3000000,"usageCoreNanoSeconds":125000000},
 *                 "memory":{"time":"…","workingSetBytes":3500000}}],
 *  "cpu":{…},"memory":{…}}
 * </pre>
 */
final class StatsSummary {

    private StatsSummary() {
    }

    /**
     * @param podsOfNode    the node's pods (their uid and {@code status.startTime})
     * @param memoryBytes   the node's memory capacity
     */
    static Map<String, Object> of(String nodeName, Instant agentStart, UsageSnapshot usage, List<Pod> podsOfNode,
                                  long memoryBytes) {
        Map<String, Object> node = new LinkedHashMap<>();
        node.put("nodeName", nodeName);
        node.put("startTime", time(agentStart));
        usage.node().ifPresent(n -> {
            node.put("cpu", cpu(n));
            Map<String, Object> memory = memory(n);
            memory.put("availableBytes", Math.max(0, memoryBytes - n.workingSetBytes()));
            node.put("memory", memory);
        });
        List<Map<String, Object>> pods = new ArrayList<>();
        for (UsageSnapshot.Pod pod : usage.pods()) {
            pods.add(pod(pod, podsOfNode));
        }
        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("node", node);
        summary.put("pods", pods);
        return summary;
    }

    private static Map<String, Object> pod(UsageSnapshot.Pod measured, List<Pod> podsOfNode) {
        Map<String, Object> ref = new LinkedHashMap<>();
        ref.put("name", measured.name());
        ref.put("namespace", measured.namespace());
        ref.put("uid", measured.uid() == null ? "" : measured.uid());
        Map<String, Object> pod = new LinkedHashMap<>();
        pod.put("podRef", ref);
        String startTime = podsOfNode.stream()
                .filter(p -> measured.name().equals(p.getMetadata().getName())
                        && measured.namespace().equals(p.getMetadata().getNamespace()))
                .map(p -> p.getStatus() == null ? null : p.getStatus().getStartTime())
                .filter(t -> t != null).findFirst()
                .orElseGet(() -> measured.containers().stream().map(UsageSnapshot.ContainerUsage::startedAt)
                        .filter(t -> t != null).min(Instant::compareTo).map(StatsSummary::time).orElse(null));
        if (startTime != null) {
            pod.put("startTime", startTime);
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        for (UsageSnapshot.ContainerUsage c : measured.containers()) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", c.container());
            if (c.startedAt() != null) {
                entry.put("startTime", time(c.startedAt()));
            }
            entry.put("cpu", cpu(c.usage()));
            entry.put("memory", memory(c.usage()));
            entries.add(entry);
        }
        pod.put("containers", entries);
        pod.put("cpu", cpu(measured.total()));
        pod.put("memory", memory(measured.total()));
        return pod;
    }

    private static Map<String, Object> cpu(UsageSnapshot.Usage usage) {
        Map<String, Object> cpu = new LinkedHashMap<>();
        cpu.put("time", time(usage.time()));
        usage.nanoCores().ifPresent(n -> cpu.put("usageNanoCores", n));
        cpu.put("usageCoreNanoSeconds", usage.cpuCoreNanoSeconds());
        return cpu;
    }

    private static Map<String, Object> memory(UsageSnapshot.Usage usage) {
        Map<String, Object> memory = new LinkedHashMap<>();
        memory.put("time", time(usage.time()));
        memory.put("workingSetBytes", usage.workingSetBytes());
        return memory;
    }

    /** RFC 3339 in whole seconds, as Kubernetes writes times. */
    private static String time(Instant at) {
        return at.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
