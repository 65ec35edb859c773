package io.kubelite.autoscaler.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.node.ObjectNode;

/**
 * The newest usage record of every pod, as the node agents published it (a PodMetrics object of
 * metrics.k8s.io/v1beta1), and of every node (NodeMetrics). A record older than the maximum age is gone: its pod stopped or its
 * node went away, as metrics-server forgets a pod its kubelet no longer reports.
 */
public final class PodMetricsStore {

    private record Entry(ObjectNode metrics, Instant received) {
    }

    private final Map<String, Entry> pods = new ConcurrentHashMap<>();
    private final Map<String, Entry> nodes = new ConcurrentHashMap<>();
    private final Duration maxAge;
    private final Clock clock;

    public PodMetricsStore(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** @param key {@code namespace/name} */
    public void put(String key, ObjectNode metrics) {
        pods.put(key, new Entry(metrics, clock.instant()));
    }

    /** A node's own record (NodeMetrics: the machine's usage, as its agent measured it). */
    public void putNode(String name, ObjectNode metrics) {
        nodes.put(name, new Entry(metrics, clock.instant()));
    }

    public Optional<ObjectNode> node(String name) {
        Entry e = nodes.get(name);
        return e == null || stale(e) ? Optional.empty() : Optional.of(e.metrics());
    }

    public Optional<ObjectNode> get(String namespace, String name) {
        Entry e = pods.get(namespace + "/" + name);
        return e == null || stale(e) ? Optional.empty() : Optional.of(e.metrics());
    }

    /** Every fresh record of a namespace (null: of all), by namespace and name. */
    public List<ObjectNode> list(String namespace) {
        List<ObjectNode> out = new ArrayList<>();
        pods.entrySet().removeIf(e -> stale(e.getValue()));
        pods.forEach((key, e) -> {
            if (namespace == null || key.startsWith(namespace + "/")) {
                out.add(e.metrics());
            }
        });
        out.sort(Comparator.comparing((ObjectNode m) -> m.path("metadata").path("namespace").asString(""))
                .thenComparing(m -> m.path("metadata").path("name").asString("")));
        return out;
    }

    private boolean stale(Entry e) {
        return e.received().plus(maxAge).isBefore(clock.instant());
    }
}
