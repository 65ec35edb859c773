package io.kubelite.replication.quota;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.machinery.quota.ComputeUsage;
import io.kubelite.machinery.quota.CountedResources;
import io.kubelite.machinery.validation.Quantities;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * What a namespace uses of each resource a ResourceQuota limits, as Kubernetes' resource quota
 * controller writes it to {@code status.used}: object counts ({@code pods}, {@code count/pods},
 * {@code services}, {@code count/deployments.apps}, …) and the compute resources of the pods that
 * have not finished ({@code requests.cpu} or plain {@code cpu}, {@code limits.memory}, …), summed
 * over their containers, plus each pod's overhead ({@link ComputeUsage#addOverhead}). Each amount
 * is printed in the family of the limit it is compared with: {@code requests.memory: 1Gi} and two
 * pods asking 128Mi each use {@code 256Mi}; {@code cpu: 2} and asks of 250m and 500m use
 * {@code 750m}. A limit on anything else is reported as used 0.
 */
public final class QuotaUsage {

    private QuotaUsage() {
    }

    /**
     * @param hard    the quota's limits
     * @param pods    the namespace's pods
     * @param countOf how many objects of a resource ({@code "services"}, {@code "jobs.batch"}) the
     *                namespace holds; asked only for the resources {@code hard} counts, other than pods
     */
    public static Map<String, Quantity> used(Map<String, Quantity> hard, List<Pod> pods, ToLongFunction<String> countOf) {
        List<Pod> active = pods.stream().filter(QuotaUsage::counts).toList();
        Map<String, BigDecimal> compute = null;
        Map<String, Quantity> used = new LinkedHashMap<>();
        for (Map.Entry<String, Quantity> limit : hard.entrySet()) {
            String name = limit.getKey();
            String counted = CountedResources.BY_LIMIT.get(name);
            if (counted != null) {
                long count = counted.equals("pods") ? active.size() : countOf.applyAsLong(counted);
                used.put(name, new Quantity(Long.toString(count)));
                continue;
            }
            if (compute == null) {
                compute = compute(active);
            }
            used.put(name, new Quantity(format(compute.getOrDefault(name, BigDecimal.ZERO), limit.getValue())));
        }
        return used;
    }

    /** A pod counts until it has finished (Succeeded or Failed), as in Kubernetes. */
    static boolean counts(Pod pod) {
        return ComputeUsage.charges(pod.getStatus() == null ? null : pod.getStatus().getPhase());
    }

    private static Map<String, BigDecimal> compute(List<Pod> pods) {
        Map<String, BigDecimal> sum = new HashMap<>();
        for (Pod pod : pods) {
            Map<String, BigDecimal> podSum = new HashMap<>();
            for (Container c : pod.getSpec().getContainers()) {
                if (c.getResources() != null) {
                    ComputeUsage.addContainer(podSum, written(c.getResources().getRequests()),
                            written(c.getResources().getLimits()));
                }
            }
            ComputeUsage.addOverhead(podSum, written(pod.getSpec().getOverhead()));
            podSum.forEach((name, amount) -> sum.merge(name, amount, BigDecimal::add));
        }
        return sum;
    }

    private static Map<String, String> written(Map<String, Quantity> quantities) {
        Map<String, String> written = new HashMap<>();
        if (quantities != null) {
            quantities.forEach((resource, amount) -> written.put(resource, amount.toString()));
        }
        return written;
    }

    /** {@code value} in the suffix family of {@code like}: binary (Ki, Mi, …) when it divides evenly. */
    static String format(BigDecimal value, Quantity like) {
        boolean binary = like != null && like.toString().endsWith("i");
        if (binary && value.signum() > 0 && value.stripTrailingZeros().scale() <= 0) {
            BigInteger bytes = value.toBigIntegerExact();
            BigInteger kibi = BigInteger.valueOf(1024);
            if (bytes.mod(kibi).signum() == 0) {
                return Quantities.canonical(bytes.divide(kibi) + "Ki");
            }
        }
        return Quantities.canonical(value.toPlainString());
    }
}
