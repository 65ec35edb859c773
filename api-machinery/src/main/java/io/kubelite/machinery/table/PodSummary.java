package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The READY, STATUS and RESTARTS of a pod, decided as kube-apiserver's {@code printPod}.
 *
 * <p>STATUS starts from {@code status.reason}, else the phase, and is then overridden by the
 * first init container that has not finished ({@code Init:1/3}, {@code Init:Error},
 * {@code Init:CrashLoopBackOff}); once initialization is over, by the last container (in
 * spec order) that is waiting or terminated ({@code ContainerCreating}, {@code Completed},
 * {@code ExitCode:2}, {@code Signal:9}). Finally a pod being deleted prints
 * {@code Terminating}, or {@code Unknown} when its node was lost.
 *
 * <p>Sidecars (init containers with {@code restartPolicy: Always}) count in READY's total
 * and their restarts stay in RESTARTS after initialization; ordinary init containers' do not.
 *
 * @param ready containers that are ready and running, plus started ready sidecars
 * @param total app containers plus sidecars
 * @param status the STATUS cell
 * @param restarts restarts of the containers that count, see above
 * @param lastRestart when the most recent of those restarts ended its previous run
 */
record PodSummary(int ready, int total, String status, int restarts, Optional<Instant> lastRestart) {

    static final String NODE_LOST = "NodeLost";

    static PodSummary of(JsonNode pod) {
        JsonNode status = pod.path("status");
        String phase = Fields.text(status, "phase");
        String reason = Fields.orElse(Fields.text(status, "reason"), phase);
        for (JsonNode condition : Fields.list(status, "conditions")) {
            if ("PodScheduled".equals(Fields.text(condition, "type"))
                    && "SchedulingGated".equals(Fields.text(condition, "reason"))) {
                reason = "SchedulingGated";
            }
        }

        Set<String> sidecars = sidecarNames(pod);
        List<JsonNode> initStatuses = Fields.list(status, "initContainerStatuses");
        int initContainers = Fields.list(pod, "spec", "initContainers").size();
        int total = Fields.list(pod, "spec", "containers").size() + sidecars.size();
        int ready = 0;

        Restarts allInit = new Restarts();
        Restarts sidecarRestarts = new Restarts();
        boolean initializing = false;
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode container = initStatuses.get(i);
            boolean sidecar = sidecars.contains(Fields.text(container, "name"));
            allInit.add(container);
            if (sidecar) {
                sidecarRestarts.add(container);
            }
            JsonNode terminated = container.path("state").path("terminated");
            String waitingReason = Fields.text(container, "state", "waiting", "reason");
            if (terminated.isObject() && Fields.integer(terminated, "exitCode") == 0) {
                continue;
            }
            if (sidecar && container.path("started").asBoolean(false)) {
                if (container.path("ready").asBoolean(false)) {
                    ready++;
                }
                continue;
            }
            if (terminated.isObject()) {
                reason = "Init:" + terminationReason(terminated);
            } else if (!waitingReason.isEmpty() && !"PodInitializing".equals(waitingReason)) {
                reason = "Init:" + waitingReason;
            } else {
                reason = "Init:" + i + "/" + initContainers;
            }
            initializing = true;
            break;
        }

        Restarts counted = allInit;
        if (!initializing || Fields.conditionTrue(status, "Initialized")) {
            counted = sidecarRestarts;
            boolean hasRunning = false;
            List<JsonNode> statuses = Fields.list(status, "containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode container = statuses.get(i);
                counted.add(container);
                JsonNode state = container.path("state");
                String waitingReason = Fields.text(state, "waiting", "reason");
                if (!waitingReason.isEmpty()) {
                    reason = waitingReason;
                } else if (state.path("terminated").isObject()) {
                    reason = terminationReason(state.path("terminated"));
                } else if (container.path("ready").asBoolean(false) && state.path("running").isObject()) {
                    hasRunning = true;
                    ready++;
                }
            }
            if ("Completed".equals(reason) && hasRunning) {
                reason = Fields.conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }

        if (Fields.deleting(pod) && NODE_LOST.equals(Fields.text(status, "reason"))) {
            reason = "Unknown";
        } else if (Fields.deleting(pod) && !"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            reason = "Terminating";
        }
        return new PodSummary(ready, total, reason, counted.count, Optional.ofNullable(counted.last));
    }

    /** {@code 0} or, after a restart, {@code 3 (5m ago)}. */
    String restartsCell(Instant now) {
        if (restarts == 0 || lastRestart.isEmpty()) {
            return Integer.toString(restarts);
        }
        return restarts + " (" + Fields.since(lastRestart, now) + " ago)";
    }

    private static String terminationReason(JsonNode terminated) {
        String reason = Fields.text(terminated, "reason");
        if (!reason.isEmpty()) {
            return reason;
        }
        long signal = Fields.integer(terminated, "signal");
        return signal != 0 ? "Signal:" + signal : "ExitCode:" + Fields.integer(terminated, "exitCode");
    }

    private static Set<String> sidecarNames(JsonNode pod) {
        Set<String> names = new HashSet<>();
        for (JsonNode container : Fields.list(pod, "spec", "initContainers")) {
            if ("Always".equals(Fields.text(container, "restartPolicy"))) {
                names.add(Fields.text(container, "name"));
            }
        }
        return names;
    }

    /** Restart count and latest {@code lastState.terminated.finishedAt} over some containers. */
    private static final class Restarts {
        private int count;
        private Instant last;

        void add(JsonNode containerStatus) {
            count += (int) Fields.integer(containerStatus, "restartCount");
            Optional<Instant> finished = Fields.time(containerStatus, "lastState", "terminated", "finishedAt");
            if (finished.isPresent() && (last == null || last.isBefore(finished.get()))) {
                last = finished.get();
            }
        }
    }
}
