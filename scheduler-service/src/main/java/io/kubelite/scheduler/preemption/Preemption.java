package io.kubelite.scheduler.preemption;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.kubelite.scheduler.filters.NodeFilter;
import io.kubelite.scheduler.filters.PodFilter;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.placement.FitError;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * kube-scheduler's DefaultPreemption for a pod no node fits: find the nodes where deleting pods of
 * lower priority would let it in, choose the victims on each (as few and as unimportant as
 * possible, sparing pods whose PodDisruptionBudget has no disruption left where it can), and pick
 * one node. Pure: the caller deletes the victims and records the nomination.
 *
 * <p>Per node: a node that fails a rule about the node itself (cordon, taints, node affinity) or
 * a rule prepared over the whole cluster (pod affinity, topology spread — not re-evaluated without
 * the victims here) is "not helpful"; otherwise every pod of lower priority is taken off a copy of
 * the node, and if the pod then fits, they are put back one by one, most important first
 * (higher priority, then earlier start), budget-violating ones before the others, each staying if
 * the pod still fits. Those that cannot stay are the node's victims.
 *
 * <p>Choosing the node, in kube-scheduler's order: fewest victims whose budget is exhausted, then
 * the lowest highest victim priority, the smallest sum of victim priorities, the fewest victims,
 * the latest start among the highest-priority victims, the first found. Example: node a would
 * lose one pod of priority 100, node b two pods of priority 10 → b (its highest victim priority is
 * lower).
 *
 * <p>Like kube-scheduler, a large cluster is not searched completely: the search stops after
 * max(100, 10 % of the nodes) candidates.
 */
public final class Preemption {

    public static final String NOT_HELPFUL = "Preemption is not helpful for scheduling";
    static final String NO_VICTIMS = "No preemption victims found for incoming pod";
    static final String NEVER = "not eligible due to preemptionPolicy=Never.";
    static final String TERMINATING = "not eligible due to a terminating pod on the nominated node.";
    static final int MIN_CANDIDATE_NODES_PERCENTAGE = 10;
    static final int MIN_CANDIDATE_NODES_ABSOLUTE = 100;

    /** Higher priority first, then the one that started earlier (a pod not started yet counts as starting now). */
    static final Comparator<PodInfo> MORE_IMPORTANT_FIRST = Comparator.comparingInt((PodInfo p) -> -p.priority())
            .thenComparing(Preemption::startTime);

    private final List<NodeFilter> filters;
    private final List<PodFilter> podFilters;

    /** @param filters and {@code podFilters}: the same rules the scheduler places pods with */
    public Preemption(List<NodeFilter> filters, List<PodFilter> podFilters) {
        this.filters = List.copyOf(filters);
        this.podFilters = List.copyOf(podFilters);
    }

    public static Preemption defaults() {
        return new Preemption(NodeFilter.defaults(), PodFilter.defaults());
    }

    /**
     * @param nominatedNode the node the pod was nominated to before (null: none)
     * @param budgets       every PodDisruptionBudget of the cluster
     */
    public Outcome preempt(PodInfo pod, Cluster cluster, String nominatedNode, List<Budget> budgets) {
        if ("Never".equals(pod.pod().getSpec().getPreemptionPolicy())) {
            return new Outcome.NotEligible("preemption: " + NEVER);
        }
        if (nominatedNode != null && victimsStillLeaving(pod, cluster, nominatedNode)) {
            return new Outcome.NotEligible("preemption: " + TERMINATING);
        }
        List<NodeInfo> nodes = cluster.nodes();
        if (nodes.isEmpty()) {
            return new Outcome.NoCandidate("");
        }
        List<NodeFilter> prepared = new ArrayList<>();
        for (PodFilter podFilter : podFilters) {
            podFilter.prepare(pod, cluster).ifPresent(prepared::add);
        }
        int wanted = Math.min(nodes.size(), Math.max(MIN_CANDIDATE_NODES_ABSOLUTE,
                nodes.size() * MIN_CANDIDATE_NODES_PERCENTAGE / 100));
        Map<String, Integer> reasons = new HashMap<>();
        List<Candidate> candidates = new ArrayList<>();
        for (NodeInfo node : nodes) {
            if (!mayHelp(pod, node, prepared)) {
                reasons.merge(NOT_HELPFUL, 1, Integer::sum);
                continue;
            }
            Optional<Candidate> candidate = victimsOn(pod, cluster, node, budgets);
            if (candidate.isEmpty()) {
                reasons.merge(NO_VICTIMS, 1, Integer::sum);
                continue;
            }
            candidates.add(candidate.get());
            if (candidates.size() >= wanted) {
                break;
            }
        }
        if (candidates.isEmpty()) {
            return new Outcome.NoCandidate("preemption: " + new FitError(nodes.size(), reasons).message());
        }
        Candidate best = pick(candidates);
        List<PodInfo> lowerNominated = new ArrayList<>();
        var waiting = cluster.nominated().get(best.nodeName());
        if (waiting != null) {
            for (PodInfo other : waiting) {
                if (other.priority() < pod.priority() && !other.key().equals(pod.key())) {
                    lowerNominated.add(other);
                }
            }
        }
        return new Outcome.Nominated(best.nodeName(), best.victims(), lowerNominated);
    }

    /** The rules preemption cannot change pass on {@code node}. */
    private boolean mayHelp(PodInfo pod, NodeInfo node, List<NodeFilter> prepared) {
        for (NodeFilter filter : filters) {
            if (!filter.preemptionMayHelp() && !filter.reasons(pod, node).isEmpty()) {
                return false;
            }
        }
        for (NodeFilter filter : prepared) {
            if (!filter.reasons(pod, node).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** kube-scheduler's SelectVictimsOnNode; empty when even removing every lower-priority pod does not make room. */
    Optional<Candidate> victimsOn(PodInfo pod, Cluster cluster, NodeInfo node, List<Budget> budgets) {
        List<PodInfo> potential = new ArrayList<>();
        for (PodInfo other : node.pods()) {
            if (other.priority() < pod.priority()) {
                potential.add(other);
            }
        }
        if (potential.isEmpty()) {
            return Optional.empty(); // the common case of a cluster without priorities: no copy made
        }
        NodeInfo trial = node.copy();
        potential.forEach(other -> trial.removePod(other.key()));
        if (!fits(pod, cluster, trial)) {
            return Optional.empty();
        }
        potential.sort(MORE_IMPORTANT_FIRST);
        List<PodInfo> violating = new ArrayList<>();
        List<PodInfo> nonViolating = new ArrayList<>();
        splitByBudget(potential, budgets, violating, nonViolating);
        List<PodInfo> victims = new ArrayList<>();
        int violations = 0;
        for (PodInfo other : violating) {
            if (!reprieve(pod, cluster, trial, other)) {
                victims.add(other);
                violations++;
            }
        }
        for (PodInfo other : nonViolating) {
            if (!reprieve(pod, cluster, trial, other)) {
                victims.add(other);
            }
        }
        victims.sort(MORE_IMPORTANT_FIRST);
        return Optional.of(new Candidate(node.name(), List.copyOf(victims), violations));
    }

    /** Puts {@code other} back on the trial node; true if the pod still fits with it there (it stays). */
    private boolean reprieve(PodInfo pod, Cluster cluster, NodeInfo trial, PodInfo other) {
        trial.addPod(other);
        if (fits(pod, cluster, trial)) {
            return true;
        }
        trial.removePod(other.key());
        return false;
    }

    /** The rules removing pods can change, with the pods nominated there of at least the pod's priority. */
    private boolean fits(PodInfo pod, Cluster cluster, NodeInfo trial) {
        NodeInfo seen = cluster.asSeenBy(pod, trial);
        for (NodeFilter filter : filters) {
            if (filter.preemptionMayHelp() && !filter.reasons(pod, seen).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /** Pods (most important first) whose deletion would take a budget below zero, and the others. */
    static void splitByBudget(List<PodInfo> pods, List<Budget> budgets, List<PodInfo> violating, List<PodInfo> nonViolating) {
        int[] allowed = new int[budgets.size()];
        for (int i = 0; i < allowed.length; i++) {
            allowed[i] = budgets.get(i).disruptionsAllowed();
        }
        for (PodInfo pod : pods) {
            boolean violates = false;
            for (int i = 0; i < allowed.length; i++) {
                if (budgets.get(i).covers(pod.pod())) {
                    allowed[i]--;
                    if (allowed[i] < 0) {
                        violates = true;
                    }
                }
            }
            (violates ? violating : nonViolating).add(pod);
        }
    }

    static Candidate pick(List<Candidate> candidates) {
        Candidate best = candidates.get(0);
        for (Candidate c : candidates.subList(1, candidates.size())) {
            if (BETTER_FIRST.compare(c, best) < 0) {
                best = c;
            }
        }
        return best;
    }

    /** kube-scheduler's pickOneNodeForPreemption as an order; a node without victims comes first. */
    static final Comparator<Candidate> BETTER_FIRST = Comparator
            .comparing((Candidate c) -> !c.victims().isEmpty())
            .thenComparingInt(Candidate::budgetViolations)
            .thenComparingInt(Candidate::highestPriority)
            .thenComparingLong(Candidate::prioritySum)
            .thenComparingInt(c -> c.victims().size())
            .thenComparing(Candidate::earliestStartOfHighest, Comparator.reverseOrder());

    /** A node where preemption would make room, and what it costs. */
    record Candidate(String nodeName, List<PodInfo> victims, int budgetViolations) {

        int highestPriority() {
            return victims.isEmpty() ? Integer.MIN_VALUE : victims.get(0).priority();
        }

        /** Each priority shifted by 2^31 so that negative priorities add up as smaller, as in kube-scheduler. */
        long prioritySum() {
            long sum = 0;
            for (PodInfo v : victims) {
                sum += (long) v.priority() + Integer.MAX_VALUE + 1;
            }
            return sum;
        }

        Instant earliestStartOfHighest() {
            Instant earliest = Instant.MAX;
            for (PodInfo v : victims) {
                if (v.priority() == highestPriority()) {
                    Instant start = startTime(v);
                    if (start.isBefore(earliest)) {
                        earliest = start;
                    }
                }
            }
            return earliest;
        }
    }

    /** A lower-priority pod on the nominated node that preemption is deleting: wait for it rather than preempt again. */
    private static boolean victimsStillLeaving(PodInfo pod, Cluster cluster, String nominatedNode) {
        for (NodeInfo node : cluster.nodes()) {
            if (node.name().equals(nominatedNode)) {
                for (PodInfo other : node.pods()) {
                    if (other.priority() < pod.priority() && other.terminating() && preemptedByScheduler(other.pod())) {
                        return true;
                    }
                }
                return false;
            }
        }
        return false;
    }

    static boolean preemptedByScheduler(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("DisruptionTarget".equals(c.getType()) && "True".equals(c.getStatus())
                    && "PreemptionByScheduler".equals(c.getReason())) {
                return true;
            }
        }
        return false;
    }

    static Instant startTime(PodInfo pod) {
        String start = pod.pod().getStatus() == null ? null : pod.pod().getStatus().getStartTime();
        if (start == null || start.isEmpty()) {
            return Instant.MAX;
        }
        try {
            return Instant.parse(start);
        } catch (java.time.format.DateTimeParseException e) {
            return Instant.MAX;
        }
    }
}
