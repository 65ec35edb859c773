package io.kubelite.scheduler.cache;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.Placement;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scheduler's view of the cluster: every node with the pods placed on it, fed by the node
 * and pod informers, plus <em>assumed</em> pods — pods the scheduler has decided on but whose
 * binding the informer has not shown yet. An assumed pod counts on its node at once, so a burst of
 * pods decided faster than bindings come back never overcommits a node. Example: a node with room
 * for one 1-CPU pod; pod a is assumed there, so pod b (decided before a's binding is seen) finds
 * {@code Insufficient cpu} on it. When the informer reports a bound to that node, the assumption is
 * confirmed; when the binding fails, {@link #forget} gives the room back.
 *
 * <p>Only pods that occupy a node count: bound and not terminal (Succeeded/Failed pods release their
 * requests, as their containers are gone). All methods are atomic; {@link #schedule} decides and
 * assumes under one lock.
 */
public final class SchedulerCache {

    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Map<String, String> nodeOfPod = new HashMap<>();
    private final Set<String> assumed = new HashSet<>();
    /** Keys of the placed pods with required pod anti-affinity (see {@link Cluster}). */
    private final Set<String> antiAffinityPods = new HashSet<>();
    private List<NodeInfo> schedulable = List.of();
    private boolean nodeListStale;
    private int nextStartIndex;

    public synchronized void upsertNode(Node node) {
        NodeInfo info = nodes.computeIfAbsent(node.getMetadata().getName(), NodeInfo::new);
        if (info.node() == null) {
            nodeListStale = true;
        }
        info.setNode(node);
    }

    public synchronized void removeNode(String name) {
        NodeInfo info = nodes.get(name);
        if (info == null) {
            return;
        }
        info.setNode(null);
        if (info.isEmpty()) {
            nodes.remove(name);
        }
        nodeListStale = true;
    }

    /** Applies a pod as the informer sees it: counted on its node while bound and not terminal. */
    public synchronized void upsertPod(Pod pod) {
        String key = PodInfo.keyOf(pod);
        String nodeName = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        boolean occupies = nodeName != null && !nodeName.isEmpty() && !isTerminal(pod);
        if (!occupies) {
            if (nodeName == null || nodeName.isEmpty()) {
                if (assumed.contains(key)) {
                    return; // the binding is on its way; the informer shows the pod as it was before it
                }
            }
            removeFromNode(key);
            assumed.remove(key);
            return;
        }
        assumed.remove(key);
        String previous = nodeOfPod.get(key);
        if (previous != null && !previous.equals(nodeName)) {
            removeFromNode(key);
        }
        PodInfo info = PodInfo.of(pod);
        nodes.computeIfAbsent(nodeName, NodeInfo::new).addPod(info);
        nodeOfPod.put(key, nodeName);
        track(info);
    }

    public synchronized void removePod(Pod pod) {
        String key = PodInfo.keyOf(pod);
        removeFromNode(key);
        assumed.remove(key);
    }

    /**
     * Runs one placement over the current nodes and, if the pod fits, assumes it on the chosen node
     * before anyone else can decide. Consecutive calls continue the round-robin where the last stopped.
     */
    public synchronized Decision schedule(PodInfo pod, Placement placement) {
        List<NodeInfo> candidates = schedulableNodes();
        int start = candidates.isEmpty() ? 0 : nextStartIndex % candidates.size();
        Decision decision = placement.place(pod, new Cluster(candidates, !antiAffinityPods.isEmpty()), start);
        if (!candidates.isEmpty()) {
            nextStartIndex = (start + decision.examined()) % candidates.size();
        }
        if (decision instanceof Decision.Fits fits) {
            assume(pod, fits.nodeName());
        }
        return decision;
    }

    public synchronized void assume(PodInfo pod, String nodeName) {
        removeFromNode(pod.key());
        nodes.computeIfAbsent(nodeName, NodeInfo::new).addPod(pod);
        nodeOfPod.put(pod.key(), nodeName);
        assumed.add(pod.key());
        track(pod);
    }

    /** Drops an assumption whose binding failed; a pod the informer already shows bound stays. */
    public synchronized void forget(String podKey) {
        if (assumed.remove(podKey)) {
            removeFromNode(podKey);
        }
    }

    public synchronized boolean isAssumed(String podKey) {
        return assumed.contains(podKey);
    }

    public synchronized Optional<String> nodeOf(String podKey) {
        return Optional.ofNullable(nodeOfPod.get(podKey));
    }

    public synchronized int nodeCount() {
        return schedulableNodes().size();
    }

    /** A copy of what the cache counts on {@code nodeName}: requested resources and pod keys. */
    public synchronized Optional<NodeInfo> node(String nodeName) {
        NodeInfo info = nodes.get(nodeName);
        if (info == null || info.node() == null) {
            return Optional.empty();
        }
        return Optional.of(NodeInfo.of(info.node(), info.pods().toArray(new PodInfo[0])));
    }

    private List<NodeInfo> schedulableNodes() {
        if (nodeListStale) {
            List<NodeInfo> list = new ArrayList<>(nodes.size());
            for (NodeInfo info : nodes.values()) {
                if (info.node() != null) {
                    list.add(info);
                }
            }
            list.sort((a, b) -> a.name().compareTo(b.name()));
            schedulable = list;
            nodeListStale = false;
        }
        return schedulable;
    }

    /** Counts the pods with required anti-affinity, so decisions for other pods skip looking for them. */
    private void track(PodInfo pod) {
        if (NodeInfo.hasRequiredAntiAffinity(pod)) {
            antiAffinityPods.add(pod.key());
        } else {
            antiAffinityPods.remove(pod.key());
        }
    }

    private void removeFromNode(String key) {
        antiAffinityPods.remove(key);
        String nodeName = nodeOfPod.remove(key);
        if (nodeName == null) {
            return;
        }
        NodeInfo info = nodes.get(nodeName);
        if (info != null) {
            info.removePod(key);
            if (info.isEmpty()) {
                nodes.remove(nodeName);
            }
        }
    }

    static boolean isTerminal(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        return "Succeeded".equals(phase) || "Failed".equals(phase);
    }
}
