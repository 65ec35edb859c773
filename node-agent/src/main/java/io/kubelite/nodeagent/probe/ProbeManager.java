package io.kubelite.nodeagent.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubelite.nodeagent.pod.PodEvents;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs startup, liveness and readiness probes for running containers: one periodic task per
 * container attempt and probe kind, started after initialDelaySeconds and repeated every
 * periodSeconds. A result change calls {@code onChange} with the pod, whose worker then acts
 * (restart on failed liveness or startup, Ready condition on readiness). A container with a
 * startup probe is probed only by it until it succeeds — then liveness and readiness begin — and
 * is restarted when it fails failureThreshold times, as the kubelet does. A new container attempt
 * starts from the initial results again: live, not started, and not ready.
 */
public final class ProbeManager {

    public enum Kind { STARTUP, LIVENESS, READINESS }

    private record Key(String containerId, Kind kind) {
    }

    private final ProbeRunner runner;
    private final ScheduledExecutorService executor;
    private final PodEvents events;
    private final Consumer<Pod> onChange;
    private final Map<Key, ScheduledFuture<?>> tasks = new ConcurrentHashMap<>();
    private final Map<Key, ProbeState> states = new ConcurrentHashMap<>();
    /** Startup probes that succeeded, by container id: their task is stopped, the result kept. */
    private final Set<String> startedContainers = ConcurrentHashMap.newKeySet();

    public ProbeManager(ProbeRunner runner, ScheduledExecutorService executor, PodEvents events, Consumer<Pod> onChange) {
        this.runner = runner;
        this.executor = executor;
        this.events = events;
        this.onChange = onChange;
    }

    /** How probes are made; lifecycle hooks are made the same ways. */
    public ProbeRunner runner() {
        return runner;
    }

    /** Makes sure the container's probes run (idempotent; called on every sync of a running container). */
    public void ensure(Pod pod, Container container, String containerId, String podIp) {
        if (!started(container, containerId)) {
            start(pod, container, containerId, podIp, Kind.STARTUP, container.getStartupProbe());
            return;
        }
        start(pod, container, containerId, podIp, Kind.LIVENESS, container.getLivenessProbe());
        start(pod, container, containerId, podIp, Kind.READINESS, container.getReadinessProbe());
    }

    private void start(Pod pod, Container container, String containerId, String podIp, Kind kind, Probe probe) {
        if (probe == null) {
            return;
        }
        Key key = new Key(containerId, kind);
        tasks.computeIfAbsent(key, k -> {
            states.put(k, ProbeState.initial(kind == Kind.LIVENESS));
            long delay = probe.getInitialDelaySeconds() == null ? 0 : probe.getInitialDelaySeconds();
            long period = probe.getPeriodSeconds() == null ? 10 : Math.max(1, probe.getPeriodSeconds());
            return executor.scheduleWithFixedDelay(() -> probeOnce(pod, container, k, probe, podIp),
                    delay * 1000, period * 1000, TimeUnit.MILLISECONDS);
        });
    }

    private void probeOnce(Pod pod, Container container, Key key, Probe probe, String podIp) {
        ProbeRunner.Attempt attempt = runner.run(probe, container, key.containerId(), podIp);
        int success = probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold();
        int failure = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
        ProbeState before = states.getOrDefault(key, ProbeState.initial(key.kind() == Kind.LIVENESS));
        ProbeState after = before.next(attempt.success(), success, failure);
        states.put(key, after);
        if (!attempt.success()) {
            String name = switch (key.kind()) {
                case STARTUP -> "Startup";
                case LIVENESS -> "Liveness";
                case READINESS -> "Readiness";
            };
            events.warning(pod, "spec.containers{" + container.getName() + "}", "Unhealthy",
                    name + " probe failed: " + attempt.message());
        }
        if (key.kind() == Kind.STARTUP && after.success()) {
            startedContainers.add(key.containerId());
            stop(key);
            onChange.accept(pod);
        } else if (key.kind() == Kind.STARTUP && after.consecutiveFailures() == failure) {
            onChange.accept(pod);
        } else if (before.success() != after.success()) {
            onChange.accept(pod);
        }
    }

    /** Started: true once the startup probe succeeded, or at once for a container without one. */
    public boolean started(Container container, String containerId) {
        return container.getStartupProbe() == null || startedContainers.contains(containerId);
    }

    /** Whether the container's startup probe has failed failureThreshold times in a row: it is to be restarted. */
    public boolean startupFailed(Container container, String containerId) {
        Probe probe = container.getStartupProbe();
        if (probe == null || startedContainers.contains(containerId)) {
            return false;
        }
        ProbeState state = states.get(new Key(containerId, Kind.STARTUP));
        int failure = probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold();
        return state != null && state.consecutiveFailures() >= failure;
    }

    /** Liveness: true until the probe fails failureThreshold times in a row (or when there is no probe). */
    public boolean alive(String containerId) {
        ProbeState state = states.get(new Key(containerId, Kind.LIVENESS));
        return state == null || state.success();
    }

    /** Readiness: false until the probe succeeds; true for a container without a readiness probe. */
    public boolean ready(Container container, String containerId) {
        if (!started(container, containerId)) {
            return false;
        }
        if (container.getReadinessProbe() == null) {
            return true;
        }
        ProbeState state = states.get(new Key(containerId, Kind.READINESS));
        return state != null && state.success();
    }

    /** Stops the probes of containers that are no longer running. */
    public void retainOnly(Set<String> runningContainerIds) {
        for (Key key : Set.copyOf(tasks.keySet())) {
            if (!runningContainerIds.contains(key.containerId())) {
                stop(key);
            }
        }
        startedContainers.retainAll(runningContainerIds);
    }

    public void forget(String containerId) {
        for (Kind kind : Kind.values()) {
            stop(new Key(containerId, kind));
        }
        startedContainers.remove(containerId);
    }

    private void stop(Key key) {
        ScheduledFuture<?> task = tasks.remove(key);
        if (task != null) {
            task.cancel(false);
        }
        states.remove(key);
    }
}
