package io.kubelite.replication.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Whether a DaemonSet's pod belongs on a node: the node's labels satisfy the template's
 * nodeSelector, and the pod tolerates every NoSchedule and NoExecute taint of the node. Like
 * Kubernetes, daemon pods tolerate the node-condition taints (not-ready, unreachable,
 * disk/memory/pid-pressure, unschedulable) by default. Example: node tainted
 * {@code dedicated=gpu:NoSchedule} → only a template with a toleration for key dedicated
 * (value gpu, or operator Exists) runs there.
 */
public final class NodeEligibility {

    static final List<Toleration> DAEMON_DEFAULTS = List.of(
            toleration("node.kubernetes.io/not-ready", "NoExecute"),
            toleration("node.kubernetes.io/unreachable", "NoExecute"),
            toleration("node.kubernetes.io/disk-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/memory-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/pid-pressure", "NoSchedule"),
            toleration("node.kubernetes.io/unschedulable", "NoSchedule"));

    private NodeEligibility() {
    }

    public static boolean shouldRun(PodSpec template, Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Map<String, String> selector = template.getNodeSelector() == null ? Map.of() : template.getNodeSelector();
        if (!labels.entrySet().containsAll(selector.entrySet())) {
            return false;
        }
        List<Toleration> tolerations = new ArrayList<>(DAEMON_DEFAULTS);
        if (template.getTolerations() != null) {
            tolerations.addAll(template.getTolerations());
        }
        List<Taint> taints = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        for (Taint taint : taints) {
            if ("PreferNoSchedule".equals(taint.getEffect())) {
                continue;
            }
            if (tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
                return false;
            }
        }
        return true;
    }

    /** Kubernetes' {@code ToleratesTaint}. */
    static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        String key = t.getKey() == null ? "" : t.getKey();
        String operator = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
        if (key.isEmpty()) {
            return operator.equals("Exists");
        }
        if (!key.equals(taint.getKey())) {
            return false;
        }
        if (operator.equals("Exists")) {
            return true;
        }
        String value = t.getValue() == null ? "" : t.getValue();
        return value.equals(taint.getValue() == null ? "" : taint.getValue());
    }

    private static Toleration toleration(String key, String effect) {
        Toleration t = new Toleration();
        t.setKey(key);
        t.setOperator("Exists");
        t.setEffect(effect);
        return t;
    }
}
