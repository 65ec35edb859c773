package io.kubelite.nodeagent.node;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Node object an agent registers and the status it reports: pure, built from the
 * configuration and what the runtime says about the host.
 */
public final class NodeDescription {

    public static final String KUBELET_VERSION = "v1.32.0-kubelite";

    /**
     * @param cpu     capacity cpu ("4"), from configuration or the host's processor count
     * @param memory  capacity memory ("16Gi" or bytes), from configuration or the host's memory
     * @param port    the agent's HTTP port: daemonEndpoints.kubeletEndpoint.port, where logs are served
     */
    public record Facts(String name, Map<String, String> labels, String address, String cpu, String memory,
            int maxPods, int port, ContainerRuntime.HostInfo host, String runtimeVersion) {
    }

    private NodeDescription() {
    }

    public static Node node(Facts facts, Instant now) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("kubernetes.io/hostname", facts.name());
        labels.put("kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", facts.host().architecture());
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("beta.kubernetes.io/arch", facts.host().architecture());
        labels.putAll(facts.labels());
        return new NodeBuilder().withNewMetadata().withName(facts.name()).withLabels(labels)
                .addToAnnotations("node.alpha.kubernetes.io/ttl", "0").endMetadata()
                .withNewSpec().endSpec()
                .withStatus(status(facts, true, now, null))
                .build();
    }

    /**
     * Capacity equals allocatable (no system reservations). Ready carries the kubelet's reason
     * and message; the pressure conditions are False. Transition times are kept from
     * {@code previous} while a condition keeps its status, heartbeats move every report.
     */
    public static NodeStatus status(Facts facts, boolean ready, Instant now, NodeStatus previous) {
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        capacity.put("cpu", new Quantity(facts.cpu()));
        capacity.put("memory", new Quantity(facts.memory()));
        capacity.put("pods", new Quantity(Integer.toString(facts.maxPods())));
        capacity.put("ephemeral-storage", new Quantity("100Gi"));
        List<NodeCondition> conditions = new ArrayList<>();
        conditions.add(condition(previous, "MemoryPressure", false, "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", now));
        conditions.add(condition(previous, "DiskPressure", false, "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure", now));
        conditions.add(condition(previous, "PIDPressure", false, "KubeletHasSufficientPID",
                "kubelet has sufficient PID available", now));
        conditions.add(condition(previous, "Ready", ready, ready ? "KubeletReady" : "KubeletNotReady",
                ready ? "kubelet is posting ready status" : "container runtime is down", now));
        return new NodeStatusBuilder()
                .withCapacity(capacity)
                .withAllocatable(new LinkedHashMap<>(capacity))
                .withConditions(conditions)
                .withAddresses(new NodeAddress(facts.address(), "InternalIP"), new NodeAddress(facts.name(), "Hostname"))
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(facts.port()).endKubeletEndpoint().endDaemonEndpoints()
                .withNewNodeInfo()
                .withMachineID(facts.name())
                .withSystemUUID(facts.name())
                .withBootID("")
                .withKernelVersion(facts.host().kernelVersion())
                .withOsImage(facts.host().osImage())
                .withContainerRuntimeVersion(facts.runtimeVersion())
                .withKubeletVersion(KUBELET_VERSION)
                .withKubeProxyVersion(KUBELET_VERSION)
                .withOperatingSystem(facts.host().operatingSystem())
                .withArchitecture(facts.host().architecture())
                .endNodeInfo()
                .build();
    }

    private static NodeCondition condition(NodeStatus previous, String type, boolean value, String reason,
            String message, Instant now) {
        String status = value ? "True" : "False";
        String transition = time(now);
        if (previous != null && previous.getConditions() != null) {
            for (NodeCondition old : previous.getConditions()) {
                if (old.getType().equals(type) && status.equals(old.getStatus()) && old.getLastTransitionTime() != null) {
                    transition = old.getLastTransitionTime();
                }
            }
        }
        return new NodeConditionBuilder().withType(type).withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(time(now)).withLastTransitionTime(transition).build();
    }

    /** Whether two statuses differ in anything but heartbeat times (a change worth reporting at once). */
    public static boolean changed(NodeStatus a, NodeStatus b) {
        if (a == null || b == null) {
            return true;
        }
        return !withoutHeartbeats(a).equals(withoutHeartbeats(b));
    }

    private static NodeStatus withoutHeartbeats(NodeStatus status) {
        NodeStatus copy = new NodeStatusBuilder(status).build();
        List<NodeCondition> conditions = new ArrayList<>();
        for (NodeCondition c : status.getConditions()) {
            conditions.add(new NodeConditionBuilder(c).withLastHeartbeatTime(null).build());
        }
        copy.setConditions(conditions);
        return copy;
    }

    static String time(Instant instant) {
        return instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    /** "16Gi"-style memory for a byte count, rounded down to whole Ki: 17179869184 → "16777216Ki". */
    public static String memoryQuantity(long bytes) {
        return (bytes / 1024) + "Ki";
    }
}
