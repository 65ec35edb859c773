package io.kubelite.scheduler.placement;

/** The outcome of one scheduling cycle for one pod. */
public sealed interface Decision permits Decision.Fits, Decision.Unschedulable {

    /** How many nodes the cycle examined, so the next cycle can start after them. */
    int examined();

    /**
     * The pod goes to {@code nodeName}, the best of {@code feasible} nodes that passed every filter
     * (out of {@code examined} looked at).
     */
    record Fits(String nodeName, long score, int feasible, int examined) implements Decision {
    }

    /** No node passes; {@code error} says why, per node. */
    record Unschedulable(FitError error, int examined) implements Decision {
    }
}
