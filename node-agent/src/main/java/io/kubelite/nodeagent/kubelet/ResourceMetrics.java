package io.kubelite.nodeagent.kubelet;

import io.kubelite.nodeagent.metrics.UsageSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;

/**
 * The kubelet's {@code /metrics/resource}: the node's, each pod's and each container's CPU time
 * (a counter, in core-seconds) and working set (bytes), and each container's start time, as
 * metrics-server and Prometheus read them. Names, help texts and labels are the kubelet's
 * ({@code container_cpu_usage_seconds_total{container="c",namespace="default",pod="web"} 1.5 1767225605000}).
 * A pod's figures are the sum of its app containers' ({@link UsageSnapshot#pods()}).
 */
final class ResourceMetrics {

    private ResourceMetrics() {
    }

    static MetricSnapshots of(UsageSnapshot usage) {
        Family nodeCpu = Family.counter("node_cpu_usage_seconds",
                "[STABLE] Cumulative cpu time consumed by the node in core-seconds");
        Family nodeMemory = Family.gauge("node_memory_working_set_bytes",
                "[STABLE] Current working set of the node in bytes");
        usage.node().ifPresent(n -> {
            nodeCpu.add(seconds(n.cpuCoreNanoSeconds()), n.time());
            nodeMemory.add(n.workingSetBytes(), n.time());
        });
        Family containerCpu = Family.counter("container_cpu_usage_seconds",
                "[STABLE] Cumulative cpu time consumed by the container in core-seconds");
        Family containerMemory = Family.gauge("container_memory_working_set_bytes",
                "[STABLE] Current working set of the container in bytes");
        Family containerStart = Family.gauge("container_start_time_seconds",
                "[STABLE] Start time of the container since unix epoch in seconds");
        for (UsageSnapshot.ContainerUsage c : usage.containers()) {
            String[] labels = {"container", c.container(), "namespace", c.namespace(), "pod", c.pod()};
            containerCpu.add(seconds(c.usage().cpuCoreNanoSeconds()), c.usage().time(), labels);
            containerMemory.add(c.usage().workingSetBytes(), c.usage().time(), labels);
            if (c.startedAt() != null) {
                containerStart.add(c.startedAt().toEpochMilli() / 1000.0, c.usage().time(), labels);
            }
        }
        Family podCpu = Family.counter("pod_cpu_usage_seconds",
                "[STABLE] Cumulative cpu time consumed by the pod in core-seconds");
        Family podMemory = Family.gauge("pod_memory_working_set_bytes",
                "[STABLE] Current working set of the pod in bytes");
        for (UsageSnapshot.Pod p : usage.pods()) {
            UsageSnapshot.Usage total = p.total();
            podCpu.add(seconds(total.cpuCoreNanoSeconds()), total.time(), "namespace", p.namespace(), "pod", p.name());
            podMemory.add(total.workingSetBytes(), total.time(), "namespace", p.namespace(), "pod", p.name());
        }
        Family scrapeError = Family.gauge("resource_scrape_error",
                "[STABLE] 1 if there was an error while getting container metrics, 0 otherwise").add(0, null);
        return MetricSnapshots.of(nodeCpu.snapshot(), nodeMemory.snapshot(), containerCpu.snapshot(),
                containerMemory.snapshot(), containerStart.snapshot(), podCpu.snapshot(), podMemory.snapshot(),
                scrapeError.snapshot());
    }

    static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
