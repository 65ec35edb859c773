package io.kubelite.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.client.ClusterConnection;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Follows the benchmark's ConfigMaps with the informer every controller uses (a LIST through the
 * gateway, then the kind's Kafka topic) and times each create from the moment its request is
 * sent to the informer's {@code onAdd}: the API write, the relay, Kafka and the informer, end to
 * end. Wrap the phase's {@link ConfigMapMix.ConfigMaps} with {@link #timing}.
 */
final class InformerProbe implements AutoCloseable {

    /** Creates sent and not yet seen, with when they were sent. */
    private final Map<String, Long> sentAt = new ConcurrentHashMap<>();
    private final KubernetesClient client;
    private final InformerFactory informers;
    private volatile LatencyRecorder latencies = new LatencyRecorder();

    private InformerProbe(KubernetesClient client, String kafka, String namespace) {
        this.client = client;
        this.informers = new InformerFactory(client, kafka, Duration.ofHours(1));
        Informer<ConfigMap> configMaps = informers.informerFor(ConfigMap.class, "metadata.namespace=" + namespace,
                cm -> namespace.equals(cm.getMetadata().getNamespace()));
        configMaps.addEventHandler(new EventHandler<>() {
            @Override
            public void onAdd(ConfigMap object) {
                long now = System.nanoTime();
                Long sent = sentAt.remove(object.getMetadata().getName());
                if (sent != null) {
                    latencies.record(now - sent);
                    if (sentAt.isEmpty()) {
                        synchronized (sentAt) {
                            sentAt.notifyAll();
                        }
                    }
                }
            }
        });
    }

    /** Starts the informer for {@code namespace} and waits until it has listed. */
    static InformerProbe start(Kubeconfig kubeconfig, String kafka, String namespace) throws Exception {
        String caFile = null;
        if (kubeconfig.caCertificatePem() != null) {
            Path ca = Files.createTempFile("kubelite-bench-ca", ".pem");
            ca.toFile().deleteOnExit();
            Files.write(ca, kubeconfig.caCertificatePem());
            caFile = ca.toString();
        }
        KubernetesClient client = new ClusterConnection(kubeconfig.server().toString(), kubeconfig.token(), caFile, kafka)
                .newClient("kubelite-bench");
        InformerProbe probe = new InformerProbe(client, kafka, namespace);
        probe.informers.start();
        if (!probe.informers.waitForSync(Duration.ofSeconds(60))) {
            probe.close();
            throw new IllegalStateException("the ConfigMap informer did not list within 60 s (Kafka at " + kafka + "?)");
        }
        return probe;
    }

    /** {@code configMaps}, with every create timed from just before it is sent. */
    ConfigMapMix.ConfigMaps timing(ConfigMapMix.ConfigMaps configMaps) {
        return new ConfigMapMix.ConfigMaps() {
            @Override
            public void create(String name) throws Exception {
                sentAt.put(name, System.nanoTime());
                configMaps.create(name);
            }

            @Override
            public void update(String name, long generation) throws Exception {
                configMaps.update(name, generation);
            }
        };
    }

    /** Forgets what was measured so far: the next phase starts. */
    void reset() {
        sentAt.clear();
        latencies = new LatencyRecorder();
    }

    /**
     * The latencies since {@link #reset}, after waiting up to {@code drain} for the creates not
     * seen yet; {@code missing} counts those still unseen (or failed) then.
     */
    Result finish(Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        synchronized (sentAt) {
            long left;
            while (!sentAt.isEmpty() && (left = deadline - System.nanoTime()) > 0) {
                // Woken by the informer when the last create is seen; the timeout bounds a missed wake-up.
                sentAt.wait(Math.max(1, Math.min(100, left / 1_000_000)));
            }
        }
        return new Result(latencies.summary(), sentAt.size());
    }

    record Result(LatencySummary latency, int missing) {
    }

    @Override
    public void close() {
        informers.close();
        client.close();
    }
}
