package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/**
 * A pod with what filters and scores need computed once: requests, scoring requests, host ports,
 * the uid of its controller (the RC/ReplicaSet/... whose replicas should spread) and its priority
 * ({@code spec.priority}, which Priority admission sets from the PriorityClass; 0 without one).
 */
public record PodInfo(Pod pod, String key, Resources requests, Resources nonZeroRequests, List<HostPort> hostPorts,
        String controllerUid, int priority) {

    public static PodInfo of(Pod pod) {
        return new PodInfo(pod, keyOf(pod), PodRequests.of(pod), PodRequests.nonZero(pod), HostPort.of(pod),
                controllerUid(pod), priorityOf(pod));
    }

    public static int priorityOf(Pod pod) {
        Integer priority = pod.getSpec() == null ? null : pod.getSpec().getPriority();
        return priority == null ? 0 : priority;
    }

    /** Whether the pod is being deleted (it still holds its node until it is gone). */
    public boolean terminating() {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    public static String keyOf(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String controllerUid(Pod pod) {
        List<OwnerReference> owners = pod.getMetadata().getOwnerReferences();
        if (owners == null) {
            return null;
        }
        for (OwnerReference owner : owners) {
            if (Boolean.TRUE.equals(owner.getController())) {
                return owner.getUid();
            }
        }
        return null;
    }
}
