package io.kubelite.replication.statefulset;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One step of a StatefulSet's pods towards its spec, in kube-controller-manager's order: fill the
 * ordinals {@code [start, start+replicas)} lowest first, replacing failed pods; then remove the
 * pods beyond them, highest first; then roll the pods at or above the partition onto the update
 * revision, highest first, one at a time. Under {@code OrderedReady} each step waits for every
 * pod before it to be Running and Ready, so three replicas start as web-0, then web-1 once web-0
 * is Ready, then web-2, and scale down as web-2 first; under {@code Parallel} all creations and
 * removals happen at once (the rolling update stays one pod at a time).
 */
record StatefulPlan(List<Action> actions) {

    /** What the controller does to one pod. */
    sealed interface Action permits Create, Delete {
    }

    /** Create the pod of {@code ordinal} at the current revision (below the partition) or the update revision. */
    record Create(int ordinal, boolean atUpdateRevision) implements Action {
    }

    record Delete(String pod, int ordinal) implements Action {
    }

    /**
     * A pod as the plan sees it.
     *
     * @param revision    its {@code controller-revision-hash}
     * @param finished    phase Failed or Succeeded: replaced
     * @param healthy     Running, Ready and available for {@code minReadySeconds}
     */
    record PodState(String name, int ordinal, String revision, boolean terminating, boolean finished, boolean healthy) {
    }

    /**
     * @param ordered        {@code podManagementPolicy: OrderedReady}
     * @param rollingUpdate  {@code updateStrategy.type: RollingUpdate} (else OnDelete: pods change only when deleted)
     * @param partition      ordinals below {@code start + partition} stay on the current revision
     */
    record Spec(int start, int replicas, boolean ordered, boolean rollingUpdate, int partition, String updateRevision) {
    }

    static StatefulPlan decide(Spec spec, List<PodState> pods) {
        Map<Integer, PodState> slots = new TreeMap<>();
        List<PodState> condemned = new ArrayList<>();
        for (PodState p : pods) {
            if (p.ordinal() >= spec.start() && p.ordinal() < spec.start() + spec.replicas()) {
                slots.put(p.ordinal(), p);
            } else {
                condemned.add(p);
            }
        }
        condemned.sort(Comparator.comparingInt(PodState::ordinal));
        List<Action> actions = new ArrayList<>();
        for (int ordinal = spec.start(); ordinal < spec.start() + spec.replicas(); ordinal++) {
            PodState pod = slots.get(ordinal);
            if (pod == null) {
                actions.add(new Create(ordinal, !spec.rollingUpdate() || ordinal >= spec.start() + spec.partition()));
                if (spec.ordered()) {
                    return new StatefulPlan(actions);
                }
                continue;
            }
            if (pod.finished() && !pod.terminating()) {
                actions.add(new Delete(pod.name(), ordinal));
                if (spec.ordered()) {
                    return new StatefulPlan(actions);
                }
                continue;
            }
            if (spec.ordered() && !healthy(pod)) {
                return new StatefulPlan(actions);
            }
        }
        Optional<PodState> firstUnhealthy = condemned.stream().filter(p -> !healthy(p)).findFirst();
        for (int i = condemned.size() - 1; i >= 0; i--) {
            PodState pod = condemned.get(i);
            if (pod.terminating()) {
                if (spec.ordered()) {
                    return new StatefulPlan(actions);
                }
                continue;
            }
            if (spec.ordered() && !pod.healthy() && !firstUnhealthy.map(f -> f.name().equals(pod.name())).orElse(false)) {
                return new StatefulPlan(actions);
            }
            actions.add(new Delete(pod.name(), pod.ordinal()));
            if (spec.ordered()) {
                return new StatefulPlan(actions);
            }
        }
        if (!spec.rollingUpdate() || !actions.isEmpty()) {
            return new StatefulPlan(actions);
        }
        int lowest = spec.start() + Math.max(0, spec.partition());
        for (int ordinal = spec.start() + spec.replicas() - 1; ordinal >= lowest; ordinal--) {
            PodState pod = slots.get(ordinal);
            if (pod == null) {
                continue;
            }
            if (!spec.updateRevision().equals(pod.revision()) && !pod.terminating()) {
                actions.add(new Delete(pod.name(), ordinal));
                return new StatefulPlan(actions);
            }
            if (!healthy(pod)) {
                return new StatefulPlan(actions);
            }
        }
        return new StatefulPlan(actions);
    }

    private static boolean healthy(PodState pod) {
        return pod.healthy() && !pod.terminating();
    }
}
