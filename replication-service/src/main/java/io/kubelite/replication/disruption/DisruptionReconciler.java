package io.kubelite.replication.disruption;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.events.EventRecorder;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.replication.pods.Owners;
import io.kubelite.replication.pods.PodStates;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.function.Function;

/**
 * Keeps a PodDisruptionBudget's status — expected pods, desired and current healthy pods, the
 * disruptions it allows now, the {@code DisruptionAllowed} condition — which the API server's
 * eviction reads and spends. An eviction the API server recorded under {@code disruptedPods}
 * counts as gone for two minutes (kube's deletion timeout) unless the pod goes sooner.
 */
public final class DisruptionReconciler implements Reconciler {

    static final Duration DELETION_TIMEOUT = Duration.ofMinutes(2);

    /** Finds the replicas a pod's controller asks for: empty when it has none, or one that does not scale. */
    interface Scales {
        Optional<Scale> of(String namespace, OwnerReference controller);
    }

    /** A scaling controller, named by uid so that two pods of one ReplicaSet count it once. */
    record Scale(String uid, int replicas) {
    }

    private final Function<ObjectKey, Optional<PodDisruptionBudget>> budgets;
    private final Function<String, List<Pod>> podsInNamespace;
    private final Scales scales;
    private final java.util.function.Consumer<PodDisruptionBudget> statusWriter;
    private final EventRecorder events;
    private final Clock clock;

    DisruptionReconciler(Function<ObjectKey, Optional<PodDisruptionBudget>> budgets, Function<String, List<Pod>> podsInNamespace,
            Scales scales, java.util.function.Consumer<PodDisruptionBudget> statusWriter, EventRecorder events, Clock clock) {
        this.budgets = budgets;
        this.podsInNamespace = podsInNamespace;
        this.scales = scales;
        this.statusWriter = statusWriter;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<PodDisruptionBudget> found = budgets.apply(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        PodDisruptionBudget pdb = found.get();
        Instant now = clock.instant();
        List<Pod> pods = podsInNamespace.apply(key.namespace()).stream().filter(p -> selects(pdb, p))
                .filter(p -> !PodStates.isTerminal(p)).toList();
        PodDisruptionBudgetStatus previous = pdb.getStatus() == null ? new PodDisruptionBudgetStatus() : pdb.getStatus();
        Map<String, String> disrupted = stillDisrupted(previous.getDisruptedPods(), pods, now);
        PodDisruptionBudgetStatusBuilder next = new PodDisruptionBudgetStatusBuilder(previous)
                .withObservedGeneration(pdb.getMetadata().getGeneration()).withDisruptedPods(disrupted);
        try {
            DisruptionBudget budget = DisruptionBudget.of(pdb.getSpec().getMinAvailable(), pdb.getSpec().getMaxUnavailable(),
                    pods.size(), controllerScale(key.namespace(), pods));
            int healthy = (int) pods.stream().filter(p -> PodStates.isReady(p) && !PodStates.isDeleting(p)
                    && !disrupted.containsKey(p.getMetadata().getName())).count();
            int allowed = budget.disruptionsAllowed(healthy);
            next.withExpectedPods(budget.expectedPods()).withDesiredHealthy(budget.desiredHealthy())
                    .withCurrentHealthy(healthy).withDisruptionsAllowed(allowed)
                    .withConditions(condition(previous, allowed > 0 ? "True" : "False",
                            allowed > 0 ? "SufficientPods" : "InsufficientPods", "", pdb.getMetadata().getGeneration(), now));
        } catch (DisruptionBudget.NoControllersException e) {
            events.warning(pdb, "CalculateExpectedPodCountFailed", "Failed to calculate the number of expected pods: "
                    + "found no controllers for the pods of " + key);
            next.withDisruptionsAllowed(0).withConditions(condition(previous, "False", "SyncFailed", e.getMessage(),
                    pdb.getMetadata().getGeneration(), now));
        }
        PodDisruptionBudgetStatus status = next.build();
        if (!status.equals(previous)) {
            statusWriter.accept(new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder(pdb)
                    .withStatus(status).build());
        }
        return recheck(disrupted, now).map(Result::requeueAfter).orElse(Result.done());
    }

    /** policy/v1: a missing selector selects nothing, an empty one every pod of the namespace. */
    static boolean selects(PodDisruptionBudget pdb, Pod pod) {
        if (pdb.getSpec() == null || pdb.getSpec().getSelector() == null) {
            return false;
        }
        Map<String, String> labels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        return LabelSelector.fromApi(pdb.getSpec().getSelector()).matches(labels);
    }

    /** The summed replicas of the pods' controllers; empty when a pod has no controller, or one that does not scale. */
    private OptionalInt controllerScale(String namespace, List<Pod> pods) {
        Set<String> counted = new HashSet<>();
        int total = 0;
        for (Pod pod : pods) {
            Optional<OwnerReference> controller = Owners.controllerOf(pod);
            if (controller.isEmpty()) {
                return OptionalInt.empty();
            }
            Optional<Scale> scale = scales.of(namespace, controller.get());
            if (scale.isEmpty()) {
                return OptionalInt.empty();
            }
            if (counted.add(scale.get().uid())) {
                total += scale.get().replicas();
            }
        }
        return OptionalInt.of(total);
    }

    /** Evictions younger than the deletion timeout whose pods still exist (and are not yet being deleted). */
    private static Map<String, String> stillDisrupted(Map<String, String> recorded, List<Pod> pods, Instant now) {
        Map<String, String> kept = new LinkedHashMap<>();
        if (recorded == null) {
            return kept;
        }
        Set<String> live = new HashSet<>();
        pods.stream().filter(p -> !PodStates.isDeleting(p)).forEach(p -> live.add(p.getMetadata().getName()));
        recorded.forEach((pod, when) -> {
            if (live.contains(pod) && Instant.parse(when).plus(DELETION_TIMEOUT).isAfter(now)) {
                kept.put(pod, when);
            }
        });
        return kept;
    }

    private static Optional<Duration> recheck(Map<String, String> disrupted, Instant now) {
        return disrupted.values().stream().map(when -> Duration.between(now, Instant.parse(when).plus(DELETION_TIMEOUT)))
                .filter(d -> !d.isNegative() && !d.isZero()).min(Duration::compareTo);
    }

    private static List<Condition> condition(PodDisruptionBudgetStatus previous, String status, String reason, String message,
            Long generation, Instant now) {
        List<Condition> conditions = new ArrayList<>();
        Condition old = previous.getConditions() == null ? null : previous.getConditions().stream()
                .filter(c -> "DisruptionAllowed".equals(c.getType())).findFirst().orElse(null);
        String since = old != null && status.equals(old.getStatus()) && reason.equals(old.getReason())
                ? old.getLastTransitionTime() : now.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        conditions.add(new ConditionBuilder().withType("DisruptionAllowed").withStatus(status).withReason(reason)
                .withMessage(message).withLastTransitionTime(since).withObservedGeneration(generation).build());
        return conditions;
    }
}
