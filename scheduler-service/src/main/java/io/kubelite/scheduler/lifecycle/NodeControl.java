package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;

import java.util.List;

/** The node lifecycle controller's writes to the API. */
public interface NodeControl {

    /** Replaces the node's Ready condition (status subresource; the other conditions stay). */
    void setReadyCondition(Node node, NodeCondition ready);

    /** Replaces {@code spec.taints}, guarded by the node's resourceVersion (409 if it moved meanwhile). */
    void setTaints(Node node, List<Taint> taints);

    /** Sets the pod's Ready condition to False (status subresource). */
    void markPodNotReady(Pod pod);

    /** Evicts the pod through the {@code eviction} subresource. */
    void evict(Pod pod);
}
