package io.kubelite.objectstore.health;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * kube-apiserver's health endpoints' answers ({@code /livez}, {@code /readyz}, {@code /healthz}):
 * named checks run in order; all passing is {@code ok} (200), or with {@code ?verbose} a line per
 * check and {@code <endpoint> check passed}; a failing one makes the answer 500 and always verbose,
 * the failure's reason withheld as Kubernetes withholds it; {@code ?exclude=<check>} leaves checks
 * out (an unknown one is warned about); {@code /<endpoint>/<check>} runs one check (404 when none
 * has that name).
 *
 * <p>Example: {@code /readyz?verbose&exclude=log} with the store down is 500 and
 * <pre>
 * [+]ping ok
 * [+]log excluded: ok
 * [-]etcd failed: reason withheld
 * [+]shutdown ok
 * readyz check failed
 * </pre>
 */
final class HealthChecks {

    /** A check: null when it passes, else why it failed (kept for the log, withheld from the answer). */
    record Check(String name, Supplier<String> failure) {
    }

    record Answer(int status, String body) {
    }

    private final String endpoint;
    private final Map<String, Check> checks = new LinkedHashMap<>();

    HealthChecks(String endpoint, List<Check> checks) {
        this.endpoint = endpoint;
        checks.forEach(c -> this.checks.put(c.name(), c));
    }

    Answer all(boolean verbose, List<String> exclude) {
        Set<String> unknown = new TreeSet<>(exclude);
        unknown.removeAll(checks.keySet());
        StringBuilder body = new StringBuilder();
        boolean failed = false;
        for (Check check : checks.values()) {
            if (exclude.contains(check.name())) {
                body.append("[+]").append(check.name()).append(" excluded: ok\n");
                continue;
            }
            if (check.failure().get() == null) {
                body.append("[+]").append(check.name()).append(" ok\n");
            } else {
                failed = true;
                body.append("[-]").append(check.name()).append(" failed: reason withheld\n");
            }
        }
        if (!unknown.isEmpty()) {
            body.append("warn: some health checks cannot be excluded: no matches for ")
                    .append(String.join(",", unknown.stream().map(n -> "\"" + n + "\"").toList())).append('\n');
        }
        if (failed) {
            return new Answer(500, body.append(endpoint).append(" check failed\n").toString());
        }
        return new Answer(200, verbose ? body.append(endpoint).append(" check passed\n").toString() : "ok");
    }

    Answer one(String name) {
        Check check = checks.get(name);
        if (check == null) {
            return new Answer(404, "404 page not found\n");
        }
        String failure = check.failure().get();
        return failure == null ? new Answer(200, "ok") : new Answer(500, "internal server error: " + failure + "\n");
    }
}
