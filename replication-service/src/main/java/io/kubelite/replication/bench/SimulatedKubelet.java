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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * For benchmarks only (as Kubernetes' kubemark): watches one namespace and reports every new
 * pod Running and Ready through the status subresource at once, as a node agent with instant
 * containers would. Counts its own writes so the benchmark can tell them from the controllers'.
 */
final class SimulatedKubelet implements AutoCloseable {

    private final KubernetesClient client;
    private final String namespace;
    private final ExecutorService writers = Executors.newFixedThreadPool(16);
    private final AtomicLong writes = new AtomicLong();
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
                if (namespace.equals(pod.getMetadata().getNamespace()) && pod.getMetadata().getDeletionTimestamp() == null
                        && (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()))) {
                    writers.submit(() -> ready(pod));
                }
            }
        });
        informers.start();
        informers.waitForSync(java.time.Duration.ofMinutes(1));
    }

    long writes() {
        return writes.get();
    }

    private void ready(Pod pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String patch = "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"lastTransitionTime\":\"" + now + "\"}]}}";
        try {
            client.pods().resource(pod).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            // deleted meanwhile
        }
    }

    @Override
    public void close() throws InterruptedException {
        informers.close();
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
