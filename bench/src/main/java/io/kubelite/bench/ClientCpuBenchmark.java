package io.kubelite.bench;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.jdkhttp.JdkHttpClientFactory;
import io.fabric8.kubernetes.client.vertx5.Vertx5HttpClientFactory;
import java.lang.management.ManagementFactory;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side's CPU per API request, for fabric8's two HTTP clients: JSON merge patches of one
 * ConfigMap through the gateway of the cluster in {@code $KUBECONFIG}, from 16 threads, in
 * rounds of N; CPU time of this JVM per request. Run it the way the services run (C1, serial GC):
 *
 * <pre>
 * KUBECONFIG=.kubelite/kubeconfig java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC \
 *     -cp "bench/target/bench-0.1.0-SNAPSHOT.jar:bench/target/lib/*" io.kubelite.bench.ClientCpuBenchmark jdk 2000
 * (the same with vertx)
 * </pre>
 */
public final class ClientCpuBenchmark {

    private ClientCpuBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String name = args.length > 0 ? args[0] : "vertx";
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int threads = 16;
        HttpClient.Factory factory = switch (name) {
            case "jdk" -> new JdkHttpClientFactory();
            case "vertx" -> new Vertx5HttpClientFactory();
            default -> throw new IllegalArgumentException("client: jdk or vertx, not " + name);
        };
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.autoConfigure(null))
                .withHttpClientFactory(factory).build()) {
            String namespace = client.getNamespace() == null ? "default" : client.getNamespace();
            ConfigMap target = client.configMaps().inNamespace(namespace).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName("client-cpu-" + name).endMetadata().addToData("k", "v").build())
                    .serverSideApply();
            System.out.printf("client %s, %d merge patches per round from %d threads, namespace %s%n", name, perRound,
                    threads, namespace);
            for (int round = 1; round <= 4; round++) {
                AtomicInteger next = new AtomicInteger();
                CountDownLatch done = new CountDownLatch(threads);
                long cpu0 = os.getProcessCpuTime();
                long t0 = System.nanoTime();
                for (int t = 0; t < threads; t++) {
                    pool.execute(() -> {
                        int i;
                        while ((i = next.getAndIncrement()) < perRound) {
                            client.configMaps().inNamespace(namespace).resource(target)
                                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"data\":{\"k\":\"v" + i + "\"}}");
                        }
                        done.countDown();
                    });
                }
                done.await();
                double seconds = (System.nanoTime() - t0) / 1e9;
                double cpuMs = (os.getProcessCpuTime() - cpu0) / 1e6;
                System.out.printf("round %d%s: %.0f requests/s, client CPU %.3f ms per request%n", round,
                        round == 1 ? " (warm-up)" : "", perRound / seconds, cpuMs / perRound);
            }
            client.configMaps().inNamespace(namespace).resource(target).delete();
        } finally {
            pool.shutdownNow();
        }
    }
}
