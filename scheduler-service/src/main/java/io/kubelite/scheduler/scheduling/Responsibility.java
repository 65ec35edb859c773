package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Pod;

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

    /** True while the pod holds resources on a node: bound and not finished. */
    public static boolean occupiesNode(Pod pod) {
        if (pod.getSpec() == null || pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
            return false;
        }
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }
}
