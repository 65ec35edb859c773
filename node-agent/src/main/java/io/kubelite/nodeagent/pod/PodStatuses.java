package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateBuilder;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodReadinessGate;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** A pod's status from what the worker observed: pure, so every rule has a table test. */
public final class PodStatuses {

    private PodStatuses() {
    }

    public static PodStatus compute(Pod pod, String podIp, String hostIp, List<ContainerObservation> containers,
            Instant now) {
        return compute(pod, podIp, hostIp, List.of(), containers, false, now);
    }

    /**
     * The status from the init containers' and the app containers' observations. Until every init
     * container has exited 0 (a sidecar, {@code restartPolicy: Always}: is running) the pod is
     * Pending and {@code Initialized} False ({@code containers with incomplete status: [init-db]});
     * {@code initFailed} (one failed under restartPolicy Never) makes it Failed.
     */
    public static PodStatus compute(Pod pod, String podIp, String hostIp, List<ContainerObservation> init,
            List<ContainerObservation> containers, boolean initFailed, Instant now) {
        PodStatus old = pod.getStatus() == null ? new PodStatus() : pod.getStatus();
        List<ContainerStatus> statuses = new ArrayList<>();
        for (ContainerObservation c : containers) {
            statuses.add(containerStatus(c));
        }
        java.util.Set<String> sidecars = new java.util.HashSet<>();
        if (pod.getSpec().getInitContainers() != null) {
            pod.getSpec().getInitContainers().stream().filter(c -> "Always".equals(c.getRestartPolicy()))
                    .forEach(c -> sidecars.add(c.getName()));
        }
        List<ContainerStatus> initStatuses = new ArrayList<>();
        List<String> incomplete = new ArrayList<>();
        List<ContainerStatus> readiness = new ArrayList<>(statuses);
        for (ContainerObservation c : init) {
            ContainerStatus status = containerStatus(c);
            boolean sidecar = sidecars.contains(c.name());
            RuntimeContainer current = c.current();
            boolean done = sidecar ? current != null && current.running() && c.started()
                    : current != null && current.state() == RuntimeContainer.State.EXITED && current.exitCode() == 0
                      && c.waitingReason() == null;
            status.setReady(c.ready() && c.waitingReason() == null && (!sidecar || done));
            initStatuses.add(status);
            if (!done) {
                incomplete.add(c.name());
            }
            if (sidecar) {
                readiness.add(status);
            }
        }
        boolean initialized = incomplete.isEmpty();
        String phase = initFailed ? "Failed" : initialized ? phase(pod.getSpec().getRestartPolicy(), statuses) : "Pending";
        boolean keepReason = false;
        if ("Succeeded".equals(old.getPhase()) || "Failed".equals(old.getPhase())) {
            phase = old.getPhase();
            keepReason = true;
        }
        boolean allReady = initialized && !statuses.isEmpty()
                && readiness.stream().allMatch(s -> Boolean.TRUE.equals(s.getReady()));
        boolean completed = "Succeeded".equals(phase) || "Failed".equals(phase);
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(old, "PodReadyToStartContainers", podIp != null && !podIp.isEmpty(), null, now));
        PodCondition initializedCondition = condition(old, "Initialized", initialized,
                initialized ? null : "ContainersNotInitialized", now);
        if (!initialized) {
            initializedCondition.setMessage("containers with incomplete status: [" + String.join(" ", incomplete) + "]");
        }
        conditions.add(initializedCondition);
        String notReadyReason = completed ? "PodCompleted" : "ContainersNotReady";
        String gates = allReady ? unsatisfiedReadinessGates(pod, old) : "";
        boolean podReady = allReady && gates.isEmpty();
        PodCondition ready = condition(old, "Ready", podReady,
                podReady ? null : allReady ? "ReadinessGatesNotReady" : notReadyReason, now);
        if (!gates.isEmpty()) {
            ready.setMessage(gates);
        }
        conditions.add(ready);
        conditions.add(condition(old, "ContainersReady", allReady, allReady ? null : notReadyReason, now));
        conditions.add(condition(old, "PodScheduled", true, null, now));
        if (!allReady && !completed) {
            String unready = String.join(" ", readiness.stream().filter(s -> !Boolean.TRUE.equals(s.getReady()))
                    .map(ContainerStatus::getName).toList());
            for (PodCondition condition : conditions) {
                if (condition.getType().equals("Ready") || condition.getType().equals("ContainersReady")) {
                    condition.setMessage("containers with unready status: [" + unready + "]");
                }
            }
        }
        // conditions others own (a readiness gate's, DisruptionTarget) stay as they are
        if (old.getConditions() != null) {
            for (PodCondition foreign : old.getConditions()) {
                if (!KUBELET_CONDITIONS.contains(foreign.getType())) {
                    conditions.add(foreign);
                }
            }
        }
        PodStatusBuilder status = new PodStatusBuilder()
                .withPhase(phase)
                .withConditions(conditions)
                .withHostIP(hostIp)
                .withHostIPs(new HostIP(hostIp))
                .withStartTime(old.getStartTime() != null ? old.getStartTime() : time(now))
                .withContainerStatuses(statuses)
                .withInitContainerStatuses(initStatuses.isEmpty() ? null : initStatuses)
                .withQosClass(QosClass.of(pod));
        if (keepReason) {
            status.withReason(old.getReason()).withMessage(old.getMessage());
        }
        if (podIp != null && !podIp.isEmpty()) {
            status.withPodIP(podIp).withPodIPs(new PodIP(podIp));
        } else if (old.getPodIP() != null) {
            status.withPodIP(old.getPodIP()).withPodIPs(old.getPodIPs());
        }
        return status.build();
    }

    /**
     * {@code ours} (the status this agent last wrote) with the conditions others own taken from
     * {@code api} (the pod as the API has it now): a readiness gate's condition set meanwhile counts.
     */
    public static PodStatus withForeignConditions(PodStatus ours, PodStatus api) {
        List<PodCondition> conditions = new ArrayList<>();
        if (ours.getConditions() != null) {
            ours.getConditions().stream().filter(c -> KUBELET_CONDITIONS.contains(c.getType())).forEach(conditions::add);
        }
        if (api != null && api.getConditions() != null) {
            api.getConditions().stream().filter(c -> !KUBELET_CONDITIONS.contains(c.getType())).forEach(conditions::add);
        }
        return new PodStatusBuilder(ours).withConditions(conditions).build();
    }

    /** The conditions the node agent computes; any other on the pod belongs to someone else and is kept. */
    static final java.util.Set<String> KUBELET_CONDITIONS = java.util.Set.of("PodReadyToStartContainers", "Initialized",
            "Ready", "ContainersReady", "PodScheduled");

    /**
     * Why the pod's readiness gates hold it not Ready, as the kubelet words it, or "" when each
     * gate's condition is True. Example: {@code corresponding condition of pod readiness gate
     * "example.com/feature-1" does not exist.}
     */
    static String unsatisfiedReadinessGates(Pod pod, PodStatus old) {
        if (pod.getSpec().getReadinessGates() == null) {
            return "";
        }
        List<String> unready = new ArrayList<>();
        for (PodReadinessGate gate : pod.getSpec().getReadinessGates()) {
            PodCondition condition = old.getConditions() == null ? null : old.getConditions().stream()
                    .filter(c -> gate.getConditionType().equals(c.getType())).findFirst().orElse(null);
            if (condition == null) {
                unready.add("corresponding condition of pod readiness gate \"" + gate.getConditionType() + "\" does not exist.");
            } else if (!"True".equals(condition.getStatus())) {
                unready.add("the status of pod readiness gate \"" + gate.getConditionType() + "\" is not \"True\", but "
                        + condition.getStatus());
            }
        }
        return String.join(", ", unready);
    }

    /**
     * Kubernetes' getPhase: any container still waiting for its first run → Pending; any running →
     * Running; all stopped → Running if they will restart (Always, or OnFailure with a failure),
     * else Succeeded when every one exited 0 and Failed otherwise. A container waiting to restart
     * (CrashLoopBackOff, with a lastState) counts as stopped.
     */
    public static String phase(String restartPolicy, List<ContainerStatus> statuses) {
        int waiting = 0;
        int running = 0;
        int stopped = 0;
        int succeeded = 0;
        for (ContainerStatus s : statuses) {
            ContainerState state = s.getState();
            if (state.getRunning() != null) {
                running++;
            } else if (state.getTerminated() != null) {
                stopped++;
                if (state.getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else if (s.getLastState() != null && s.getLastState().getTerminated() != null) {
                stopped++;
                if (s.getLastState().getTerminated().getExitCode() == 0) {
                    succeeded++;
                }
            } else {
                waiting++;
            }
        }
        if (waiting > 0) {
            return "Pending";
        }
        if (running > 0) {
            return "Running";
        }
        if (stopped > 0) {
            if ("Always".equals(restartPolicy) || restartPolicy == null) {
                return "Running";
            }
            if ("OnFailure".equals(restartPolicy)) {
                return stopped == succeeded ? "Succeeded" : "Running";
            }
            return stopped == succeeded ? "Succeeded" : "Failed";
        }
        return "Pending";
    }

    static ContainerStatus containerStatus(ContainerObservation c) {
        RuntimeContainer current = c.current();
        ContainerState state;
        ContainerState lastState;
        if (c.waitingReason() != null) {
            state = waiting(c.waitingReason(), c.waitingMessage());
            RuntimeContainer last = current != null && current.state() == RuntimeContainer.State.EXITED ? current : c.previous();
            lastState = last == null ? new ContainerState() : terminated(last);
        } else if (current == null || current.state() == RuntimeContainer.State.CREATED) {
            state = waiting("ContainerCreating", null);
            lastState = c.previous() == null ? new ContainerState() : terminated(c.previous());
        } else if (current.running()) {
            state = new ContainerStateBuilder().withNewRunning().withStartedAt(time(current.startedAt())).endRunning().build();
            lastState = c.previous() == null ? new ContainerState() : terminated(c.previous());
        } else {
            state = terminated(current);
            lastState = c.previous() == null ? new ContainerState() : terminated(c.previous());
        }
        ContainerStatusBuilder status = new ContainerStatusBuilder()
                .withName(c.name())
                .withImage(c.image())
                .withImageID(current == null || current.imageId() == null ? "" : "docker://" + current.imageId())
                .withState(state)
                .withLastState(lastState)
                .withReady(c.ready() && current != null && current.running() && c.waitingReason() == null)
                .withRestartCount(c.restartCount())
                .withStarted(c.started() && current != null && current.running() && c.waitingReason() == null);
        if (current != null) {
            status.withContainerID("docker://" + current.id());
        }
        return status.build();
    }

    /** Kubernetes' reasons: OOMKilled when the kernel killed it for memory, else Completed (0) or Error. */
    static String terminatedReason(RuntimeContainer container) {
        if (container.oomKilled()) {
            return "OOMKilled";
        }
        return container.exitCode() == 0 ? "Completed" : "Error";
    }

    private static ContainerState terminated(RuntimeContainer container) {
        return new ContainerStateBuilder().withNewTerminated()
                .withExitCode(container.exitCode())
                .withReason(terminatedReason(container))
                .withStartedAt(time(container.startedAt()))
                .withFinishedAt(time(container.finishedAt()))
                .withContainerID("docker://" + container.id())
                .endTerminated().build();
    }

    private static ContainerState waiting(String reason, String message) {
        return new ContainerStateBuilder().withNewWaiting().withReason(reason).withMessage(message).endWaiting().build();
    }

    private static PodCondition condition(PodStatus old, String type, boolean value, String reason, Instant now) {
        String status = value ? "True" : "False";
        String transition = time(now);
        if (old.getConditions() != null) {
            for (PodCondition previous : old.getConditions()) {
                if (previous.getType().equals(type) && status.equals(previous.getStatus())
                        && previous.getLastTransitionTime() != null) {
                    transition = previous.getLastTransitionTime();
                }
            }
        }
        return new PodConditionBuilder().withType(type).withStatus(status).withReason(reason)
                .withLastTransitionTime(transition).build();
    }

    /** RFC 3339 in whole seconds, as the API serializes metav1.Time. */
    public static String time(Instant instant) {
        return instant == null || instant.equals(Instant.EPOCH) ? null : instant.truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
