package io.kubelite.scheduler.cache;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.Placement;
import io.kubelite.scheduler.preemption.Budget;
import io.kubelite.scheduler.preemption.Outcome;
import io.kubelite.scheduler.preemption.Preemption;

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
 *
 * <p>It also keeps the <em>nominations</em>: pending pods that preempted others and wait for a node
 * ({@code status.nominatedNodeName}, or the scheduler's own decision before the API shows it). A
 * nominated pod is tried on its node first, and holds the room there against pods of no higher
 * priority (see {@link Cluster#asSeenBy}).
 */
public final class SchedulerCache {

    private final Map<String, NodeInfo> nodes = new HashMap<>();
    private final Map<String, String> nodeOfPod = new HashMap<>();
    private final Set<String> assumed = new HashSet<>();
    /** Keys of the placed pods with required pod anti-affinity (see {@link Cluster}). */
    private final Set<String> antiAffinityPods = new HashSet<>();
    /** Pod key → the node it is nominated to; and per node, the nominated pods. */
    private final Map<String, String> nominatedNode = new HashMap<>();
    private final Map<String, Map<String, PodInfo>> nominatedOnNode = new HashMap<>();
    /** Pods whose nomination the API showed: when it no longer does, it was cleared. */
    private final Set<String> nominationInApi = new HashSet<>();
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
                trackNomination(key, pod);
            } else {
                forgetNomination(key);
            }
            removeFromNode(key);
            assumed.remove(key);
            return;
        }
        forgetNomination(key);
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
        forgetNomination(key);
    }

    /**
     * Runs one placement over the current nodes and, if the pod fits, assumes it on the chosen node
     * before anyone else can decide. Consecutive calls continue the round-robin where the last stopped.
     */
    public synchronized Decision schedule(PodInfo pod, Placement placement) {
        List<NodeInfo> candidates = schedulableNodes();
        Cluster cluster = cluster(candidates);
        String nominated = nominatedNode.get(pod.key());
        NodeInfo nominatedInfo = nominated == null ? null : nodes.get(nominated);
        if (nominatedInfo != null && nominatedInfo.node() != null && placement.fitsOn(pod, cluster, nominatedInfo)) {
            assume(pod, nominated);
            return new Decision.Fits(nominated, 0, 1, 0);
        }
        int start = candidates.isEmpty() ? 0 : nextStartIndex % candidates.size();
        Decision decision = placement.place(pod, cluster, start);
        if (!candidates.isEmpty()) {
            nextStartIndex = (start + decision.examined()) % candidates.size();
        }
        if (decision instanceof Decision.Fits fits) {
            assume(pod, fits.nodeName());
        }
        return decision;
    }

    /**
     * Runs preemption for a pod {@link #schedule} found no node for, and records what it decided:
     * the pod nominated to the chosen node (and the lower-priority pods nominated there no longer),
     * or its nomination dropped when no node would do.
     */
    public synchronized Outcome preempt(PodInfo pod, Preemption preemption, List<Budget> budgets) {
        Outcome outcome = preemption.preempt(pod, cluster(schedulableNodes()), nominatedNode.get(pod.key()), budgets);
        if (outcome instanceof Outcome.Nominated chosen) {
            nominate(pod, chosen.nodeName());
            chosen.lowerPriorityNominated().forEach(p -> forgetNomination(p.key()));
        } else if (outcome instanceof Outcome.NoCandidate) {
            forgetNomination(pod.key());
        }
        return outcome;
    }

    public synchronized Optional<String> nominatedNode(String podKey) {
        return Optional.ofNullable(nominatedNode.get(podKey));
    }

    public synchronized void assume(PodInfo pod, String nodeName) {
        forgetNomination(pod.key());
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

    private Cluster cluster(List<NodeInfo> candidates) {
        return new Cluster(candidates, !antiAffinityPods.isEmpty(), nominatedOnNode.isEmpty() ? Map.of() : nominatedOnNode
                .entrySet().stream().collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, e -> e.getValue().values())));
    }

    /**
     * Follows a pending pod's {@code status.nominatedNodeName}: set → nominated there; missing after
     * the API had shown one → cleared; missing and never shown → the scheduler's own nomination
     * stays (the status write carrying it is on its way).
     */
    private void trackNomination(String key, Pod pod) {
        String fromApi = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (fromApi != null && !fromApi.isEmpty()) {
            nominate(PodInfo.of(pod), fromApi);
            nominationInApi.add(key);
        } else if (nominationInApi.remove(key)) {
            forgetNomination(key);
        }
    }

    private void nominate(PodInfo pod, String nodeName) {
        forgetNomination(pod.key());
        nominatedNode.put(pod.key(), nodeName);
        nominatedOnNode.computeIfAbsent(nodeName, n -> new java.util.LinkedHashMap<>()).put(pod.key(), pod);
    }

    private void forgetNomination(String key) {
        nominationInApi.remove(key);
        String nodeName = nominatedNode.remove(key);
        if (nodeName != null) {
            Map<String, PodInfo> onNode = nominatedOnNode.get(nodeName);
            onNode.remove(key);
            if (onNode.isEmpty()) {
                nominatedOnNode.remove(nodeName);
            }
        }
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
