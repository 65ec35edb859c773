package io.kubelite.objectstore.controllers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.kubelite.controller.informer.EventHandler;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.InformerFactory;
import io.kubelite.objectstore.EmbeddedDatabase;
import io.kubelite.objectstore.relay.EmbeddedKafka;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * End-to-end latency from an API write to the informer callback: ConfigMaps created through the
 * API server at a fixed rate (default 500/s for 30 s), committed to PostgreSQL, published by the
 * relay to Kafka, consumed by an informer. For each write: send → API response, and send →
 * informer {@code onAdd}. Named so the build never runs it; run it with:
 *
 * <pre>
 * ./mvnw -B -o -pl object-store-service verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dit.test=InformerLatencyBenchmark [-Dkubelite.bench.rate=500] [-Dkubelite.bench.seconds=30]
 * </pre>
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class InformerLatencyBenchmark {

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        EmbeddedDatabase.register(registry);
        registry.add("logging.level.kafka", () -> "WARN");
        registry.add("logging.level.org.apache.kafka", () -> "WARN");
        registry.add("kubelite.kafka.bootstrap-servers", () -> EmbeddedKafka.shared().bootstrapServers());
    }

    @LocalServerPort
    int port;

    @Test
    void writeToInformerLatencyAtAFixedRate() throws Exception {
        int rate = Integer.getInteger("kubelite.bench.rate", 500);
        int seconds = Integer.getInteger("kubelite.bench.seconds", 30);
        int total = rate * seconds;
        KubernetesClient client = new KubernetesClientBuilder().withConfig(new ConfigBuilder(Config.empty())
                .withMasterUrl("http://127.0.0.1:" + port).withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256).build()).build();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("latency-bench").endMetadata()
                .build()).serverSideApply();
        AtomicLongArray sent = new AtomicLongArray(total);
        AtomicLongArray answered = new AtomicLongArray(total);
        AtomicLongArray observed = new AtomicLongArray(total);
        AtomicInteger failures = new AtomicInteger();
        try (InformerFactory factory = new InformerFactory(client, EmbeddedKafka.shared().bootstrapServers(), null)) {
            Informer<ConfigMap> informer = factory.informerFor(ConfigMap.class);
            informer.addEventHandler(new EventHandler<>() {
                @Override
                public void onAdd(ConfigMap cm) {
                    String name = cm.getMetadata().getName();
                    if (name.startsWith("lat-")) {
                        observed.compareAndSet(Integer.parseInt(name.substring(4)), 0, System.nanoTime());
                    }
                }
            });
            factory.start();
            assertThat(factory.waitForSync(Duration.ofSeconds(60))).isTrue();

            // warm-up: 2 s at the same rate, not measured
            runAtRate(client, rate, rate * 2, "warm-", null, null, failures);
            long start = System.nanoTime();
            runAtRate(client, rate, total, "lat-", sent, answered, failures);
            double elapsed = (System.nanoTime() - start) / 1e9;
            await().atMost(Duration.ofSeconds(60)).until(() -> countSet(observed) + failures.get() >= total);

            long[] toCallback = new long[total];
            long[] toResponse = new long[total];
            long[] afterResponse = new long[total];
            int n = 0;
            for (int i = 0; i < total; i++) {
                if (observed.get(i) != 0 && answered.get(i) != 0) {
                    toCallback[n] = observed.get(i) - sent.get(i);
                    toResponse[n] = answered.get(i) - sent.get(i);
                    afterResponse[n] = observed.get(i) - answered.get(i);
                    n++;
                }
            }
            long[] cb = Arrays.copyOf(toCallback, n);
            long[] resp = Arrays.copyOf(toResponse, n);
            long[] after = Arrays.copyOf(afterResponse, n);
            Arrays.sort(cb);
            Arrays.sort(resp);
            Arrays.sort(after);
            System.out.printf("%s informer latency: %d writes offered at %d/s over %.1f s (%.0f/s achieved), %d failed, "
                            + "%d cores, API server + PostgreSQL client + relay + broker + informer in one JVM%n"
                            + "  write -> informer onAdd: p50 %.1f ms, p99 %.1f ms, max %.1f ms (target p99 <= 50 ms: ratio %.2f)%n"
                            + "  write -> API response:   p50 %.1f ms, p99 %.1f ms%n"
                            + "  API response -> onAdd (commit -> relay -> Kafka -> informer): p50 %.1f ms, p99 %.1f ms%n",
                    LocalDate.now(), total, rate, elapsed, total / elapsed, failures.get(),
                    Runtime.getRuntime().availableProcessors(),
                    ms(cb, 0.50), ms(cb, 0.99), ms(cb, 1.0), ms(cb, 0.99) / 50.0, ms(resp, 0.50), ms(resp, 0.99),
                    ms(after, 0.50), ms(after, 0.99));
        } finally {
            client.close();
        }
    }

    private static void runAtRate(KubernetesClient client, int rate, int count, String prefix, AtomicLongArray sent,
            AtomicLongArray answered, AtomicInteger failures) throws InterruptedException {
        ExecutorService workers = Executors.newFixedThreadPool(64);
        ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor();
        AtomicInteger next = new AtomicInteger();
        long periodNanos = 1_000_000_000L / rate;
        ticker.scheduleAtFixedRate(() -> {
            int i = next.getAndIncrement();
            if (i >= count) {
                return;
            }
            long t0 = System.nanoTime();
            workers.execute(() -> {
                try {
                    client.configMaps().inNamespace("latency-bench").resource(new ConfigMapBuilder().withNewMetadata()
                            .withName(prefix + i).endMetadata().addToData("payload", "x".repeat(256)).build()).create();
                    if (sent != null) {
                        sent.set(i, t0);
                        answered.set(i, System.nanoTime());
                    }
                } catch (RuntimeException e) {
                    failures.incrementAndGet();
                }
            });
        }, 0, periodNanos, TimeUnit.NANOSECONDS);
        while (next.get() < count) {
            Thread.sleep(50);
        }
        ticker.shutdownNow();
        workers.shutdown();
        workers.awaitTermination(60, TimeUnit.SECONDS);
    }

    private static int countSet(AtomicLongArray values) {
        int n = 0;
        for (int i = 0; i < values.length(); i++) {
            if (values.get(i) != 0) {
                n++;
            }
        }
        return n;
    }

    private static double ms(long[] sortedNanos, double quantile) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(quantile * sortedNanos.length) - 1);
        return sortedNanos[Math.max(0, index)] / 1e6;
    }
}
