package io.kubelite.nodeagent.kubelet;

import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kubelet's own gauges at {@code /metrics}: {@code kubelet_node_name}, {@code kubelet_running_pods}
 * (pods with a running sandbox) and {@code kubelet_running_containers} by {@code container_state}
 * ({@code created}, {@code running}, {@code exited}), counted from the runtime's containers of the node.
 */
final class KubeletMetrics {

    private KubeletMetrics() {
    }

    static MetricSnapshots of(String nodeName, List<RuntimeContainer> containers) {
        long runningSandboxes = containers.stream()
                .filter(c -> ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME)) && c.running())
                .count();
        Map<String, Integer> byState = new TreeMap<>();
        for (RuntimeContainer c : containers) {
            if (!ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME))) {
                byState.merge(c.state().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        Family name = Family.gauge("kubelet_node_name", "[ALPHA] The node's name. The count is always 1.")
                .add(1, null, "node", nodeName);
        Family running = Family.gauge("kubelet_running_pods", "[ALPHA] Number of pods that have a running pod sandbox")
                .add(runningSandboxes, null);
        Family states = Family.gauge("kubelet_running_containers", "[ALPHA] Number of containers currently running");
        byState.forEach((state, count) -> states.add(count, null, "container_state", state));
        return MetricSnapshots.of(name.snapshot(), running.snapshot(), states.snapshot());
    }
}
