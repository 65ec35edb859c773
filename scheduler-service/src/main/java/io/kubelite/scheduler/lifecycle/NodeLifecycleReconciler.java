package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.scheduler.scheduling.Responsibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Kubernetes' node lifecycle controller, one node key at a time:
 * <ol>
 *   <li>judge the node by its heartbeat ({@link NodeHealth}); an unreachable node's Ready condition
 *       becomes Unknown ({@code NodeStatusUnknown}, "Kubelet stopped posting node status."), and a node
 *       whose Lease is renewed again after that gets Ready=True back;</li>
 *   <li>keep the condition taints in step with Ready ({@link ConditionTaints});</li>
 *   <li>while the node is not Ready: its pods get Ready=False, and each is evicted when
 *       {@link Evictions} says so.</li>
 * </ol>
 * The key is reconciled again at the next deadline (heartbeat expiry or the next eviction), so nothing
 * polls; lease, node and pod events reconcile it earlier.
 */
public final class NodeLifecycleReconciler implements Reconciler {

    static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    static final String UNKNOWN_REASON = "NodeStatusUnknown";
    private static final Logger LOG = LoggerFactory.getLogger(NodeLifecycleReconciler.class);
    private static final Duration SLACK = Duration.ofMillis(200);

    private final Lister<Node> nodes;
    private final Lister<Lease> leases;
    private final Lister<Pod> pods;
    private final NodeControl control;
    private final EventRecorder events;
    private final Clock clock;
    private final Duration grace;
    private final Duration podEvictionTimeout;
    private final Map<String, Instant> firstSeen = new ConcurrentHashMap<>();

    public NodeLifecycleReconciler(Lister<Node> nodes, Lister<Lease> leases, Lister<Pod> pods, NodeControl control,
            EventRecorder events, Clock clock, Duration grace, Duration podEvictionTimeout) {
        this.nodes = nodes;
        this.leases = leases;
        this.pods = pods;
        this.control = control;
        this.events = events;
        this.clock = clock;
        this.grace = grace;
        this.podEvictionTimeout = podEvictionTimeout;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Instant now = clock.instant();
        Optional<Node> found = nodes.get(key);
        if (found.isEmpty()) {
            firstSeen.remove(key.name());
            return Result.done();
        }
        Node node = found.get();
        String name = node.getMetadata().getName();
        Lease lease = leases.get(new ObjectKey(NODE_LEASE_NAMESPACE, name)).orElse(null);
        NodeHealth.Verdict verdict = NodeHealth.judge(node, lease, firstSeen.computeIfAbsent(name, n -> now), now, grace);

        NodeCondition ready = ConditionTaints.readyCondition(node);
        String readyStatus = ready == null ? "Unknown" : ready.getStatus();
        NodeCondition newReady = null;
        if (!verdict.reachable() && !"Unknown".equals(readyStatus)) {
            newReady = condition("Unknown", UNKNOWN_REASON, "Kubelet stopped posting node status.", ready, now);
        } else if (verdict.reachable() && "Unknown".equals(readyStatus) && ready != null
                && UNKNOWN_REASON.equals(ready.getReason()) && lease != null) {
            newReady = condition("True", "KubeletReady", "node lease renewed", ready, now);
        }
        if (newReady != null) {
            readyStatus = newReady.getStatus();
        }

        // Taints first: their patch is guarded by the cached resourceVersion, which the status write would move.
        // A node that has not reported Ready yet (just registered) keeps its taints until it does or goes silent.
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        List<Taint> taints = ready == null && newReady == null ? current : ConditionTaints.desired(current, readyStatus, now);
        if (!Objects.equals(current, taints)) {
            control.setTaints(node, taints);
        }
        if (newReady != null) {
            control.setReadyCondition(node, newReady);
            boolean lost = "Unknown".equals(newReady.getStatus());
            events.normal(node, lost ? "NodeNotReady" : "NodeReady",
                    "Node " + name + " status is now: " + (lost ? "NodeNotReady" : "NodeReady"));
            LOG.atInfo().addKeyValue("node", name).addKeyValue("heartbeat", verdict.heartbeat())
                    .log(lost ? "Node stopped renewing its lease; Ready is now Unknown" : "Node renews its lease again; Ready is True");
        }

        Instant next = verdict.reachable() ? verdict.deadline().plus(SLACK) : null;
        if (!"True".equals(readyStatus) && (ready != null || newReady != null)) {
            next = earlier(next, handlePods(name, taints, now));
        }
        if (next == null) {
            return Result.done();
        }
        Duration wait = Duration.between(now, next);
        return Result.requeueAfter(wait.compareTo(SLACK) < 0 ? SLACK : wait);
    }

    /** Marks the node's pods not ready and evicts those that are due; returns the next eviction time. */
    private Instant handlePods(String nodeName, List<Taint> taints, Instant now) {
        Instant next = null;
        for (Pod pod : pods.byIndex(Indexes.NODE_NAME, nodeName)) {
            if (!Responsibility.occupiesNode(pod) || pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (!podNotReady(pod)) {
                control.markPodNotReady(pod);
            }
            Optional<Instant> at = Evictions.evictAt(pod, taints, now, podEvictionTimeout);
            if (at.isEmpty()) {
                continue;
            }
            if (!at.get().isAfter(now)) {
                events.normal(pod, "TaintManagerEviction", "Marking for deletion Pod "
                        + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
                LOG.atInfo().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                        .addKeyValue("node", nodeName).log("Evicting pod from a node that is not ready");
                control.evict(pod);
            } else {
                next = earlier(next, at.get());
            }
        }
        return next;
    }

    private static boolean podNotReady(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "False".equals(c.getStatus());
            }
        }
        return false;
    }

    private static NodeCondition condition(String status, String reason, String message, NodeCondition previous, Instant now) {
        String time = DateTimeFormatter.ISO_INSTANT.format(now.truncatedTo(ChronoUnit.SECONDS));
        return new NodeConditionBuilder().withType("Ready").withStatus(status).withReason(reason).withMessage(message)
                .withLastHeartbeatTime(previous == null ? time : previous.getLastHeartbeatTime())
                .withLastTransitionTime(time).build();
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.isBefore(a) ? b : a;
    }
}
