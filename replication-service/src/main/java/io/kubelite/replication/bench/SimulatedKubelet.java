package io.kubelite.replication.bench;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
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
    private Watch watch;

    SimulatedKubelet(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    void start() {
        watch = client.pods().inNamespace(namespace).watch(new Watcher<>() {
            @Override
            public void eventReceived(Action action, Pod pod) {
                if (action == Action.ADDED && pod.getMetadata().getDeletionTimestamp() == null
                        && (pod.getStatus() == null || !"Running".equals(pod.getStatus().getPhase()))) {
                    writers.submit(() -> ready(pod));
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    long writes() {
        return writes.get();
    }

    private void ready(Pod pod) {
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String patch = "{\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\","
                + "\"lastTransitionTime\":\"" + now + "\"}]}}";
        try {
            client.pods().inNamespace(namespace).withName(pod.getMetadata().getName()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            writes.incrementAndGet();
        } catch (RuntimeException e) {
            // deleted meanwhile
        }
    }

    @Override
    public void close() throws InterruptedException {
        if (watch != null) {
            watch.close();
        }
        writers.shutdown();
        writers.awaitTermination(10, TimeUnit.SECONDS);
    }
}
