package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.Objects;
import java.util.Set;

/**
 * Which pods this scheduler places: not yet bound ({@code spec.nodeName} empty), not being deleted,
 * not finished, and asking for this scheduler by name ({@code spec.schedulerName}, which the API
 * server defaults to {@code default-scheduler}; an empty one counts as the default).
 */
public final class Responsibility {

    public static final String DEFAULT_SCHEDULER = "default-scheduler";

    private Responsibility() {
    }

    public static boolean needsScheduling(Pod pod, Set<String> schedulerNames) {
        if (pod.getSpec() == null) {
            return false;
        }
        String node = pod.getSpec().getNodeName();
        if (node != null && !node.isEmpty()) {
            return false;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if ("Succeeded".equals(phase) || "Failed".equals(phase)) {
            return false;
        }
        String name = pod.getSpec().getSchedulerName();
        return schedulerNames.contains(name == null || name.isEmpty() ? DEFAULT_SCHEDULER : name);
    }

    /**
     * Whether an update of a pod concerns the scheduler, as kube-scheduler's queue decides: it does
     * when the pod starts or stops needing scheduling, or when what placement reads changed (spec,
     * labels, annotations). A pending pod's status-only update (the scheduler's own
     * {@code PodScheduled=False}, or any other status write) does not send it back to be decided
     * again.
     */
    public static boolean updateMatters(Pod oldPod, Pod newPod, Set<String> schedulerNames) {
        boolean needed = needsScheduling(oldPod, schedulerNames);
        boolean needs = needsScheduling(newPod, schedulerNames);
        if (needed != needs) {
            return true;
        }
        if (!needs) {
            return false;
        }
        return !Objects.equals(oldPod.getSpec(), newPod.getSpec())
                || !Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())
                || !Objects.equals(oldPod.getMetadata().getAnnotations(), newPod.getMetadata().getAnnotations());
    }

    /** True while the pod holds resources on a node: bound and not finished. */
    public static boolean occupiesNode(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
