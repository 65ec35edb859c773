package io.kubelite.nodeagent.metrics;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.nodeagent.pod.PodCache;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every interval, samples each running app container of the node (in parallel: Docker takes about
 * a second per stats call) and publishes one PodMetrics-shaped record per pod — key
 * {@code namespace/name}, value like metrics.k8s.io/v1beta1 PodMetrics — for the autoscaler:
 * <pre>
 * {"kind":"PodMetrics","apiVersion":"metrics.k8s.io/v1beta1",
 *  "metadata":{"name":"web","namespace":"default","labels":{…}},
 *  "timestamp":"2026-01-01T00:00:05Z","window":"5s",
 *  "containers":[{"name":"c","usage":{"cpu":"12m","memory":"3417Ki"}}]}
 * </pre>
 * CPU is the difference of two cumulative samples, so a container's first interval publishes nothing.
 */
public final class PodMetricsPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(PodMetricsPublisher.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Where records go: (key, JSON value). */
    public interface Sink {
        void publish(String key, String value);
    }

    private final ContainerRuntime runtime;
    private final Map<String, String> owner;
    private final PodCache pods;
    private final Sink sink;
    private final ExecutorService samplers;
    private final Map<String, ContainerRuntime.UsageSample> previous = new ConcurrentHashMap<>();
    private volatile ContainerRuntime.UsageSample previousHost;
    private volatile UsageSnapshot snapshot = UsageSnapshot.EMPTY;
    /** A shorter window (a container that started a moment ago) says more about its start-up than its use. */
    private static final Duration MIN_WINDOW = Duration.ofSeconds(1);

    public PodMetricsPublisher(ContainerRuntime runtime, Map<String, String> owner, PodCache pods, Sink sink,
            ExecutorService samplers) {
        this.runtime = runtime;
        this.owner = owner;
        this.pods = pods;
        this.sink = sink;
        this.samplers = samplers;
    }

    /**
     * The node's own record (NodeMetrics): the machine's usage since the previous sample, as a
     * kubelet reports its node's; none from a runtime without a machine of its own.
     */
    private Optional<UsageSnapshot.Usage> publishNode() {
        String node = owner.get(ContainerLabels.NODE);
        Optional<ContainerRuntime.UsageSample> sample = runtime.hostUsage();
        if (node == null || sample.isEmpty()) {
            return Optional.empty();
        }
        ContainerRuntime.UsageSample before = previousHost;
        previousHost = sample.get();
        Optional<UsageSnapshot.Usage> usage = Optional.of(usage(before, sample.get()));
        if (before == null) {
            return usage;
        }
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("kind", "NodeMetrics");
        value.put("apiVersion", "metrics.k8s.io/v1beta1");
        value.put("metadata", Map.of("name", node));
        value.put("timestamp", sample.get().timestamp().truncatedTo(ChronoUnit.SECONDS).toString());
        value.put("window", Duration.between(before.timestamp(), sample.get().timestamp()).toSeconds() + "s");
        value.put("usage", Map.of("cpu", PodUsage.millicores(before, sample.get()) + "m",
                "memory", PodUsage.memory(sample.get().memoryWorkingSetBytes())));
        try {
            sink.publish(NODE_KEY_PREFIX + node, JSON.writeValueAsString(value));
        } catch (RuntimeException e) {
            LOG.atWarn().addKeyValue("node", node).log("Could not publish node metrics: " + e.getMessage());
        }
        return usage;
    }

    /** The last pass's measurements (empty before the first), for the node's kubelet endpoints. */
    public UsageSnapshot snapshot() {
        return snapshot;
    }

    /** A sample with the CPU rate since {@code before}, when that spans at least {@link #MIN_WINDOW}. */
    private static UsageSnapshot.Usage usage(ContainerRuntime.UsageSample before, ContainerRuntime.UsageSample sample) {
        OptionalLong nanoCores = OptionalLong.empty();
        if (before != null) {
            Duration window = Duration.between(before.timestamp(), sample.timestamp());
            if (window.compareTo(MIN_WINDOW) >= 0 && sample.cpuNanos() >= before.cpuNanos()) {
                nanoCores = OptionalLong.of(Math.round((sample.cpuNanos() - before.cpuNanos()) * 1e9 / window.toNanos()));
            }
        }
        return new UsageSnapshot.Usage(sample.timestamp(), sample.cpuNanos(), nanoCores, sample.memoryWorkingSetBytes());
    }

    /** Records of nodes are keyed apart from pods' ({@code namespace/name}): a colon is in no namespace's name. */
    public static final String NODE_KEY_PREFIX = "node:";

    public void publishOnce() {
        List<RuntimeContainer> running = runtime.list(owner).stream()
                .filter(c -> c.running() && !ContainerLabels.SANDBOX.equals(c.label(ContainerLabels.CONTAINER_NAME)))
                .toList();
        Map<RuntimeContainer, Future<Optional<ContainerRuntime.UsageSample>>> futures = new LinkedHashMap<>();
        for (RuntimeContainer c : running) {
            futures.put(c, samplers.submit(() -> runtime.stats(c.id())));
        }
        Map<ObjectKey, List<Map<String, Object>>> byPod = new LinkedHashMap<>();
        Map<ObjectKey, Duration> windows = new HashMap<>();
        Map<String, ContainerRuntime.UsageSample> seen = new HashMap<>();
        List<UsageSnapshot.ContainerUsage> measured = new ArrayList<>();
        for (var entry : futures.entrySet()) {
            RuntimeContainer c = entry.getKey();
            Optional<ContainerRuntime.UsageSample> sample;
            try {
                sample = entry.getValue().get();
            } catch (Exception e) {
                continue;
            }
            if (sample.isEmpty()) {
                continue;
            }
            seen.put(c.id(), sample.get());
            ContainerRuntime.UsageSample before = previous.getOrDefault(c.id(), PodUsage.atStart(c.startedAt()));
            measured.add(new UsageSnapshot.ContainerUsage(c.label(ContainerLabels.POD_NAMESPACE),
                    c.label(ContainerLabels.POD_NAME), c.label(ContainerLabels.POD_UID),
                    c.label(ContainerLabels.CONTAINER_NAME), c.id(), c.name(), c.image(), c.startedAt(),
                    usage(before, sample.get())));
            if (before == null || Duration.between(before.timestamp(), sample.get().timestamp()).compareTo(MIN_WINDOW) < 0) {
                continue;
            }
            ObjectKey key = new ObjectKey(c.label(ContainerLabels.POD_NAMESPACE), c.label(ContainerLabels.POD_NAME));
            Map<String, Object> usage = new LinkedHashMap<>();
            usage.put("cpu", PodUsage.millicores(before, sample.get()) + "m");
            usage.put("memory", PodUsage.memory(sample.get().memoryWorkingSetBytes()));
            byPod.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(Map.of("name", c.label(ContainerLabels.CONTAINER_NAME), "usage", usage));
            windows.put(key, Duration.between(before.timestamp(), sample.get().timestamp()));
        }
        previous.clear();
        previous.putAll(seen);
        snapshot = new UsageSnapshot(publishNode(), List.copyOf(measured));
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (var entry : byPod.entrySet()) {
            ObjectKey key = entry.getKey();
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("name", key.name());
            metadata.put("namespace", key.namespace());
            pods.get(key).map(Pod::getMetadata).map(m -> m.getLabels()).ifPresent(l -> metadata.put("labels", l));
            Map<String, Object> value = new LinkedHashMap<>();
            value.put("kind", "PodMetrics");
            value.put("apiVersion", "metrics.k8s.io/v1beta1");
            value.put("metadata", metadata);
            value.put("timestamp", now.toString());
            value.put("window", windows.get(key).toSeconds() + "s");
            value.put("containers", entry.getValue());
            try {
                sink.publish(key.namespace() + "/" + key.name(), JSON.writeValueAsString(value));
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("pod", key.namespace() + "/" + key.name()).log("Could not publish metrics: "
                        + e.getMessage());
            }
        }
    }
}
