package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.IntOrString;

/**
 * maxSurge and maxUnavailable as pod counts, as Kubernetes' {@code ResolveFenceposts}:
 * percentages of {@code replicas}, surge rounded up and unavailable rounded down; if both come
 * out 0, unavailable becomes 1 so a rollout can progress. Examples with the 25% defaults:
 * 10 replicas → surge ⌈2.5⌉ = 3, unavailable ⌊2.5⌋ = 2; 1 replica → surge 1, unavailable 0;
 * maxSurge 0 and maxUnavailable 0% of 3 → unavailable 1.
 */
public record Fenceposts(int maxSurge, int maxUnavailable) {

    public static final IntOrString DEFAULT = new IntOrString("25%");

    public static Fenceposts resolve(IntOrString maxSurge, IntOrString maxUnavailable, int replicas) {
        int surge = scaled(maxSurge == null ? DEFAULT : maxSurge, replicas, true);
        int unavailable = scaled(maxUnavailable == null ? DEFAULT : maxUnavailable, replicas, false);
        if (surge == 0 && unavailable == 0) {
            unavailable = 1;
        }
        return new Fenceposts(surge, unavailable);
    }

    /** An int, or a percentage of {@code total} rounded up or down. */
    static int scaled(IntOrString value, int total, boolean roundUp) {
        if (value.getIntVal() != null) {
            return value.getIntVal();
        }
        String s = value.getStrVal();
        if (s == null || !s.endsWith("%")) {
            throw new IllegalArgumentException("invalid value for IntOrString: invalid type: string is not a percentage: \""
                    + s + "\"");
        }
        int percent = Integer.parseInt(s.substring(0, s.length() - 1));
        long product = (long) percent * total;
        return (int) (roundUp ? (product + 99) / 100 : product / 100);
    }
}
