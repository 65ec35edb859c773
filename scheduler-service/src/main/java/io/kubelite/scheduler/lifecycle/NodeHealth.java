package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Whether a node's agent is alive. Its heartbeat is the latest of: the renewTime of its Lease
 * ({@code kube-node-lease/<node>}, renewed every 10 s), the {@code lastHeartbeatTime} of its Ready
 * condition, and the moment this controller first saw the node (so a restarted controller gives every
 * node a full grace period instead of condemning them all at once). A node whose heartbeat is older
 * than the grace period is unreachable.
 *
 * <p>Example, grace 20 s: lease renewed at 12:00:00 → reachable until 12:00:20; checked at 12:00:21
 * → unreachable; renewed again at 12:00:30 → reachable until 12:00:50.
 */
public final class NodeHealth {

    private NodeHealth() {
    }

    public record Verdict(boolean reachable, Instant heartbeat, Instant deadline) {
    }

    public static Verdict judge(Node node, Lease lease, Instant firstSeen, Instant now, Duration grace) {
        Instant heartbeat = firstSeen;
        if (lease != null && lease.getSpec() != null && lease.getSpec().getRenewTime() != null) {
            heartbeat = later(heartbeat, lease.getSpec().getRenewTime().toInstant());
        }
        NodeCondition ready = ConditionTaints.readyCondition(node);
        if (ready != null) {
            heartbeat = later(heartbeat, parse(ready.getLastHeartbeatTime()));
        }
        Instant deadline = heartbeat.plus(grace);
        return new Verdict(!now.isAfter(deadline), heartbeat, deadline);
    }

    static Instant parse(String time) {
        if (time == null || time.isEmpty()) {
            return null;
        }
        try {
            return Instant.parse(time);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static Instant later(Instant a, Instant b) {
        if (b == null) {
            return a;
        }
        return b.isAfter(a) ? b : a;
    }
}
