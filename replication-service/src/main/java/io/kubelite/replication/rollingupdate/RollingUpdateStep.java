package io.kubelite.replication.rollingupdate;

/**
 * One step of {@code rolling-update OLD -f NEW}, as kubectl's removed rolling-update did it with
 * its defaults (maxSurge 1, maxUnavailable 0): add one pod of the new controller, wait until
 * it is Ready, remove one of the old, and so on. Example with 3 replicas: new 0→1, wait for 1
 * ready, old 3→2; new 1→2, wait, old 2→1; new 2→3, wait, old 1→0; done.
 */
public sealed interface RollingUpdateStep {

    record ScaleNewUp(int to) implements RollingUpdateStep {
    }

    record ScaleOldDown(int to) implements RollingUpdateStep {
    }

    record WaitForReady() implements RollingUpdateStep {
    }

    record Done() implements RollingUpdateStep {
    }

    /**
     * @param desired  the new controller's replicas from the file
     * @param oldSpec  the old controller's spec.replicas now
     * @param newSpec  the new controller's spec.replicas now
     * @param newReady the new controller's Ready pods (status.readyReplicas)
     */
    static RollingUpdateStep next(int desired, int oldSpec, int newSpec, int newReady) {
        if (newReady < newSpec) {
            return new WaitForReady();
        }
        // surplus over desired is what the old controller may shed now without losing availability
        if (oldSpec > 0 && newReady + oldSpec > desired) {
            return new ScaleOldDown(Math.max(0, desired - newReady));
        }
        if (newSpec < desired) {
            return new ScaleNewUp(newSpec + 1);
        }
        if (oldSpec > 0) {
            return new ScaleOldDown(0);
        }
        return new Done();
    }
}
