package io.kubelite.scheduler.placement;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Why a pod fits no node, as kube-scheduler words it: {@code 0/<all nodes> nodes are available:}
 * followed by a histogram of the reasons, each entry {@code "<node count> <reason>"}, the entries sorted
 * as strings and joined by {@code ", "}, ending with a period.
 *
 * <p>Example: three nodes, one cordoned and two without memory:
 * {@code 0/3 nodes are available: 1 node(s) were unschedulable, 2 Insufficient memory.}
 * The sort is on the whole entry, so {@code "10 Insufficient cpu"} comes before {@code "2 Too many pods"}.
 * With no nodes at all the message is {@code no nodes available to schedule pods}.
 */
public record FitError(int numAllNodes, Map<String, Integer> reasons) {

    static final String NO_NODES = "no nodes available to schedule pods";

    public FitError {
        reasons = Collections.unmodifiableMap(new TreeMap<>(reasons));
    }

    public String message() {
        if (numAllNodes == 0) {
            return NO_NODES;
        }
        List<String> entries = new ArrayList<>();
        for (Map.Entry<String, Integer> e : reasons.entrySet()) {
            entries.add(e.getValue() + " " + e.getKey());
        }
        Collections.sort(entries);
        StringBuilder message = new StringBuilder("0/").append(numAllNodes).append(" nodes are available:");
        if (!entries.isEmpty()) {
            message.append(' ').append(String.join(", ", entries)).append('.');
        }
        return message.toString();
    }
}
