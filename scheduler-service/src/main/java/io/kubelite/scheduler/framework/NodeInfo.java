package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A node and what the pods placed on it (bound or assumed) already take: requested resources,
 * host ports, and how many replicas of each controller it holds. Not thread-safe: the scheduler
 * cache guards it.
 *
 * <p>Example: allocatable {@code cpu: 2, memory: 4Gi, pods: 110} with two pods asking 500m/1Gi each
 * leaves {@code 1000m, 2Gi, 108 pods} for the next one.
 */
public final class NodeInfo {

    public static final String TAINT_NOT_READY = "node.kubernetes.io/not-ready";
    public static final String TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String TAINT_UNSCHEDULABLE = "node.kubernetes.io/unschedulable";

    private final String name;
    private Node node;
    private Resources allocatable = Resources.ZERO;
    private List<Taint> taints = List.of();
    private Resources requested = Resources.ZERO;
    private Resources nonZeroRequested = Resources.ZERO;
    private final Map<String, PodInfo> pods = new LinkedHashMap<>();
    private final List<HostPort> usedPorts = new ArrayList<>();
    private final Map<String, Integer> podsByController = new HashMap<>();
    /** The pods here with required anti-affinity terms, which every new pod is checked against. */
    private final Map<String, PodInfo> podsWithRequiredAntiAffinity = new LinkedHashMap<>();

    public NodeInfo(String name) {
        this.name = name;
    }

    /** A node holding {@code pods}; for tests and the benchmark. */
    public static NodeInfo of(Node node, PodInfo... pods) {
        NodeInfo info = new NodeInfo(node.getMetadata().getName());
        info.setNode(node);
        for (PodInfo pod : pods) {
            info.addPod(pod);
        }
        return info;
    }

    /** An independent copy with the same node and pods, to try pods in and out of (preemption). */
    public NodeInfo copy() {
        NodeInfo copy = new NodeInfo(name);
        copy.setNode(node);
        pods.values().forEach(copy::addPod);
        return copy;
    }

    public String name() {
        return name;
    }

    /** Null while pods reference a node the cache has not seen (yet). */
    public Node node() {
        return node;
    }

    public void setNode(Node node) {
        this.node = node;
        this.allocatable = node == null || node.getStatus() == null ? Resources.ZERO
                : Resources.of(node.getStatus().getAllocatable() != null && !node.getStatus().getAllocatable().isEmpty()
                        ? node.getStatus().getAllocatable() : node.getStatus().getCapacity());
        this.taints = node == null ? List.of() : effectiveTaints(node);
    }

    public Resources allocatable() {
        return allocatable;
    }

    public Resources requested() {
        return requested;
    }

    public Resources nonZeroRequested() {
        return nonZeroRequested;
    }

    public boolean unschedulable() {
        return node != null && node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }

    public Map<String, String> labels() {
        Map<String, String> labels = node == null ? null : node.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    /**
     * The node's taints plus the ones its Ready condition implies, as the node lifecycle controller
     * would add them: Ready=False → {@code not-ready:NoSchedule}, Ready=Unknown or missing →
     * {@code unreachable:NoSchedule} / {@code not-ready:NoSchedule}. A node the scheduler sees before
     * the controller tainted it is therefore already avoided.
     */
    public List<Taint> taints() {
        return taints;
    }

    public Collection<PodInfo> pods() {
        return Collections.unmodifiableCollection(pods.values());
    }

    public Collection<PodInfo> podsWithRequiredAntiAffinity() {
        return podsWithRequiredAntiAffinity.values();
    }

    public boolean hasPod(String key) {
        return pods.containsKey(key);
    }

    public List<HostPort> usedPorts() {
        return usedPorts;
    }

    public int podsOfController(String controllerUid) {
        return controllerUid == null ? 0 : podsByController.getOrDefault(controllerUid, 0);
    }

    public void addPod(PodInfo pod) {
        if (pods.containsKey(pod.key())) {
            removePod(pod.key());
        }
        pods.put(pod.key(), pod);
        requested = requested.plus(pod.requests());
        nonZeroRequested = nonZeroRequested.plus(pod.nonZeroRequests());
        usedPorts.addAll(pod.hostPorts());
        if (pod.controllerUid() != null) {
            podsByController.merge(pod.controllerUid(), 1, Integer::sum);
        }
        if (hasRequiredAntiAffinity(pod)) {
            podsWithRequiredAntiAffinity.put(pod.key(), pod);
        }
    }

    public static boolean hasRequiredAntiAffinity(PodInfo pod) {
        var spec = pod.pod().getSpec();
        var anti = spec == null || spec.getAffinity() == null ? null : spec.getAffinity().getPodAntiAffinity();
        return anti != null && anti.getRequiredDuringSchedulingIgnoredDuringExecution() != null
                && !anti.getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty();
    }

    public boolean removePod(String key) {
        PodInfo pod = pods.remove(key);
        if (pod == null) {
            return false;
        }
        requested = requested.minus(pod.requests());
        nonZeroRequested = nonZeroRequested.minus(pod.nonZeroRequests());
        for (HostPort port : pod.hostPorts()) {
            usedPorts.remove(port);
        }
        if (pod.controllerUid() != null) {
            podsByController.computeIfPresent(pod.controllerUid(), (k, n) -> n <= 1 ? null : n - 1);
        }
        podsWithRequiredAntiAffinity.remove(key);
        return true;
    }

    public boolean isEmpty() {
        return node == null && pods.isEmpty();
    }

    static List<Taint> effectiveTaints(Node node) {
        List<Taint> result = new ArrayList<>();
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            result.addAll(node.getSpec().getTaints());
        }
        String ready = readyStatus(node);
        String implied = "True".equals(ready) ? null : "False".equals(ready) ? TAINT_NOT_READY : TAINT_UNREACHABLE;
        if (implied != null && result.stream().noneMatch(t -> implied.equals(t.getKey()) && isNoScheduleOrExecute(t))) {
            result.add(new Taint("NoSchedule", implied, null, null));
        }
        return List.copyOf(result);
    }

    /** {@code True}, {@code False} or {@code Unknown} (also when the node reports no Ready condition). */
    public static String readyStatus(Node node) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return "Unknown";
        }
        for (NodeCondition c : node.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return c.getStatus() == null ? "Unknown" : c.getStatus();
            }
        }
        return "Unknown";
    }

    private static boolean isNoScheduleOrExecute(Taint t) {
        return "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
    }
}
