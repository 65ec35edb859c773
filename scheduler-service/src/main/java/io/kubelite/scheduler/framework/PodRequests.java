package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;

import java.util.List;

/**
 * What a pod asks of a node, computed as Kubernetes does: the sum over app containers, raised to
 * the largest single init container (init containers run one at a time, before the app
 * containers), plus {@code spec.overhead}; one pod slot.
 *
 * <p>Example: app containers asking 100m and 200m CPU and an init container asking 500m need
 * max(300m, 500m) = 500m.
 */
public final class PodRequests {

    /** What a container without a CPU request counts as when scoring (Kubernetes' DefaultMilliCPURequest). */
    public static final long DEFAULT_MILLI_CPU = 100;
    /** What a container without a memory request counts as when scoring: 200 MiB. */
    public static final long DEFAULT_MEMORY = 200L * 1024 * 1024;

    private PodRequests() {
    }

    /** The requests the fit filter checks; containers without requests ask nothing. */
    public static Resources of(Pod pod) {
        return compute(pod, false);
    }

    /**
     * The requests scores use: a container without a CPU (memory) request counts as 100m (200 MiB), so
     * that piling best-effort pods on one node does not look free.
     */
    public static Resources nonZero(Pod pod) {
        return compute(pod, true);
    }

    private static Resources compute(Pod pod, boolean nonZero) {
        PodSpec spec = pod.getSpec();
        if (spec == null) {
            return new Resources(0, 0, 1);
        }
        Resources apps = Resources.ZERO;
        for (Container c : orEmpty(spec.getContainers())) {
            apps = apps.plus(container(c, nonZero));
        }
        Resources init = Resources.ZERO;
        for (Container c : orEmpty(spec.getInitContainers())) {
            init = init.max(container(c, nonZero));
        }
        Resources total = apps.max(init).plus(Resources.of(spec.getOverhead()));
        return new Resources(total.milliCpu(), total.memory(), 1);
    }

    private static Resources container(Container c, boolean nonZero) {
        Resources r = c.getResources() == null ? Resources.ZERO : Resources.of(c.getResources().getRequests());
        boolean hasCpu = c.getResources() != null && c.getResources().getRequests() != null
                && c.getResources().getRequests().containsKey("cpu");
        boolean hasMemory = c.getResources() != null && c.getResources().getRequests() != null
                && c.getResources().getRequests().containsKey("memory");
        long cpu = nonZero && !hasCpu ? DEFAULT_MILLI_CPU : r.milliCpu();
        long memory = nonZero && !hasMemory ? DEFAULT_MEMORY : r.memory();
        return new Resources(cpu, memory, 0);
    }

    private static <T> List<T> orEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }
}
