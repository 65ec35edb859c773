package io.kubelite.replication.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks only (as Kubernetes' kubemark): the agent of every {@link SimulatedNodes simulated
 * node}. Watches one namespace and reports each pod Running and Ready through the status
 * subresource as soon as the scheduler has bound it to a simulated node, as an agent with instant
 * containers would (one status write per pod; no Events), and removes a deleted pod from the API
 * at once, as an agent does once its containers have stopped. Counts its own writes so the benchmark
 * can tell them from the controllers'.
 */
final class SimulatedKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final ExecutorService writers = Executors.newFixedThreadPool(16);
    private final AtomicLong writes = new AtomicLong();
    /** Per pod uid: the resourceVersion our last status write produced, or 0 while one is in flight. */
    private final Map<String, Long> reported = new ConcurrentHashMap<>();
    private final Set<String> removed = ConcurrentHashMap.newKeySet();
    private final InformerFactory informers;

    /** Follows pods the way the controllers do: a LIST, then the pods topic on Kafka. */
    SimulatedKubelet(KubernetesClient client, String kafkaBootstrapServers, String namespace) {
        this.client = client;
        this.namespace = namespace;
        this.informers = new InformerFactory(client, kafkaBootstrapServers, null);
    }

    void start() throws InterruptedException {
        Informer<Pod> pods = informers.informerFor(Pod.class);
        pods.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                follow(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                follow(pod);
            }

            @Override
            public void onDelete(Pod pod) {
                reported.remove(pod.getMetadata().getUid());
                removed.remove(pod.getMetadata().getUid());
            }
        });
        informers.start();
        informers.waitForSync(java.time.Duration.ofMinutes(1));
    }

    private void follow(Pod pod) {
        if (!namespace.equals(pod.getMetadata().getNamespace()) || !SimulatedNodes.isOne(pod.getSpec().getNodeName())) {
            return;
        }
        if (pod.getMetadata().getDeletionTimestamp() != null) {
            // its containers stopped at once: remove it from the API, as an agent does after the grace period
            if (removed.add(pod.getMetadata().getUid())) {
                writers.submit(() -> remove(pod));
            }
        } else if (!runningAndReady(pod) && claimReport(pod)) {
            // new, or marked not Ready since (e.g. by the node lifecycle controller): report again
            writers.submit(() -> ready(pod));
        }
    }

    /**
     * True, and marked in flight, when no write of ours is in flight and this pod is newer than the
     * last one we wrote. Called on the informer's one thread; a writer only touches an entry it was
     * given (in flight), so reading and then marking is safe.
     */
    private boolean claimReport(Pod pod) {
        String uid = pod.getMetadata().getUid();
        Long last = reported.get(uid);
        if (last != null && (last == 0 || Long.parseLong(pod.getMetadata().getResourceVersion()) <= last)) {
            return false;
        }
        reported.put(uid, 0L);
        return true;
    }

    private static boolean runningAndReady(Pod pod) {
        if (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()) || pod.getStatus().getConditions() == null) {
            return false;
        }
        return pod.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private void remove(Pod pod) {
        try {
            client.pods().resource(pod).withGracePeriod(0).delete();
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            // gone meanwhile
        }
    }

    long writes() {
        return writes.get();
    }

    private void ready(Pod pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String patch = "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"lastTransitionTime\":\"" + now + "\"}]}}";
        String uid = pod.getMetadata().getUid();
        try {
            Pod written = client.pods().resource(pod).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            writes.incrementAndGet();
            reported.put(uid, Long.parseLong(written.getMetadata().getResourceVersion()));
        } catch (RuntimeException e) {
            reported.remove(uid); // deleted meanwhile, or refused: the next event decides again
        }
    }

    @Override
    public void close() throws InterruptedException {
        informers.close();
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
