package io.kubelite.nodeagent;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.queue.WorkQueue;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.controller.reconcile.ControllerMetrics;
import io.kubelite.controller.time.ExecutorScheduler;
import io.kubelite.nodeagent.api.ApiEvents;
import io.kubelite.nodeagent.api.ApiPods;
import io.kubelite.nodeagent.api.PodInformer;
import io.kubelite.nodeagent.node.NodeDescription;
import io.kubelite.nodeagent.metrics.PodMetricsPublisher;
import io.kubelite.nodeagent.metrics.UsageSnapshot;
import io.kubelite.nodeagent.node.NodeHeartbeat;
import io.kubelite.nodeagent.pod.ConfigLookup;
import io.kubelite.nodeagent.pod.ContainerSpecs;
import io.kubelite.nodeagent.pod.PodCache;
import io.kubelite.nodeagent.pod.PodSync;
import io.kubelite.nodeagent.pod.Relister;
import io.kubelite.nodeagent.probe.ProbeManager;
import io.kubelite.nodeagent.probe.ProbeRunner;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.image.PauseImage;
import io.kubelite.nodeagent.staticpod.StaticPods;
import java.io.Closeable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One node: its registration and lease, the pod workers, the relister and the probes. A JVM runs
 * one (Docker) or many (simulated runtime).
 */
public final class NodeAgent implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(NodeAgent.class);
    private static final long EVENT_RELIST_DELAY_MS = 50;

    private final String name;
    private final NodeAgentProperties properties;
    private final ContainerRuntime runtime;
    private final NodeHeartbeat heartbeat;
    private final Controller controller;
    private final Relister relister;
    private final ScheduledExecutorService timers;
    private final ApiEvents events;
    private final ExecutorScheduler queueScheduler;
    private final List<Closeable> closeables = new ArrayList<>();
    private final AtomicBoolean relistQueued = new AtomicBoolean();
    private final PodCache pods;
    private final ContainerSpecs.Owner owner;
    private final PodMetricsPublisher metrics;
    private final StaticPods staticPods;
    private final Supplier<NodeDescription.Facts> facts;
    private final Instant startedAt;

    public NodeAgent(String name, String clusterId, NodeAgentProperties properties, ContainerRuntime runtime,
            KubernetesClient client, PodInformer informer, ConfigLookup config, Path stateDir,
            Supplier<NodeDescription.Facts> facts, PodMetricsPublisher.Sink metricsSink, ExecutorService samplers) {
        this.name = name;
        this.properties = properties;
        this.runtime = runtime;
        this.owner = new ContainerSpecs.Owner(clusterId, name);
        this.facts = facts;
        Clock clock = Clock.systemUTC();
        this.startedAt = clock.instant();
        this.timers = Executors.newScheduledThreadPool(3, r -> {
            Thread t = new Thread(r, "node-" + name);
            t.setDaemon(true);
            return t;
        });
        this.events = new ApiEvents(client, name, clock);
        this.heartbeat = new NodeHeartbeat(client, facts, properties.leaseDuration(), properties.statusReportInterval(), clock);
        this.queueScheduler = new ExecutorScheduler("pods-" + name + "-queue");
        WorkQueue queue = new WorkQueue("pods-" + name, queueScheduler);
        this.pods = informer.cacheFor(name, queue::add);
        ProbeManager probes = new ProbeManager(new ProbeRunner(runtime, "simulated".equals(properties.runtime())), timers, events,
                pod -> queue.add(new ObjectKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName())));
        PodSync.NodeContext context = new PodSync.NodeContext(owner, properties.address(), properties.pauseImage(),
                PauseImage.COMMAND, stateDir, properties.syncInterval(), properties.imagePulls(), properties.clusterDomain(),
                Map.of("cpu", facts.get().cpu(), "memory", facts.get().memory()));
        PodSync sync = new PodSync(context, runtime, pods, new ApiPods(client), events, config,
                probes, clock);
        this.controller = new Controller("pods-" + name, queue, sync, properties.workers(), clock, ControllerMetrics.NONE);
        this.metrics = metricsSink == null ? null
                : new PodMetricsPublisher(runtime, ContainerLabels.owner(clusterId, name), pods, metricsSink, samplers);
        this.staticPods = properties.staticPodPath().isEmpty() ? null
                : new StaticPods(client, name, Path.of(properties.staticPodPath()));
        this.relister = new Relister(runtime, ContainerLabels.owner(clusterId, name), pods, probes, queue::add);
    }

    public String name() {
        return name;
    }

    public ContainerSpecs.Owner owner() {
        return owner;
    }

    public PodCache pods() {
        return pods;
    }

    public NodeAgentProperties properties() {
        return properties;
    }

    /** The machine as the Node reports it (capacity, address, port). */
    public NodeDescription.Facts facts() {
        return facts.get();
    }

    public Instant startedAt() {
        return startedAt;
    }

    /** What the last sampling pass measured; empty when pod metrics are off (no Kafka sink). */
    public UsageSnapshot usage() {
        return metrics == null ? UsageSnapshot.EMPTY : metrics.snapshot();
    }

    public void start() {
        heartbeat.register();
        every(properties.leaseRenewInterval(), heartbeat::renewLease, "lease renewal", true);
        every(Duration.ofSeconds(10), heartbeat::reportStatus, "node status", false);
        controller.start();
        every(properties.relistInterval(), relister::relist, "relist", true);
        if (staticPods != null) {
            every(properties.syncInterval(), staticPods::sync, "static pods", true);
        }
        if (metrics != null) {
            every(properties.metricsInterval(), metrics::publishOnce, "pod metrics", true);
        }
        try {
            closeables.add(runtime.watch(ContainerLabels.owner(owner.clusterId(), name), id -> relistSoon()));
        } catch (RuntimeException e) {
            LOG.atWarn().log("No runtime events, relisting only: " + e.getMessage());
        }
        LOG.atInfo().addKeyValue("node", name).addKeyValue("cluster", owner.clusterId()).log("Node agent started");
    }

    /**
     * A pod start is four engine events within a few hundred ms (create and start of the pause
     * and the app container): one relist {@value #EVENT_RELIST_DELAY_MS} ms after the first
     * covers those that arrive meanwhile, instead of one docker ps per event while the pod's
     * worker is still starting it.
     */
    private void relistSoon() {
        if (relistQueued.compareAndSet(false, true)) {
            try {
                timers.schedule(() -> {
                    relistQueued.set(false);
                    try {
                        relister.relist();
                    } catch (RuntimeException e) {
                        LOG.atWarn().addKeyValue("node", name).log("relist failed: " + e.getMessage());
                    }
                }, EVENT_RELIST_DELAY_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                relistQueued.set(false);
            }
        }
    }

    private void every(Duration period, Runnable task, String what, boolean now) {
        timers.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.atWarn().addKeyValue("node", name).log(what + " failed: " + e.getMessage());
            }
        }, now ? 0 : period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() throws Exception {
        timers.shutdownNow();
        controller.stop(Duration.ofSeconds(5));
        queueScheduler.close();
        for (Closeable c : closeables) {
            c.close();
        }
        events.close();
    }
}
