package io.kubelite.scheduler.preemption;

import io.kubelite.scheduler.framework.PodInfo;

import java.util.List;

/** What preemption decided for a pod no node fits. */
public sealed interface Outcome {

    /**
     * The text kube-scheduler appends to the FailedScheduling message ({@code preemption: ...}), empty
     * when victims were chosen.
     */
    String message();

    /**
     * Delete {@code victims} from {@code nodeName} and nominate the pod there; the pods nominated to
     * that node with a lower priority lose their nomination.
     */
    record Nominated(String nodeName, List<PodInfo> victims, List<PodInfo> lowerPriorityNominated) implements Outcome {

        @Override
        public String message() {
            return "";
        }
    }

    /** The pod may not preempt now ({@code preemptionPolicy: Never}, or its earlier victims are still leaving); its nomination stays. */
    record NotEligible(String message) implements Outcome {
    }

    /** No node would fit the pod even without the pods it outranks; a nomination it had is cleared. */
    record NoCandidate(String message) implements Outcome {
    }
}
