package io.kubelite.replication.disruption;

import io.fabric8.kubernetes.api.model.IntOrString;

import java.util.OptionalInt;

/**
 * How many of a budget's pods must stay healthy, as kube-controller-manager's disruption
 * controller reckons it. {@code minAvailable: 2} over 3 matching pods: 2 of 3 expected;
 * {@code minAvailable: 50%} or {@code maxUnavailable: 1} count against the replicas the pods'
 * controllers ask for — a Deployment of 4 with {@code maxUnavailable: 25%} needs 3 healthy
 * (percentages round up: 25% of 5 is 2 unavailable, so 3). Disruptions allowed: the healthy
 * beyond that, never below zero, and none when no pod is expected.
 */
record DisruptionBudget(int expectedPods, int desiredHealthy) {

    /**
     * @param matching       the pods the selector matches
     * @param controllerScale the summed replicas of their controllers, empty when a pod has none
     *                        that scales (needed only for percentages and maxUnavailable)
     */
    static DisruptionBudget of(IntOrString minAvailable, IntOrString maxUnavailable, int matching, OptionalInt controllerScale) {
        if (maxUnavailable != null) {
            int expected = controllerScale.orElseThrow(NoControllersException::new);
            return new DisruptionBudget(expected, Math.max(0, expected - scaled(maxUnavailable, expected)));
        }
        if (minAvailable != null) {
            if (minAvailable.getStrVal() == null) {
                return new DisruptionBudget(matching, minAvailable.getIntVal() == null ? 0 : minAvailable.getIntVal());
            }
            int expected = controllerScale.orElseThrow(NoControllersException::new);
            return new DisruptionBudget(expected, scaled(minAvailable, expected));
        }
        return new DisruptionBudget(matching, 0);
    }

    int disruptionsAllowed(int currentHealthy) {
        int allowed = currentHealthy - desiredHealthy;
        return expectedPods <= 0 || allowed <= 0 ? 0 : allowed;
    }

    /** Go's {@code GetScaledValueFromIntOrPercent(v, total, roundUp=true)}. */
    static int scaled(IntOrString value, int total) {
        if (value.getStrVal() == null) {
            return value.getIntVal() == null ? 0 : value.getIntVal();
        }
        String s = value.getStrVal();
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        return (int) Math.ceil(percent * (double) total / 100.0);
    }

    /** A percentage or maxUnavailable over pods whose controllers cannot be found. */
    static final class NoControllersException extends RuntimeException {
        NoControllersException() {
            super("found no controllers for the budget's pods");
        }
    }
}
