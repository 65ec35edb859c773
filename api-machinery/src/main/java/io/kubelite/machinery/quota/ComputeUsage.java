package io.kubelite.machinery.quota;

import io.kubelite.machinery.validation.Quantities;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The compute a pod charges to a ResourceQuota, by limit name: each container's request of a
 * resource counts as {@code requests.<resource>} and as plain {@code <resource>}, its limit as
 * {@code limits.<resource>}; a pod that has finished (Succeeded or Failed) charges nothing.
 * Admission and the resource quota controller both sum through here.
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
}
