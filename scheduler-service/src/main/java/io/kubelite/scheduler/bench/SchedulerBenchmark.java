package io.kubelite.scheduler.bench;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Schedules {@code --pods} pods onto {@code --nodes} simulated nodes (each count in turn), twice per
 * count in one JVM: decisions only (no API), then through a running cluster (KUBECONFIG, and
 * KUBELITE_KAFKA_BOOTSTRAP_SERVERS for the informers). Prints pods/s and p99 latency beside each other,
 * with the ratio, and kube-scheduler's CI floor for comparison. Run by {@code scheduler-service/bench.sh}.
 *
 * <pre>
 *   --nodes 1000,5000   --pods 10000   --creators 32   --backlog 0   --report path   --no-api
 *
 * {@code --backlog N} adds a run per node count where N pods are created before the scheduler starts.
 * </pre>
 */
public final class SchedulerBenchmark {

    /** kube-scheduler's scheduler_perf CI threshold for SchedulingBasic at 5,000 nodes, pods/s. */
    static final String KUBE_FLOOR = "680–810";
    static final double TARGET = 2000;

    private SchedulerBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Integer> nodeCounts = List.of(1000, 5000);
        int pods = 10_000;
        int creators = 32;
        boolean api = true;
        int backlog = 0;
        Path report = Path.of("scheduler-service/target/scheduler-bench-report.txt");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--nodes" -> nodeCounts = Arrays.stream(args[++i].split(",")).map(Integer::parseInt).toList();
                case "--pods" -> pods = Integer.parseInt(args[++i]);
                case "--creators" -> creators = Integer.parseInt(args[++i]);
                case "--report" -> report = Path.of(args[++i]);
                case "--no-api" -> api = false;
                case "--backlog" -> backlog = Integer.parseInt(args[++i]);
                default -> throw new IllegalArgumentException("unknown option " + args[i]);
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add("scheduler benchmark " + Instant.now() + ", " + Runtime.getRuntime().availableProcessors() + " CPUs, "
                + "Java " + System.getProperty("java.version") + ", " + pods + " pods per run");
        InMemoryRun.run(1000, 5000); // warm-up: JIT-compile the decision path before measuring
        List<InMemoryRun.Figures> memory = new ArrayList<>();
        for (int n : nodeCounts) {
            memory.add(InMemoryRun.run(n, pods));
        }
        List<ApiRun.Figures> cluster = new ArrayList<>();
        List<ApiRun.Figures> backlogs = new ArrayList<>();
        if (api) {
            try (KubernetesClient client = client()) {
                String kafka = System.getenv().getOrDefault("KUBELITE_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:19092");
                ApiRun run = new ApiRun(client, kafka, creators);
                for (int n : nodeCounts) {
                    long t0 = System.nanoTime();
                    int created = run.ensureNodes(n);
                    double nodeSeconds = (System.nanoTime() - t0) / 1e9;
                    lines.add(String.format(Locale.ROOT, "nodes: %d present (%d created through the API in %.1f s, %.0f/s)",
                            n, created, nodeSeconds, created / Math.max(nodeSeconds, 1e-9)));
                    cluster.add(run.run(n, pods, "bench-sched-" + n, Duration.ofMinutes(15), false));
                    if (backlog > 0) {
                        backlogs.add(run.run(n, backlog, "bench-backlog-" + n, Duration.ofMinutes(15), true));
                    }
                }
            }
        }
        lines.add("");
        lines.add("| nodes | run | pods bound | pods/s | p50 ms | p99 ms | max ms |");
        lines.add("|---:|---|---:|---:|---:|---:|---:|");
        for (int i = 0; i < nodeCounts.size(); i++) {
            InMemoryRun.Figures m = memory.get(i);
            lines.add(String.format(Locale.ROOT,
                    "| %d | decisions only (filter + score + assume, no API; %.0f per CPU-second) | %d | %.0f | %.3f | %.3f | %.3f |",
                    m.nodes(), m.podsPerCpuSecond(), m.placed(), m.podsPerSecond(), m.decision().p50Millis(), m.decision().p99Millis(),
                    m.decision().maxMillis()));
            if (i < cluster.size()) {
                ApiRun.Figures c = cluster.get(i);
                lines.add(String.format(Locale.ROOT,
                        "| %d | through the cluster (create → bound; pods created at %.0f/s) | %d | %.0f | %.0f | %.0f | %.0f |",
                        c.nodes(), c.createdPerSecond(), c.bound(), c.boundPerSecond(), c.createToBound().p50Millis(),
                        c.createToBound().p99Millis(), c.createToBound().maxMillis()));
            }
            if (i < backlogs.size()) {
                ApiRun.Figures b = backlogs.get(i);
                lines.add(String.format(Locale.ROOT,
                        "| %d | backlog (%d pods created first, then the scheduler starts; latency from its start) | %d | %.0f | %.0f | %.0f | %.0f |",
                        b.nodes(), b.pods(), b.bound(), b.boundPerSecond(), b.createToBound().p50Millis(),
                        b.createToBound().p99Millis(), b.createToBound().maxMillis()));
            }
        }
        lines.add("");
        for (int i = 0; i < cluster.size(); i++) {
            ApiRun.Figures c = cluster.get(i);
            InMemoryRun.Figures m = memory.get(i);
            lines.add(String.format(Locale.ROOT,
                    "%d nodes: through the cluster / decisions only = %.3f; through the cluster / target %.0f = %.2f; "
                            + "kube-scheduler CI floor %s pods/s",
                    c.nodes(), c.boundPerSecond() / m.podsPerSecond(), TARGET, c.boundPerSecond() / TARGET, KUBE_FLOOR));
        }
        for (InMemoryRun.Figures m : memory) {
            lines.add(String.format(Locale.ROOT, "%d nodes: decisions only / target %.0f = %.1f (per CPU-second: %.1f)",
                    m.nodes(), TARGET, m.podsPerSecond() / TARGET, m.podsPerCpuSecond() / TARGET));
        }
        String text = String.join("\n", lines) + "\n";
        System.out.print(text);
        write(report, text);
    }

    private static KubernetesClient client() {
        Config config = new ConfigBuilder(Config.autoConfigure(null)).withMaxConcurrentRequests(512)
                .withMaxConcurrentRequestsPerHost(512).withRequestTimeout(120_000).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static void write(Path report, String text) throws IOException {
        if (report.getParent() != null) {
            Files.createDirectories(report.getParent());
        }
        Files.writeString(report, text);
    }
}
