package io.kubelite.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The API write benchmark of the foundation issue, against a running cluster:
 * <ol>
 *   <li>raw PostgreSQL single-row INSERT + COMMIT on 1 and on {@code --concurrency} connections;</li>
 *   <li>API writes through the gateway (ConfigMap create, then merge-patch, alternately) by
 *       {@code --concurrency} closed-loop workers: the sustained rate;</li>
 *   <li>the same writes at each of {@code --rates} on an open-loop schedule: p50, p99, max;</li>
 *   <li>with {@code --object-store}, the closed loop and the highest rate again straight to the
 *       object store, which shows what the gateway costs.</li>
 * </ol>
 * Every phase runs {@code --duration} seconds in the same process, so the ratios compare figures
 * taken minutes apart on the same machine. {@code bench/api-writes.sh} runs it on a cluster of its own.
 */
public final class ApiWriteBenchmark {

    private ApiWriteBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions options;
        try {
            options = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        System.out.println(run(options, args).render());
    }

    static Report run(BenchOptions o, String[] args) throws Exception {
        Report report = new Report();
        report.fact("date", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        report.fact("command", ProcessHandle.current().info().commandLine().orElse(String.join(" ", args)));
        if (System.getenv("KUBELITE_BENCH_COMMAND") != null) {
            report.fact("run by", System.getenv("KUBELITE_BENCH_COMMAND"));
        }
        report.fact("machine", machine());
        report.fact("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        report.fact("method", "each phase " + o.duration().toSeconds() + " s; API writes alternate ConfigMap create "
                + "(POST, fieldValidation=Strict) and merge-patch of an earlier one; open-loop latency counts from "
                + "each request's due time; at most " + o.maxInFlight() + " requests in flight, over keep-alive HTTP/1.1 "
                + "connections (one per request in flight, the one idle longest reused first)");
        Map<String, List<Long>> accounted = new LinkedHashMap<>(o.cpuPids());
        accounted.put("load generator", List.of(ProcessHandle.current().pid()));
        Phases phases = new Phases(new CpuAccounting(accounted), report);
        String body = ApiClient.configMapJson("raw");

        log("raw PostgreSQL phases on " + o.jdbcUrl());
        PhaseResult rawOne;
        PhaseResult rawMany;
        try (RawPostgres raw = RawPostgres.prepare(o.jdbcUrl(), o.pgUser())) {
            report.fact("postgres", raw.settings() + "; database " + RawPostgres.DATABASE + ", table raw_writes");
            rawOne = phases.measure(() -> raw.insert("raw PG insert+commit, 1 conn", 1, o.duration(), body));
            rawMany = phases.measure(() -> raw.insert("raw PG insert+commit, " + o.concurrency() + " conns",
                    o.concurrency(), o.duration(), body));
        }

        Kubeconfig kubeconfig = Kubeconfig.read(o.kubeconfig());
        ApiClient gateway = ApiClient.gateway(kubeconfig, o.namespace());
        report.fact("gateway", gateway.base() + " (token and CA from " + o.kubeconfig() + ")");
        String run = Long.toString(System.currentTimeMillis(), 36);
        PhaseResult sustained;
        List<PhaseResult> fixedRates = new ArrayList<>();
        PhaseResult directSustained = null;
        PhaseResult directRate = null;
        gateway.createNamespace();
        Map<PhaseResult, InformerProbe.Result> informed = new LinkedHashMap<>();
        InformerProbe probe = null;
        if (o.kafka() != null) {
            log("informer on the benchmark's ConfigMaps (Kafka " + o.kafka() + ")");
            probe = InformerProbe.start(kubeconfig, o.kafka(), o.namespace());
            report.fact("informer", "controller-runtime Informer<ConfigMap> in this JVM: LIST via the gateway, then topic "
                    + "kubelite.v1.configmaps on " + o.kafka() + "; each create timed from send to onAdd");
        }
        try {
            log("warm-up, " + o.warmup().toSeconds() + " s (not reported)");
            new ClosedLoopRunner().run("warm-up", o.concurrency(), o.warmup(), mixes(gateway, run + "-w"));
            // Then a third of the warm-up at the highest fixed rate: the first open-loop phase
            // otherwise pays for the connections (client TLS handshakes, the gateway's pool to
            // the object store) that a burst of up to --max-in-flight requests opens, and its p99
            // measured that start-up rather than the steady state.
            int top = o.rates().stream().max(Integer::compare).orElseThrow();
            new OpenLoopRunner(o.maxInFlight()).run("warm-up at " + top + "/s", top, o.warmup().dividedBy(3),
                    new ConfigMapMix(gateway, run + "-wr"));
            log("API closed loop via the gateway");
            sustained = phases.measure(() -> new ClosedLoopRunner().run("API via gateway, closed loop",
                    o.concurrency(), o.duration(), mixes(gateway, run + "-s")));
            for (int i = 0; i < o.rates().size(); i++) {
                int rate = o.rates().get(i);
                // The phase's index keeps names apart when a rate is repeated (--rates 500,500).
                String names = run + "-r" + rate + "-" + i;
                log("API at " + rate + "/s via the gateway");
                ConfigMapMix.ConfigMaps target = gateway;
                if (probe != null) {
                    probe.reset();
                    target = probe.timing(gateway);
                }
                ConfigMapMix mix = new ConfigMapMix(target, names);
                PhaseResult phase = phases.measure(() -> new OpenLoopRunner(o.maxInFlight()).run(
                        "API via gateway, open loop", rate, o.duration(), mix));
                fixedRates.add(phase);
                if (probe != null) {
                    informed.put(phase, probe.finish(Duration.ofSeconds(10)));
                }
            }
            if (o.objectStore() != null) {
                String frontProxy = o.frontProxyTokenFile() == null ? null
                        : java.nio.file.Files.readString(o.frontProxyTokenFile()).strip();
                try (ApiClient direct = ApiClient.direct(o.objectStore(), frontProxy, o.namespace())) {
                    report.fact("object store", direct.base() + " (direct, no gateway, no token)");
                    log("API closed loop straight to the object store");
                    directSustained = phases.measure(() -> new ClosedLoopRunner().run(
                            "API direct to object store, closed loop", o.concurrency(), o.duration(), mixes(direct, run + "-ds")));
                    int highest = o.rates().stream().max(Integer::compare).orElseThrow();
                    log("API at " + highest + "/s straight to the object store");
                    directRate = phases.measure(() -> new OpenLoopRunner(o.maxInFlight()).run(
                            "API direct to object store, open loop", highest, o.duration(), new ConfigMapMix(direct, run + "-dr")));
                }
            }
        } finally {
            if (probe != null) {
                probe.close();
            }
            report.fact("cleanup", deleteNamespace(gateway, o.namespace()));
            gateway.close();
        }

        report.conclusion(String.format("API sustained / raw 1 conn:            %.2f", Targets.ratio(sustained, rawOne)));
        report.conclusion(String.format("API sustained / raw %d conns:           %.2f", o.concurrency(),
                Targets.ratio(sustained, rawMany)));
        if (directSustained != null) {
            report.conclusion(String.format("API via gateway / direct, closed loop: %.2f (p50 %.2f vs %.2f ms)",
                    Targets.ratio(sustained, directSustained), sustained.latency().p50Millis(),
                    directSustained.latency().p50Millis()));
            double rate = directRate.targetPerSecond();
            PhaseResult gatewayAtSameRate = fixedRates.stream()
                    .filter(r -> r.targetPerSecond() == rate).findFirst().orElseThrow();
            report.conclusion(String.format("at %.0f/s, p99 via gateway vs direct:    %.2f vs %.2f ms", rate,
                    gatewayAtSameRate.latency().p99Millis(), directRate.latency().p99Millis()));
        }
        informed.forEach((phase, seen) -> report.conclusion(String.format(
                "write → informer onAdd at %.0f/s:   p50 %.2f ms, p99 %.2f ms, max %.2f ms (%d creates seen, %d not)",
                phase.targetPerSecond(), seen.latency().p50Millis(), seen.latency().p99Millis(),
                seen.latency().maxMillis(), seen.latency().count(), seen.missing())));
        report.conclusion("");
        report.verdict("target p99 ≤ 25 ms at 500/s", Targets.p99(fixedRates));
        if (!informed.isEmpty()) {
            report.verdict("target write → informer p99 ≤ 50 ms at 500/s", Targets.informer(informed));
        }
        report.verdict("target sustained ≥ 50 % of raw", Targets.sustained(sustained, rawOne));
        return report;
    }

    /** Runs phases one after another, adding each to the report with the CPU it cost. */
    private record Phases(CpuAccounting cpu, Report report) {

        interface Phase {
            PhaseResult run() throws Exception;
        }

        PhaseResult measure(Phase phase) throws Exception {
            Map<String, Long> before = cpu.sample();
            PhaseResult result = phase.run();
            Map<String, Long> used = new LinkedHashMap<>();
            cpu.sample().forEach((name, ticks) -> used.put(name, ticks - before.getOrDefault(name, ticks)));
            report.row(result, used);
            return result;
        }
    }

    /** Deletes the benchmark's namespace and says how that went; a failure here never hides the figures. */
    private static String deleteNamespace(ApiClient gateway, String namespace) {
        long start = System.nanoTime();
        String outcome;
        try {
            outcome = "answered " + gateway.deleteNamespace();
        } catch (Exception e) {
            outcome = "failed: " + e;
        }
        String line = String.format("DELETE namespace %s (with every ConfigMap written) %s after %.1f s", namespace,
                outcome, (System.nanoTime() - start) / 1e9);
        log(line);
        return line;
    }

    /** One mix per closed-loop worker, so each worker updates only the ConfigMaps it created. */
    private static Supplier<Write> mixes(ApiClient client, String prefix) {
        AtomicInteger worker = new AtomicInteger();
        return () -> new ConfigMapMix(client, prefix + worker.getAndIncrement());
    }

    private static String machine() {
        String cpu = firstValue(Path.of("/proc/cpuinfo"), "model name");
        String memory = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        String load = "";
        try {
            load = Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException ignored) {
            // not Linux: no load average in the report
        }
        return "nproc " + Runtime.getRuntime().availableProcessors() + ", " + cpu + ", memory " + memory + ", "
                + System.getProperty("os.name") + " " + System.getProperty("os.version")
                + (load.isEmpty() ? "" : ", loadavg at start " + load);
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                if (line.startsWith(key)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException ignored) {
            // reported as unknown
        }
        return key + " unknown";
    }

    private static void log(String message) {
        System.err.println("[" + LocalTime.now().format(DateTimeFormatter.ofPattern("HH:mm:ss")) + "] " + message);
    }
}
