package io.kubelite.bench;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The benchmark's command line. Defaults: 20 s per phase after a 90 s warm-up plus a third of it
 * at the highest rate (the API server and the gateway need more than a minute of load on two cores
 * before their optimizing compiler has caught up: after 15 s the first phase still ran partly on
 * slower code, and four 15 s phases at 500/s after a 40 s warm-up measured p99 63, 33, 24 and
 * 10 ms one after another), rates 100, 250 and 500 writes/s, 8 closed-loop workers (and raw
 * PostgreSQL connections), at most 64 requests in flight in the fixed-rate phases, namespace
 * {@code bench}.
 */
record BenchOptions(Path kubeconfig, String jdbcUrl, String pgUser, Duration duration, Duration warmup,
                    List<Integer> rates, int concurrency, int maxInFlight, URI objectStore, Path frontProxyTokenFile,
                    String namespace, Map<String, List<Long>> cpuPids, String kafka) {

    static final String USAGE = """
            usage: ApiWriteBenchmark --kubeconfig PATH --jdbc URL [--duration SECONDS (20)] [--warmup SECONDS (90)]
                                     [--rates 100,250,500] [--concurrency 8] [--max-in-flight 64]
                                     [--object-store http://127.0.0.1:PORT [--front-proxy-token-file PATH]]
                                     [--pg-user postgres] [--namespace bench]
                                     [--cpu NAME=PID[+PID],... (processes whose CPU time per write is reported)]
                                     [--kafka HOST:PORT (the cluster's Kafka: times each create to an informer's onAdd)]""";

    private static final Set<String> KNOWN = Set.of("kubeconfig", "jdbc", "pg-user", "duration", "warmup", "rates",
            "concurrency", "max-in-flight", "object-store", "front-proxy-token-file", "namespace", "cpu", "kafka");

    static BenchOptions parse(String... args) {
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String key = args[i].startsWith("--") ? args[i].substring(2) : null;
            if (key == null || !KNOWN.contains(key)) {
                throw new IllegalArgumentException("unknown option " + args[i] + "\n" + USAGE);
            }
            if (i + 1 == args.length) {
                throw new IllegalArgumentException("--" + key + " needs a value\n" + USAGE);
            }
            values.put(key, args[++i]);
        }
        for (String required : List.of("kubeconfig", "jdbc")) {
            if (!values.containsKey(required)) {
                throw new IllegalArgumentException("--" + required + " is required\n" + USAGE);
            }
        }
        String objectStore = values.get("object-store");
        return new BenchOptions(Path.of(values.get("kubeconfig")), values.get("jdbc"),
                values.getOrDefault("pg-user", "postgres"),
                Duration.ofSeconds(positive(values, "duration", 20)), Duration.ofSeconds(positive(values, "warmup", 90)),
                rates(values.getOrDefault("rates", "100,250,500")),
                positive(values, "concurrency", 8), positive(values, "max-in-flight", 64),
                objectStore == null ? null : URI.create(objectStore),
                values.containsKey("front-proxy-token-file") ? Path.of(values.get("front-proxy-token-file")) : null,
                values.getOrDefault("namespace", "bench"),
                pids(values.getOrDefault("cpu", "")), values.get("kafka"));
    }

    private static int positive(Map<String, String> values, String key, int fallback) {
        String text = values.get(key);
        if (text == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(text.trim());
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("--" + key + " must be a positive whole number, was '" + text + "'");
    }

    /** {@code gateway=12,controllers=34+56} in that order; a name may sum several pids. */
    private static Map<String, List<Long>> pids(String text) {
        Map<String, List<Long>> out = new LinkedHashMap<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            String[] kv = part.split("=", 2);
            if (kv.length != 2 || !kv[1].trim().matches("[0-9]+(\\+[0-9]+)*")) {
                throw new IllegalArgumentException("--cpu takes NAME=PID[+PID...] separated by commas, was '" + part + "'");
            }
            out.put(kv[0].trim(), Arrays.stream(kv[1].trim().split("\\+")).map(Long::valueOf).toList());
        }
        return out;
    }

    private static List<Integer> rates(String text) {
        List<Integer> out = new ArrayList<>();
        for (String part : text.split(",")) {
            out.add(positive(Map.of("rates", part), "rates", 0));
        }
        return List.copyOf(out);
    }
}
