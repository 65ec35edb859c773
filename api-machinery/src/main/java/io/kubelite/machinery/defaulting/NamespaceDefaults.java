package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceStatus;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Defaults of namespace-level and cluster objects: Namespace, LimitRange and Node. */
final class NamespaceDefaults {

    static final String NAME_LABEL = "kubernetes.io/metadata.name";

    private NamespaceDefaults() {
    }

    /** Every namespace carries its own name as the label {@code kubernetes.io/metadata.name} and starts Active. */
    static void namespace(Namespace ns) {
        ObjectMeta meta = ns.getMetadata();
        if (meta != null && !ContainerDefaults.isEmpty(meta.getName())) {
            Map<String, String> labels = meta.getLabels() == null ? new LinkedHashMap<>() : meta.getLabels();
            labels.put(NAME_LABEL, meta.getName());
            meta.setLabels(labels);
        }
        if (ns.getStatus() == null) {
            ns.setStatus(new NamespaceStatus());
        }
        if (ContainerDefaults.isEmpty(ns.getStatus().getPhase())) {
            ns.getStatus().setPhase("Active");
        }
    }

    /**
     * For container limits the default limit falls back to the max, and the default request to the
     * default limit and then to the min: {@code max: cpu 2} alone yields default and defaultRequest cpu 2.
     */
    static void limitRange(LimitRange limitRange) {
        if (limitRange.getSpec() == null) {
            return;
        }
        for (LimitRangeItem item : ContainerDefaults.orEmpty(limitRange.getSpec().getLimits())) {
            if (!"Container".equals(item.getType())) {
                continue;
            }
            Map<String, Quantity> def = item.getDefault() == null ? new LinkedHashMap<>() : item.getDefault();
            Map<String, Quantity> defReq = item.getDefaultRequest() == null ? new LinkedHashMap<>() : item.getDefaultRequest();
            fill(def, item.getMax());
            fill(defReq, def);
            fill(defReq, item.getMin());
            item.setDefault(def);
            item.setDefaultRequest(defReq);
        }
    }

    /** A node's allocatable resources default to its capacity. */
    static void node(Node node) {
        if (node.getStatus() == null || node.getStatus().getCapacity() == null) {
            return;
        }
        if (node.getStatus().getAllocatable() == null || node.getStatus().getAllocatable().isEmpty()) {
            node.getStatus().setAllocatable(new LinkedHashMap<>(node.getStatus().getCapacity()));
        }
    }

    private static void fill(Map<String, Quantity> target, Map<String, Quantity> source) {
        if (source == null) {
            return;
        }
        for (Map.Entry<String, Quantity> e : source.entrySet()) {
            target.computeIfAbsent(e.getKey(), k -> new Quantity(e.getValue().getAmount(), e.getValue().getFormat()));
        }
    }
}
