package io.kubelite.bench;

import java.util.ArrayList;
import java.util.List;

/** The printed result: how it was obtained, one table row per phase, the ratios and the verdicts. */
final class Report {

    private final List<String> facts = new ArrayList<>();
    private final List<PhaseResult> rows = new ArrayList<>();
    private final List<String> conclusions = new ArrayList<>();

    void fact(String label, String value) {
        facts.add(String.format("  %-12s %s", label, value));
    }

    void row(PhaseResult phase) {
        rows.add(phase);
    }

    void conclusion(String line) {
        conclusions.add("  " + line);
    }

    void verdict(String name, Targets.Verdict verdict) {
        conclusions.add(String.format("  %-34s %s  %s", name, verdict == null ? "NOT MEASURED"
                : verdict.met() ? "MET" : "MISSED", verdict == null ? "" : verdict.text()));
    }

    String render() {
        StringBuilder out = new StringBuilder("kubelite API write benchmark\n");
        facts.forEach(f -> out.append(f).append('\n'));
        out.append('\n').append(String.format("  %-40s %5s %9s %11s %8s %7s %8s %8s %8s%n",
                "phase", "conc", "target/s", "achieved/s", "ok", "errors", "p50 ms", "p99 ms", "max ms"));
        for (PhaseResult r : rows) {
            out.append(String.format("  %-40s %5d %9s %11.1f %8d %7d %8.2f %8.2f %8.2f%n", r.name(), r.concurrency(),
                    r.openLoop() ? String.format("%.0f", r.targetPerSecond()) : "-", r.achievedPerSecond(), r.ok(),
                    r.errors(), r.latency().p50Millis(), r.latency().p99Millis(), r.latency().maxMillis()));
        }
        List<String> errors = new ArrayList<>();
        for (PhaseResult r : rows) {
            r.errorSamples().forEach(e -> errors.add("  " + r.name() + ": " + e));
        }
        if (!errors.isEmpty()) {
            out.append("\n  first errors:\n");
            errors.forEach(e -> out.append("  ").append(e).append('\n'));
        }
        out.append('\n');
        conclusions.forEach(c -> out.append(c).append('\n'));
        return out.toString();
    }
}
