package io.kubelite.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The printed result: how it was obtained, one table row per phase, the ratios and the verdicts. */
final class Report {

    private final List<String> facts = new ArrayList<>();
    private final List<PhaseResult> rows = new ArrayList<>();
    private final Map<PhaseResult, Map<String, Long>> cpuTicks = new LinkedHashMap<>();
    private final int processors = Runtime.getRuntime().availableProcessors();
    private final List<String> conclusions = new ArrayList<>();

    void fact(String label, String value) {
        facts.add(String.format("  %-12s %s", label, value));
    }

    /** A phase, with the CPU ticks each accounted process used during it (empty when not accounted). */
    void row(PhaseResult phase, Map<String, Long> ticks) {
        rows.add(phase);
        if (!ticks.isEmpty()) {
            cpuTicks.put(phase, ticks);
        }
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
        renderCpu(out);
        List<String> errors = new ArrayList<>();
        for (PhaseResult r : rows) {
            r.errorSamples().forEach(e -> errors.add(r.name() + ": " + e));
        }
        if (!errors.isEmpty()) {
            out.append("\n  first errors:\n");
            errors.forEach(e -> out.append("    ").append(e).append('\n'));
        }
        out.append('\n');
        conclusions.forEach(c -> out.append(c).append('\n'));
        return out.toString();
    }

    private static double perWrite(long ticks, PhaseResult phase) {
        return phase.ok() == 0 ? 0 : ticks * CpuAccounting.MILLIS_PER_TICK / phase.ok();
    }

    /**
     * CPU milliseconds per successful write of each accounted process, and how busy the whole
     * machine was. Example: 900 ticks (9 s) of gateway CPU in a phase of 4 500 writes is 2.0 ms
     * per write; 3 800 busy ticks in 20 s on 2 CPUs is 95 % busy. "rest of machine" is the busy
     * time no accounted process used (other processes, the kernel), per write as well.
     */
    private void renderCpu(StringBuilder out) {
        if (cpuTicks.isEmpty()) {
            return;
        }
        List<String> names = new ArrayList<>(cpuTicks.values().iterator().next().keySet());
        names.remove(CpuAccounting.MACHINE);
        out.append("\n  CPU ms per write (from /proc; 10 ms ticks)\n");
        out.append(String.format("  %-40s", "phase"));
        names.forEach(n -> out.append(String.format(" %17s", n)));
        out.append(String.format(" %17s %13s%n", "rest of machine", "machine busy"));
        cpuTicks.forEach((phase, ticks) -> {
            out.append(String.format("  %-40s", phase.name() + (phase.openLoop()
                    ? String.format(" %.0f/s", phase.targetPerSecond()) : "")));
            names.forEach(n -> out.append(String.format(" %17.3f",
                    perWrite(ticks.get(n), phase))));
            long accounted = names.stream().mapToLong(ticks::get).sum();
            out.append(String.format(" %17.3f", perWrite(ticks.get(CpuAccounting.MACHINE) - accounted, phase)));
            double capacityTicks = phase.elapsedNanos() / 1e9 * 100 * processors;
            out.append(String.format(" %13.0f%%%n", capacityTicks == 0 ? 0
                    : 100.0 * ticks.get(CpuAccounting.MACHINE) / capacityTicks));
        });
    }
}
