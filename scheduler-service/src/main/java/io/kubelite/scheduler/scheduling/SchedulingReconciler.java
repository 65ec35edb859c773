package io.kubelite.scheduler.scheduling;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.scheduler.binding.PodBinder;
import io.kubelite.scheduler.cache.SchedulerCache;
import io.kubelite.scheduler.filters.VolumeBinding;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.Decision;
import io.kubelite.scheduler.placement.FitError;
import io.kubelite.scheduler.placement.Placement;
import io.kubelite.scheduler.preemption.Budget;
import io.kubelite.scheduler.preemption.Outcome;
import io.kubelite.scheduler.preemption.Preemption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.concurrent.Semaphore;

/**
 * One scheduling cycle per pod key: decide against the cache, assume, and send the binding
 * without waiting for it (at most {@code maxInFlightBindings} at a time), so the next pod is decided
 * while the API writes the last one. Run with one worker: decisions are sequential, each seeing
 * every earlier assumption.
 *
 * <ul>
 *   <li>binding accepted → {@code Scheduled} event; the informer's bound pod confirms the assumption;</li>
 *   <li>binding refused → the assumption is dropped; 409 (already bound, being deleted) ends the
 *       matter, anything else retries the pod with backoff;</li>
 *   <li>no node fits → {@link Preemption} looks for pods of lower priority whose deletion makes room;
 *       if it finds them, they are deleted ({@code Preempted} event on each) and the pod is nominated
 *       to their node ({@code status.nominatedNodeName}), where it goes once they are gone. Either way
 *       {@code PodScheduled=False/Unschedulable} with kube-scheduler's message (written only when it
 *       changes), a {@code FailedScheduling} warning, and the pod waits in {@link UnschedulablePods}
 *       for a cluster change — or {@code unschedulableRetry} at the latest.</li>
 * </ul>
 */
public final class SchedulingReconciler implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingReconciler.class);

    private final Lister<Pod> pods;
    private final Set<String> schedulerNames;
    private final SchedulerCache cache;
    private final Placement placement;
    private final PodBinder binder;
    private final EventRecorder events;
    private final UnschedulablePods parked;
    private final ActiveQueue queue;
    private final Semaphore inFlight;
    private final Duration unschedulableRetry;
    private final Function<ObjectKey, Optional<PersistentVolumeClaim>> claims;
    private final Preemption preemption;
    private final Supplier<List<Budget>> budgets;
    private final SchedulingMetrics metrics;

    /**
     * Without a claims cache (pods' PersistentVolumeClaims are not checked) and preempting without
     * PodDisruptionBudgets (benchmarks, tests).
     */
    public SchedulingReconciler(Lister<Pod> pods, Set<String> schedulerNames, SchedulerCache cache, Placement placement,
            PodBinder binder, EventRecorder events, UnschedulablePods parked, ActiveQueue queue, int maxInFlightBindings,
            Duration unschedulableRetry) {
        this(pods, schedulerNames, cache, placement, binder, events, parked, queue, maxInFlightBindings, unschedulableRetry,
                null, Preemption.defaults(), List::of, SchedulingMetrics.NONE);
    }

    /**
     * @param claims     the PersistentVolumeClaims cache; a pod waits until the claims it mounts are bound
     * @param preemption built on the same rules as {@code placement}
     * @param budgets    the cluster's PodDisruptionBudgets, which preemption spares where it can
     * @param metrics    where each attempt's result and duration, and each preemption, are counted
     */
    public SchedulingReconciler(Lister<Pod> pods, Set<String> schedulerNames, SchedulerCache cache, Placement placement,
            PodBinder binder, EventRecorder events, UnschedulablePods parked, ActiveQueue queue, int maxInFlightBindings,
            Duration unschedulableRetry, Function<ObjectKey, Optional<PersistentVolumeClaim>> claims, Preemption preemption,
            Supplier<List<Budget>> budgets, SchedulingMetrics metrics) {
        this.metrics = metrics;
        this.claims = claims;
        this.preemption = preemption;
        this.budgets = budgets;
        this.pods = pods;
        this.schedulerNames = Set.copyOf(schedulerNames);
        this.cache = cache;
        this.placement = placement;
        this.binder = binder;
        this.events = events;
        this.parked = parked;
        this.queue = queue;
        this.inFlight = new Semaphore(maxInFlightBindings);
        this.unschedulableRetry = unschedulableRetry;
    }

    @Override
    public Result reconcile(ObjectKey key) throws InterruptedException {
        Optional<Pod> found = pods.get(key);
        if (found.isEmpty() || !Responsibility.needsScheduling(found.get(), schedulerNames)) {
            parked.remove(key);
            return Result.done();
        }
        Pod pod = found.get();
        PodInfo info = PodInfo.of(pod);
        if (cache.isAssumed(info.key())) {
            return Result.done();
        }
        long started = System.nanoTime();
        String profile = profile(pod);
        Optional<String> waiting = claims == null ? Optional.empty()
                : VolumeBinding.unschedulable(pod, claims, cache.nodeCount());
        if (waiting.isPresent()) {
            int nodes = cache.nodeCount();
            metrics.attempted(profile, SchedulingMetrics.Result.UNSCHEDULABLE, since(started));
            return unschedulable(key, pod, info, nodes == 0 ? waiting.get() : waiting.get() + " preemption: "
                    + new FitError(nodes, Map.of(Preemption.NOT_HELPFUL, nodes)).message(), null);
        }
        Decision decision = cache.schedule(info, placement);
        if (decision instanceof Decision.Fits fits) {
            parked.remove(key);
            inFlight.acquire();
            binder.bind(pod, fits.nodeName()).whenComplete((ok, failure) -> {
                inFlight.release();
                if (failure == null) {
                    metrics.attempted(profile, SchedulingMetrics.Result.SCHEDULED, since(started));
                    events.normal(pod, "Scheduled", "Successfully assigned " + info.key() + " to " + fits.nodeName());
                } else {
                    metrics.attempted(profile, SchedulingMetrics.Result.ERROR, since(started));
                    bindingFailed(key, pod, info, fits.nodeName(), failure);
                }
            });
            return Result.done();
        }
        String fitError = ((Decision.Unschedulable) decision).error().message();
        Outcome outcome = cache.preempt(info, preemption, budgets.get());
        String nomination = null;
        if (outcome instanceof Outcome.Nominated chosen) {
            nomination = chosen.nodeName();
            evict(pod, chosen);
        } else if (outcome instanceof Outcome.NoCandidate && !nominatedNodeName(pod).isEmpty()) {
            nomination = "";
        }
        metrics.preemptionTried(outcome instanceof Outcome.Nominated chosen ? chosen.victims().size() : 0);
        metrics.attempted(profile, SchedulingMetrics.Result.UNSCHEDULABLE, since(started));
        return unschedulable(key, pod, info, outcome.message().isEmpty() ? fitError : fitError + " " + outcome.message(),
                nomination);
    }

    /** Deletes the victims kube-scheduler's way and takes the node's nomination from lower-priority pods. */
    private void evict(Pod pod, Outcome.Nominated chosen) {
        for (PodInfo victim : chosen.victims()) {
            binder.preempt(victim.pod(), pod);
            events.normal(victim.pod(), "Preempted",
                    "Preempted by pod " + pod.getMetadata().getUid() + " on node " + chosen.nodeName());
            LOG.atInfo().addKeyValue("pod", PodInfo.keyOf(pod)).addKeyValue("victim", victim.key())
                    .addKeyValue("node", chosen.nodeName()).log("Preempting a pod of lower priority");
        }
        for (PodInfo other : chosen.lowerPriorityNominated()) {
            binder.clearNomination(other.pod());
        }
    }

    private static String profile(Pod pod) {
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return name == null || name.isEmpty() ? "default-scheduler" : name;
    }

    private static Duration since(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }

    private static String nominatedNodeName(Pod pod) {
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        return nominated == null ? "" : nominated;
    }

    /**
     * PodScheduled=False/Unschedulable with {@code message} and the nomination (null: unchanged), a
     * FailedScheduling event, and parked until a change or the retry.
     */
    private Result unschedulable(ObjectKey key, Pod pod, PodInfo info, String message, String nomination) {
        parked.add(key);
        events.warning(pod, "FailedScheduling", message);
        if (!alreadyMarked(pod, message) || nomination != null && !nomination.equals(nominatedNodeName(pod))) {
            binder.markUnschedulable(pod, message, nomination);
        }
        LOG.atInfo().addKeyValue("pod", info.key()).addKeyValue("uid", pod.getMetadata().getUid())
                .log("Unschedulable: {}", message);
        return Result.requeueAfter(unschedulableRetry);
    }

    private void bindingFailed(ObjectKey key, Pod pod, PodInfo info, String nodeName, Throwable failure) {
        cache.forget(info.key());
        Throwable cause = failure.getCause() != null && !(failure instanceof PodBinder.BindingException) ? failure.getCause() : failure;
        boolean final409 = cause instanceof PodBinder.BindingException refused && refused.code() == 409;
        LOG.atWarn().addKeyValue("pod", info.key()).addKeyValue("node", nodeName)
                .log("Binding failed{}: {}", final409 ? "" : ", retrying", cause.getMessage());
        if (!final409) {
            events.warning(pod, "FailedScheduling", "Binding rejected: " + cause.getMessage());
            queue.addRateLimited(key);
        }
    }

    static boolean alreadyMarked(Pod pod, String message) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("PodScheduled".equals(c.getType())) {
                return "False".equals(c.getStatus()) && "Unschedulable".equals(c.getReason()) && message.equals(c.getMessage());
            }
        }
        return false;
    }
}
