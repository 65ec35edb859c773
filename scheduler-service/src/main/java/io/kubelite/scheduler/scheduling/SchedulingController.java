package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerBuilder;
import io.kubelite.scheduler.framework.PodInfo;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.List;
import java.util.Set;

/**
 * Builds the scheduling controller of one leadership term: one worker (decisions are sequential),
 * pods of higher priority first (kube-scheduler's PrioritySort; equal priorities in arrival order),
 * fed with the key of every pod that {@link Responsibility#needsScheduling needs scheduling} (on
 * updates only those that {@link Responsibility#updateMatters matter} to it); its
 * queue becomes the {@link ActiveQueue} that retries go to.
 */
public final class SchedulingController {

    private SchedulingController() {
    }

    public static Controller build(Informer<Pod> pods, Set<String> schedulerNames, SchedulingReconciler reconciler,
            ActiveQueue activeQueue, MeterRegistry meters) {
        Controller controller = ControllerBuilder.named("scheduler")
                .watches(pods, pod -> Responsibility.needsScheduling(pod, schedulerNames)
                        ? List.of(new ObjectKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName()))
                        : List.of(), (oldPod, newPod) -> Responsibility.updateMatters(oldPod, newPod, schedulerNames))
                .priority(key -> pods.lister().get(key).map(PodInfo::priorityOf).orElse(0))
                .reconciler(reconciler)
                .workers(1)
                .meterRegistry(meters)
                .build();
        activeQueue.use(controller.queue());
        return controller;
    }
}
