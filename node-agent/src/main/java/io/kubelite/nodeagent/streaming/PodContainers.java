package io.kubelite.nodeagent.streaming;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.kubelite.controller.ObjectKey;
import io.kubelite.nodeagent.NodeAgent;
import io.kubelite.nodeagent.NodeAgents;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Finds the engine's containers of one pod container on the nodes this JVM runs, for the
 * streaming endpoints (logs, exec): the latest attempt first, then the previous ones.
 */
@Component
public class PodContainers {

    private final NodeAgents agents;

    public PodContainers(NodeAgents agents) {
        this.agents = agents;
    }

    /** What a node knows of one pod container. */
    public record Found(NodeAgent agent, List<RuntimeContainer> attempts, Optional<String> waitingReason) {
    }

    /**
     * The containers of {@code namespace/pod}'s {@code container} on the node named {@code node}
     * (any of this JVM's nodes when null): the first node that runs an attempt of it, or that
     * knows the pod and can say why it has none yet; empty when no node knows it.
     */
    public Optional<Found> find(String namespace, String pod, String container, String node) {
        for (NodeAgent agent : agents.agents()) {
            if (node != null && !node.equals(agent.name())) {
                continue;
            }
            Map<String, String> filter = new HashMap<>(ContainerLabels.owner(agent.owner().clusterId(), agent.name()));
            filter.put(ContainerLabels.POD_NAMESPACE, namespace);
            filter.put(ContainerLabels.POD_NAME, pod);
            filter.put(ContainerLabels.CONTAINER_NAME, container);
            List<RuntimeContainer> attempts = agents.runtime().list(filter).stream()
                    .sorted(Comparator.comparingInt(PodContainers::restartCount).reversed()).toList();
            if (!attempts.isEmpty()) {
                return Optional.of(new Found(agent, attempts, Optional.empty()));
            }
            Optional<String> waiting = waitingReason(agent, namespace, pod, container);
            if (waiting.isPresent()) {
                return Optional.of(new Found(agent, attempts, waiting));
            }
        }
        return Optional.empty();
    }

    /** The waiting reason kubectl shows (ContainerCreating, ErrImagePull …) of a container that never started. */
    private static Optional<String> waitingReason(NodeAgent agent, String namespace, String pod, String container) {
        return agent.pods().get(new ObjectKey(namespace, pod))
                .filter(p -> p.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(container)))
                .map(p -> {
                    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                        for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
                            if (s.getName().equals(container) && s.getState() != null && s.getState().getWaiting() != null) {
                                return s.getState().getWaiting().getReason();
                            }
                        }
                    }
                    return "ContainerCreating";
                });
    }

    private static int restartCount(RuntimeContainer c) {
        try {
            return Integer.parseInt(c.label(ContainerLabels.RESTART_COUNT));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
