package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.scheduler.cache.SchedulerCache;

import java.util.Objects;

/**
 * Keeps the {@link SchedulerCache} in step with the node and pod informers, and moves every
 * unschedulable pod back to the work queue when a change could make room for it: a node added, a
 * node update that {@link NodeChanges#mayMakePodsSchedulable may make pods schedulable}, or a pod
 * leaving a node (deleted, finished, or moved). That is how a pending pod is retried without polling.
 */
public final class SchedulerEvents {

    private final SchedulerCache cache;
    private final UnschedulablePods parked;
    private final ActiveQueue queue;

    public SchedulerEvents(SchedulerCache cache, UnschedulablePods parked, ActiveQueue queue) {
        this.cache = cache;
        this.parked = parked;
        this.queue = queue;
    }

    public EventHandler<Node> nodes() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Node node) {
                cache.upsertNode(node);
                retryUnschedulable();
            }

            @Override
            public void onUpdate(Node oldNode, Node newNode) {
                cache.upsertNode(newNode);
                if (oldNode != newNode && NodeChanges.mayMakePodsSchedulable(oldNode, newNode)) {
                    retryUnschedulable();
                }
            }

            @Override
            public void onDelete(Node node) {
                cache.removeNode(node.getMetadata().getName());
            }
        };
    }

    public EventHandler<Pod> pods() {
        return new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                cache.upsertPod(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                cache.upsertPod(newPod);
                if (Responsibility.occupiesNode(oldPod) && (!Responsibility.occupiesNode(newPod)
                        || !Objects.equals(oldPod.getSpec().getNodeName(), newPod.getSpec().getNodeName()))) {
                    retryUnschedulable();
                }
            }

            @Override
            public void onDelete(Pod pod) {
                cache.removePod(pod);
                parked.remove(new ObjectKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
                if (Responsibility.occupiesNode(pod)) {
                    retryUnschedulable();
                }
            }
        };
    }

    /** A claim bound (or made) may let a pod that mounts it be placed. */
    public EventHandler<PersistentVolumeClaim> claims() {
        return new EventHandler<>() {
            @Override
            public void onAdd(PersistentVolumeClaim claim) {
                retryUnschedulable();
            }

            @Override
            public void onUpdate(PersistentVolumeClaim oldClaim, PersistentVolumeClaim newClaim) {
                if (oldClaim != newClaim) {
                    retryUnschedulable();
                }
            }
        };
    }

    private void retryUnschedulable() {
        if (parked.size() > 0) {
            queue.addAll(parked.snapshot());
        }
    }
}
