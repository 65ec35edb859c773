package io.kubelite.nodeagent.kubelet;

import io.kubelite.nodeagent.metrics.UsageSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.time.Instant;

/**
 * The kubelet's {@code /metrics/cadvisor}, which Prometheus' Kubernetes examples scrape through
 * {@code /api/v1/nodes/<node>/proxy/metrics/cadvisor}: per container, labelled as cAdvisor labels
 * them ({@code container, id, image, name, namespace, pod}), its CPU time, working set, start
 * time and when it was last seen; the machine as the root ({@code id="/"}, the other labels
 * empty), and its cores and memory. Only what is measured is written: no cache, RSS, network or
 * filesystem series.
 *
 * @see ResourceMetrics the same measurements under the kubelet's own names
 */
final class CadvisorMetrics {

    private CadvisorMetrics() {
    }

    /**
     * @param cores        the node's CPU capacity in cores
     * @param memoryBytes  the node's memory capacity
     */
    static MetricSnapshots of(UsageSnapshot usage, double cores, long memoryBytes, Instant now) {
        Family cpu = Family.counter("container_cpu_usage_seconds", "Cumulative cpu time consumed in seconds.");
        Family memory = Family.gauge("container_memory_working_set_bytes", "Current working set in bytes.");
        Family start = Family.gauge("container_start_time_seconds", "Start time of the container since unix epoch in seconds.");
        Family lastSeen = Family.gauge("container_last_seen", "Last time a container was seen by the exporter");
        usage.node().ifPresent(n -> {
            String[] root = {"container", "", "cpu", "total", "id", "/", "image", "", "name", "", "namespace", "", "pod", ""};
            cpu.add(ResourceMetrics.seconds(n.cpuCoreNanoSeconds()), n.time(), root);
            String[] rootLabels = withoutCpu(root);
            memory.add(n.workingSetBytes(), n.time(), rootLabels);
            lastSeen.add(n.time().getEpochSecond(), n.time(), rootLabels);
        });
        for (UsageSnapshot.ContainerUsage c : usage.containers()) {
            String[] labels = {"container", c.container(), "cpu", "total", "id", c.containerId(), "image", c.image(),
                    "name", c.runtimeName(), "namespace", c.namespace(), "pod", c.pod()};
            cpu.add(ResourceMetrics.seconds(c.usage().cpuCoreNanoSeconds()), c.usage().time(), labels);
            String[] plain = withoutCpu(labels);
            memory.add(c.usage().workingSetBytes(), c.usage().time(), plain);
            lastSeen.add(c.usage().time().getEpochSecond(), c.usage().time(), plain);
            if (c.startedAt() != null) {
                start.add(c.startedAt().getEpochSecond(), c.usage().time(), plain);
            }
        }
        Family machineCores = Family.gauge("machine_cpu_cores", "Number of logical CPU cores.").add(cores, now);
        Family machineMemory = Family.gauge("machine_memory_bytes", "Amount of memory installed on the machine.")
                .add(memoryBytes, now);
        return MetricSnapshots.of(cpu.snapshot(), memory.snapshot(), start.snapshot(), lastSeen.snapshot(),
                machineCores.snapshot(), machineMemory.snapshot());
    }

    /** The labels less {@code cpu}, which only the CPU counter has. */
    private static String[] withoutCpu(String[] labels) {
        String[] out = new String[labels.length - 2];
        int i = 0;
        for (int j = 0; j < labels.length; j += 2) {
            if (!labels[j].equals("cpu")) {
                out[i++] = labels[j];
                out[i++] = labels[j + 1];
            }
        }
        return out;
    }
}
