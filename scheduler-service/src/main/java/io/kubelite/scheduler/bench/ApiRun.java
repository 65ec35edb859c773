package io.kubelite.scheduler.bench;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelite.controller.events.ApiEventRecorder;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.controller.reconcile.Controller;
import io.kubelite.scheduler.binding.ApiPodBinder;
import io.kubelite.scheduler.cache.SchedulerCache;
import io.kubelite.scheduler.placement.Placement;
import io.kubelite.scheduler.scheduling.ActiveQueue;
import io.kubelite.scheduler.scheduling.SchedulerEvents;
import io.kubelite.scheduler.scheduling.SchedulingController;
import io.kubelite.scheduler.scheduling.SchedulingReconciler;
import io.kubelite.scheduler.scheduling.UnschedulablePods;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The scheduler against a running cluster: simulated Nodes created through the API, then the
 * scheduling controller (the service's own classes, informers fed by Kafka, bindings through
 * {@code pods/binding}) running in this JVM for the benchmark's scheduler name while pods are created
 * as fast as the API takes them. A pod's create→bound latency runs from just before its create request
 * to the moment this JVM's pod informer sees it bound.
 */
final class ApiRun {

    record Figures(int nodes, int pods, int bound, double createdPerSecond, double boundPerSecond, Percentiles createToBound,
            double seconds) {
    }

    private final KubernetesClient client;
    private final String kafka;
    private final int creators;

    ApiRun(KubernetesClient client, String kafka, int creators) {
        this.client = client;
        this.kafka = kafka;
        this.creators = creators;
    }

    /** Makes sure nodes {@code bench-0 .. bench-(count-1)} exist; returns how many were created. */
    int ensureNodes(int count) throws InterruptedException {
        Set<String> existing = ConcurrentHashMap.newKeySet();
        client.nodes().withLabel("kubelite.io/bench-node", "true").list().getItems()
                .forEach(n -> existing.add(n.getMetadata().getName()));
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        AtomicInteger created = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            String name = "bench-" + i;
            if (existing.contains(name)) {
                continue;
            }
            pool.submit(() -> {
                Node node = BenchObjects.node(name);
                Node stored = client.nodes().resource(node).create();
                if (stored.getStatus() == null || stored.getStatus().getAllocatable() == null
                        || stored.getStatus().getAllocatable().isEmpty()) {
                    stored.setStatus(node.getStatus());
                    client.nodes().resource(stored).updateStatus();
                }
                created.incrementAndGet();
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return created.get();
    }

    /**
     * @param backlog false: the scheduler runs while the pods are created (create → bound latency);
     *                true: every pod is created first, then the scheduler starts, so the figure is the
     *                scheduler's own pace (decide + bind) with no creates competing, and latency runs from
     *                the scheduler's start
     */
    Figures run(int nodeCount, int podCount, String namespace, Duration timeout, boolean backlog) throws InterruptedException {
        ensureNamespace(namespace);
        Map<String, Long> sent = new ConcurrentHashMap<>();
        Map<String, Long> bound = new ConcurrentHashMap<>();
        InformerFactory informers = new InformerFactory(client, kafka, Duration.ofHours(1));
        Informer<Pod> pods = informers.informerFor(Pod.class);
        Informer<Node> nodes = informers.informerFor(Node.class);
        SchedulerCache cache = new SchedulerCache();
        UnschedulablePods parked = new UnschedulablePods();
        ActiveQueue queue = new ActiveQueue();
        SchedulerEvents events = new SchedulerEvents(cache, parked, queue);
        nodes.addEventHandler(events.nodes());
        pods.addEventHandler(events.pods());
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                record(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod newPod) {
                record(newPod);
            }

            private void record(Pod pod) {
                if (namespace.equals(pod.getMetadata().getNamespace()) && pod.getSpec().getNodeName() != null) {
                    bound.putIfAbsent(pod.getMetadata().getName(), System.nanoTime());
                }
            }
        });
        Set<String> names = Set.of(BenchObjects.SCHEDULER_NAME);
        try (ApiEventRecorder recorder = new ApiEventRecorder(client, BenchObjects.SCHEDULER_NAME, "bench", Clock.systemUTC())) {
            SchedulingReconciler reconciler = new SchedulingReconciler(pods.lister(), names, cache,
                    Placement.defaults(new Random()), new ApiPodBinder(client, Clock.systemUTC()), recorder, parked, queue,
                    256, Duration.ofMinutes(5));
            Controller controller = SchedulingController.build(pods, names, reconciler, queue, new SimpleMeterRegistry());
            long start = System.nanoTime();
            long createdAt = 0;
            if (backlog) {
                createdAt = createPods(namespace, podCount, sent);
            }
            informers.start();
            if (!informers.waitForSync(Duration.ofMinutes(5))) {
                throw new IllegalStateException("informers did not sync");
            }
            controller.start();
            try {
                if (backlog) {
                    double createSeconds = (createdAt - start) / 1e9;
                    start = System.nanoTime();
                    long schedulerStart = start;
                    sent.replaceAll((k, v) -> schedulerStart);
                    createdAt = start + (long) (createSeconds * 1e9);
                } else {
                    createdAt = createPods(namespace, podCount, sent);
                }
                long deadline = System.nanoTime() + timeout.toNanos();
                while (bound.size() < podCount && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                long last = bound.values().stream().mapToLong(Long::longValue).max().orElse(System.nanoTime());
                long[] latencies = sent.entrySet().stream().filter(e -> bound.containsKey(e.getKey()))
                        .mapToLong(e -> bound.get(e.getKey()) - e.getValue()).toArray();
                double seconds = (last - start) / 1e9;
                return new Figures(nodeCount, podCount, bound.size(), podCount / ((createdAt - start) / 1e9),
                        bound.size() / seconds, Percentiles.of(latencies), seconds);
            } finally {
                controller.stop(Duration.ofSeconds(10));
            }
        } finally {
            informers.close();
        }
    }

    /** Creates the pods from {@code creators} threads; returns when the last create was answered. */
    private long createPods(String namespace, int count, Map<String, Long> sent) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(creators);
        AtomicInteger failures = new AtomicInteger();
        for (int i = 0; i < count; i++) {
            String name = "pod-" + i;
            pool.submit(() -> {
                Pod pod = new PodBuilder(BenchObjects.pod(namespace, name)).editSpec()
                        .withNodeSelector(Map.of("kubelite.io/bench-node", "true")).endSpec().build();
                sent.put(name, System.nanoTime());
                try {
                    client.pods().inNamespace(namespace).resource(pod).create();
                } catch (KubernetesClientException e) {
                    sent.remove(name);
                    if (failures.incrementAndGet() <= 5) {
                        System.err.println("create " + name + " failed: " + e.getMessage());
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(30, TimeUnit.MINUTES);
        return System.nanoTime();
    }

    private void ensureNamespace(String name) {
        Namespace ns = new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build();
        try {
            client.namespaces().resource(ns).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }
}
