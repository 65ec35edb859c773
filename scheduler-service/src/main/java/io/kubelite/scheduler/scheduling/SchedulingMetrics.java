package io.kubelite.scheduler.scheduling;

import java.time.Duration;

/** What a scheduling attempt reports for kube-scheduler's metrics; {@link #NONE} for tests and benchmarks. */
public interface SchedulingMetrics {

    /** kube-scheduler's {@code result} label: a node found and bound, no node fits, or the binding failed. */
    enum Result { SCHEDULED, UNSCHEDULABLE, ERROR }

    /**
     * One attempt for a pod of scheduler {@code profile} ({@code default-scheduler}), from the
     * start of its decision to the end of its binding (or to the decision that nothing fits).
     */
    void attempted(String profile, Result result, Duration took);

    /** Preemption was tried for a pod that fits nowhere; {@code victims} chosen (0: none would help). */
    void preemptionTried(int victims);

    SchedulingMetrics NONE = new SchedulingMetrics() {
        @Override
        public void attempted(String profile, Result result, Duration took) {
        }

        @Override
        public void preemptionTried(int victims) {
        }
    };
}
