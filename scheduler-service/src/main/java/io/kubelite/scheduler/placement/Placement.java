package io.kubelite.scheduler.placement;

import io.kubelite.scheduler.filters.NodeFilter;
import io.kubelite.scheduler.filters.PodFilter;
import io.kubelite.scheduler.framework.Cluster;
import io.kubelite.scheduler.framework.NodeInfo;
import io.kubelite.scheduler.framework.PodInfo;
import io.kubelite.scheduler.scores.NodeScorer;
import io.kubelite.scheduler.scores.PodScorer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * One scheduling decision: filter nodes, score the feasible ones, pick the best (ties broken at
 * random so equal nodes share the load). Pure apart from the random tie-break.
 *
 * <p>Like kube-scheduler, a large cluster is not searched completely: filtering stops once
 * {@link #feasibleNodesToFind} nodes pass, starting where the previous cycle stopped, so every node
 * gets its turn. Example: 5,000 nodes → 50 - 5000/125 = 10 % → the first 500 feasible nodes are
 * scored; 1,000 nodes → 42 % → 420; under 100 nodes every node is looked at. A pod that fits
 * nowhere always has every node examined, so its message counts all of them.
 */
public final class Placement {

    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE = 5;

    private final List<NodeFilter> filters;
    private final List<PodFilter> podFilters;
    private final List<NodeScorer> scorers;
    private final List<PodScorer> podScorers;
    private final RandomGenerator random;
    private final int percentageOfNodesToScore;

    /**
     * @param percentageOfNodesToScore 0 for Kubernetes' adaptive percentage, 100 to always score every node
     */
    public Placement(List<NodeFilter> filters, List<NodeScorer> scorers, RandomGenerator random,
            int percentageOfNodesToScore) {
        this(filters, PodFilter.defaults(), scorers, PodScorer.defaults(), random, percentageOfNodesToScore);
    }

    /** @param podFilters rules that look at the whole cluster for each pod (topology spread, inter-pod affinity), after {@code filters} */
    public Placement(List<NodeFilter> filters, List<PodFilter> podFilters, List<NodeScorer> scorers, List<PodScorer> podScorers,
            RandomGenerator random, int percentageOfNodesToScore) {
        this.filters = List.copyOf(filters);
        this.podFilters = List.copyOf(podFilters);
        this.podScorers = List.copyOf(podScorers);
        this.scorers = List.copyOf(scorers);
        this.random = random;
        this.percentageOfNodesToScore = percentageOfNodesToScore;
    }

    public static Placement defaults(RandomGenerator random) {
        return new Placement(NodeFilter.defaults(), NodeScorer.defaults(), random, 0);
    }

    /** Examines {@code nodes} round-robin from {@code startIndex}. */
    public Decision place(PodInfo pod, List<NodeInfo> nodes, int startIndex) {
        return place(pod, Cluster.scan(nodes), startIndex);
    }

    /** Examines the cluster's nodes round-robin from {@code startIndex}. */
    public Decision place(PodInfo pod, Cluster cluster, int startIndex) {
        List<NodeInfo> nodes = cluster.nodes();
        List<NodeFilter> forPod = filtersFor(pod, cluster);
        int n = nodes.size();
        int wanted = feasibleNodesToFind(n, percentageOfNodesToScore);
        List<NodeInfo> feasible = new ArrayList<>(Math.min(wanted, n));
        Map<String, Integer> reasons = new HashMap<>();
        int examined = 0;
        for (; examined < n && feasible.size() < wanted; examined++) {
            NodeInfo node = nodes.get((startIndex + examined) % n);
            List<String> rejected = firstRejection(forPod, pod, cluster.asSeenBy(pod, node));
            if (rejected.isEmpty()) {
                feasible.add(node);
            } else {
                for (String reason : rejected) {
                    reasons.merge(reason, 1, Integer::sum);
                }
            }
        }
        if (feasible.isEmpty()) {
            return new Decision.Unschedulable(new FitError(n, reasons), examined);
        }
        List<NodeScorer> scoring = scorers;
        for (PodScorer podScorer : podScorers) {
            Optional<NodeScorer> prepared = podScorer.prepare(pod, cluster);
            if (prepared.isPresent()) {
                if (scoring == scorers) {
                    scoring = new ArrayList<>(scorers);
                }
                scoring.add(prepared.get());
            }
        }
        return pickBest(scoring, pod, feasible, examined);
    }

    /**
     * Whether the pod fits {@code node} (one of the cluster's), judged as {@link #place} would: the
     * node a pod was nominated to after preemption is tried alone first, as kube-scheduler does.
     */
    public boolean fitsOn(PodInfo pod, Cluster cluster, NodeInfo node) {
        return firstRejection(filtersFor(pod, cluster), pod, cluster.asSeenBy(pod, node)).isEmpty();
    }

    /** The node filters, then each pod filter prepared for this pod over the whole cluster. */
    private List<NodeFilter> filtersFor(PodInfo pod, Cluster cluster) {
        List<NodeFilter> forPod = filters;
        for (PodFilter podFilter : podFilters) {
            Optional<NodeFilter> prepared = podFilter.prepare(pod, cluster);
            if (prepared.isPresent()) {
                if (forPod == filters) {
                    forPod = new ArrayList<>(filters);
                }
                forPod.add(prepared.get());
            }
        }
        return forPod;
    }

    private static List<String> firstRejection(List<NodeFilter> filters, PodInfo pod, NodeInfo node) {
        for (NodeFilter filter : filters) {
            List<String> reasons = filter.reasons(pod, node);
            if (!reasons.isEmpty()) {
                return reasons;
            }
        }
        return List.of();
    }

    private Decision pickBest(List<NodeScorer> scorers, PodInfo pod, List<NodeInfo> feasible, int examined) {
        if (feasible.size() == 1) {
            return new Decision.Fits(feasible.get(0).name(), 0, 1, examined);
        }
        long[] totals = new long[feasible.size()];
        long[] scores = new long[feasible.size()];
        for (NodeScorer scorer : scorers) {
            for (int i = 0; i < feasible.size(); i++) {
                scores[i] = scorer.score(pod, feasible.get(i));
            }
            scorer.normalize(scores);
            for (int i = 0; i < feasible.size(); i++) {
                totals[i] += scores[i] * scorer.weight();
            }
        }
        int best = 0;
        int ties = 1;
        for (int i = 1; i < totals.length; i++) {
            if (totals[i] > totals[best]) {
                best = i;
                ties = 1;
            } else if (totals[i] == totals[best]) {
                ties++;
                if (random.nextInt(ties) == 0) {
                    best = i;
                }
            }
        }
        return new Decision.Fits(feasible.get(best).name(), totals[best], feasible.size(), examined);
    }

    /** How many feasible nodes are enough (see the class comment). */
    static int feasibleNodesToFind(int numNodes, int percentage) {
        if (numNodes < MIN_FEASIBLE_NODES_TO_FIND || percentage >= 100) {
            return numNodes;
        }
        int pct = percentage;
        if (pct <= 0) {
            pct = Math.max(MIN_FEASIBLE_NODES_PERCENTAGE, 50 - numNodes / 125);
        }
        return Math.max(MIN_FEASIBLE_NODES_TO_FIND, numNodes * pct / 100);
    }
}
