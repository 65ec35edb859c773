package io.kubelite.scheduler.binding;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.concurrent.CompletionStage;

/** The scheduler's writes to the API: bindings and the PodScheduled condition. */
public interface PodBinder {

    /**
     * POSTs a Binding of {@code pod} to {@code nodeName} ({@code pods/binding}); completes
     * exceptionally with {@link BindingException} when the API refuses.
     */
    CompletionStage<Void> bind(Pod pod, String nodeName);

    /**
     * Sets {@code PodScheduled=False, reason Unschedulable, message} through the status subresource
     * (a strategic merge patch, so the pod's other conditions stay).
     */
    default void markUnschedulable(Pod pod, String message) {
        markUnschedulable(pod, message, null);
    }

    /**
     * As {@link #markUnschedulable(Pod, String)}, and sets {@code status.nominatedNodeName}: to
     * {@code nominatedNodeName}, removed when it is empty, left as it is when null.
     */
    void markUnschedulable(Pod pod, String message, String nominatedNodeName);

    /**
     * Preempts {@code victim} for {@code preemptor}, as kube-scheduler does: the condition
     * {@code DisruptionTarget=True, reason PreemptionByScheduler} on the victim's status, then a delete
     * (with the victim's own grace period). A victim already gone is not an error.
     */
    void preempt(Pod victim, Pod preemptor);

    /** Removes {@code status.nominatedNodeName} of a pod whose nomination a higher-priority pod took over. */
    void clearNomination(Pod pod);

    /** A refused binding: {@code code} is the HTTP status (409: the pod is already bound or being deleted). */
    final class BindingException extends RuntimeException {

        private final int code;

        public BindingException(int code, String message) {
            super(message);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
