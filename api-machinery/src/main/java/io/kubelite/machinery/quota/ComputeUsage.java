package io.kubelite.machinery.quota;

import io.kubelite.machinery.validation.Quantities;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The compute a pod charges to a ResourceQuota, by limit name: each container's request of a
 * resource counts as {@code requests.<resource>} and as plain {@code <resource>}, its limit as
 * {@code limits.<resource>}; a pod's {@code spec.overhead} (set from its RuntimeClass) is added to its
 * requests, and to its limits of the resources it limits, as Kubernetes' pod evaluator counts it;
 * a pod that has finished (Succeeded or Failed) charges nothing. Admission and the resource quota
 * controller both sum through here.
 *
 * <p>Example: a container asking cpu 250m with a limit of 500m, in a pod with overhead cpu 100m and
 * memory 32Mi, charges {@code requests.cpu=350m}, {@code limits.cpu=600m} and
 * {@code requests.memory=32Mi}, but no {@code limits.memory}, since nothing of the pod limits memory.
 */
public final class ComputeUsage {

    private ComputeUsage() {
    }

    /** Whether a pod in {@code phase} (null when not reported yet) still charges its quota. */
    public static boolean charges(String phase) {
        return !"Succeeded".equals(phase) && !"Failed".equals(phase);
    }

    /** Adds one container's requests and limits (quantities as written, {@code 250m}) to {@code sum}. */
    public static void addContainer(Map<String, BigDecimal> sum, Map<String, String> requests, Map<String, String> limits) {
        requests.forEach((resource, amount) -> {
            BigDecimal v = Quantities.value(amount);
            sum.merge("requests." + resource, v, BigDecimal::add);
            sum.merge(resource, v, BigDecimal::add);
        });
        limits.forEach((resource, amount) -> sum.merge("limits." + resource, Quantities.value(amount), BigDecimal::add));
    }

    /**
     * Adds one pod's overhead to {@code podSum}, which holds that pod's containers alone (a limit
     * the pod does not set stays unset, so the sum must not yet hold other pods).
     */
    public static void addOverhead(Map<String, BigDecimal> podSum, Map<String, String> overhead) {
        overhead.forEach((resource, amount) -> {
            BigDecimal v = Quantities.value(amount);
            podSum.merge("requests." + resource, v, BigDecimal::add);
            podSum.merge(resource, v, BigDecimal::add);
            BigDecimal limit = podSum.get("limits." + resource);
            if (limit != null && limit.signum() != 0) {
                podSum.put("limits." + resource, limit.add(v));
            }
        });
    }
}
