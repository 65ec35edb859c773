package io.kubelite.autoscaler.hpa;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How many replicas a resource-utilization target asks for: Kubernetes' HPA replica calculator.
 *
 * <p>Example: 3 ready pods requesting 100m CPU each use 180m, 200m and 220m; target 50 %. Usage is
 * 600m of 300m requested, 200 %, ratio 4.0 → ceil(4.0 × 3) = 12 replicas. At 52 % the ratio 1.04 lies
 * within the tolerance (0.1) and the count stays. A pod without metrics counts as using 100 % of its
 * request when the others say scale down, and 0 % when they say scale up; an unready pod counts 0 %
 * when scaling up — so neither can push the count further than the measured pods justify, and a
 * result that would turn the direction round leaves the count as it is.
 */
public final class ReplicaCalculator {

    /** A pod of the target: whether it is ready, what it requests (sum of its containers) and uses (null: no metrics). */
    public record PodSample(String name, boolean ready, long request, Long usage) {
    }

    /** The replica count asked for and the measured utilization (percent of requests, over the pods with metrics). */
    public record Recommendation(int replicas, int utilization, long averageUsage) {
    }

    private ReplicaCalculator() {
    }

    /** @throws IllegalStateException when no pod has metrics (FailedGetResourceMetric) */
    public static Recommendation utilization(int current, List<PodSample> pods, int targetUtilization, double tolerance) {
        Map<String, Long> usage = new LinkedHashMap<>();
        Map<String, Long> requests = new LinkedHashMap<>();
        List<PodSample> unready = new ArrayList<>();
        List<PodSample> missing = new ArrayList<>();
        for (PodSample pod : pods) {
            requests.put(pod.name(), pod.request());
            if (pod.usage() == null) {
                missing.add(pod);
            } else if (!pod.ready()) {
                unready.add(pod);
            } else {
                usage.put(pod.name(), pod.usage());
            }
        }
        if (usage.isEmpty()) {
            throw new IllegalStateException("did not receive metrics for targeted pods (pods might be unready)");
        }
        int readyCount = usage.size();
        int utilization = utilizationOf(usage, requests);
        long average = usage.values().stream().mapToLong(Long::longValue).sum() / usage.size();
        double ratio = (double) utilization / targetUtilization;
        boolean scaleUpWithUnready = !unready.isEmpty() && ratio > 1.0;
        if (!scaleUpWithUnready && missing.isEmpty()) {
            if (Math.abs(1.0 - ratio) <= tolerance) {
                return new Recommendation(current, utilization, average);
            }
            return new Recommendation((int) Math.ceil(ratio * readyCount), utilization, average);
        }
        if (!missing.isEmpty()) {
            for (PodSample pod : missing) {
                if (ratio < 1.0) {
                    usage.put(pod.name(), pod.request() * Math.max(100, targetUtilization) / 100);
                } else if (ratio > 1.0) {
                    usage.put(pod.name(), 0L);
                }
            }
        }
        if (scaleUpWithUnready) {
            unready.forEach(pod -> usage.put(pod.name(), 0L));
        }
        double newRatio = (double) utilizationOf(usage, requests) / targetUtilization;
        if (Math.abs(1.0 - newRatio) <= tolerance || (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0)) {
            return new Recommendation(current, utilization, average);
        }
        int replicas = (int) Math.ceil(newRatio * usage.size());
        if ((newRatio < 1.0 && replicas > current) || (newRatio > 1.0 && replicas < current)) {
            return new Recommendation(current, utilization, average);
        }
        return new Recommendation(replicas, utilization, average);
    }

    /** Usage of the pods in {@code usage} as a whole percentage of what they request. */
    private static int utilizationOf(Map<String, Long> usage, Map<String, Long> requests) {
        long used = 0;
        long requested = 0;
        for (Map.Entry<String, Long> e : usage.entrySet()) {
            used += e.getValue();
            requested += requests.get(e.getKey());
        }
        return requested == 0 ? 0 : (int) (used * 100 / requested);
    }
}
