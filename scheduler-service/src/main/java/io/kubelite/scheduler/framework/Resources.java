package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.Quantity;

import java.math.BigDecimal;
import java.util.Map;

/**
 * An amount of the resources the scheduler accounts for: CPU in millicores, memory in bytes and
 * a pod count. Example: requests {@code cpu: 250m, memory: 64Mi} are {@code (250, 67108864, 1)}
 * once counted as one pod.
 */
public record Resources(long milliCpu, long memory, long pods) {

    public static final Resources ZERO = new Resources(0, 0, 0);

    public Resources plus(Resources other) {
        return new Resources(milliCpu + other.milliCpu, memory + other.memory, pods + other.pods);
    }

    public Resources minus(Resources other) {
        return new Resources(milliCpu - other.milliCpu, memory - other.memory, pods - other.pods);
    }

    /** Component-wise maximum: how init containers combine with app containers. */
    public Resources max(Resources other) {
        return new Resources(Math.max(milliCpu, other.milliCpu), Math.max(memory, other.memory),
                Math.max(pods, other.pods));
    }

    /**
     * Reads {@code cpu}, {@code memory} and {@code pods} from a resource list (requests, capacity or
     * allocatable); missing entries count as zero. {@code cpu: "1.5"} is 1500 millicores; {@code memory: 1Gi}
     * is 1073741824 bytes; fractions of a millicore or byte round up, as Kubernetes' {@code MilliValue()} does.
     */
    public static Resources of(Map<String, Quantity> list) {
        if (list == null || list.isEmpty()) {
            return ZERO;
        }
        return new Resources(milli(list.get("cpu")), whole(list.get("memory")), whole(list.get("pods")));
    }

    static long milli(Quantity q) {
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().multiply(BigDecimal.valueOf(1000)).setScale(0, java.math.RoundingMode.CEILING)
                .longValueExact();
    }

    static long whole(Quantity q) {
        if (q == null) {
            return 0;
        }
        return q.getNumericalAmount().setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
