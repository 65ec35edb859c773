package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.scheduler.binding.PodBinder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/** Records bindings and conditions; a binding can be told to fail with an HTTP code. */
final class RecordingPodBinder implements PodBinder {

    final Map<String, String> bindings = new LinkedHashMap<>();
    final List<String> unschedulableMessages = new ArrayList<>();
    final Map<String, String> nominations = new LinkedHashMap<>();
    final List<String> preempted = new ArrayList<>();
    final List<String> clearedNominations = new ArrayList<>();
    Integer failWith;

    @Override
    public CompletionStage<Void> bind(Pod pod, String nodeName) {
        if (failWith != null) {
            return CompletableFuture.failedFuture(new BindingException(failWith, "refused with " + failWith));
        }
        bindings.put(pod.getMetadata().getName(), nodeName);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public void markUnschedulable(Pod pod, String message, String nominatedNodeName) {
        unschedulableMessages.add(pod.getMetadata().getName() + ": " + message);
        if (nominatedNodeName != null) {
            nominations.put(pod.getMetadata().getName(), nominatedNodeName);
        }
    }

    @Override
    public void preempt(Pod victim, Pod preemptor) {
        preempted.add(victim.getMetadata().getName());
    }

    @Override
    public void clearNomination(Pod pod) {
        clearedNominations.add(pod.getMetadata().getName());
    }
}
