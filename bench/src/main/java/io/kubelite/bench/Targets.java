package io.kubelite.bench;

import java.util.List;
import java.util.Map;

/**
 * The foundation issue's two targets: p99 at most 25 ms at 500 writes/s through the gateway, and
 * sustained API writes at least half the raw PostgreSQL single-row insert+commit rate.
 *
 * <p>Example: raw 1 200 rows/s on one connection and 700 API writes/s is a ratio of 0.58, met;
 * 500 API writes/s would be 0.42, missed by 100 writes/s (the target there is 600/s).
 */
final class Targets {

    static final double TARGET_RATE = 500;
    static final double P99_MILLIS = 25;
    /** The change stream's target: API write → informer callback p99 at 500/s. */
    static final double INFORMER_P99_MILLIS = 50;
    static final double MIN_RAW_RATIO = 0.5;

    private Targets() {
    }

    record Verdict(boolean met, String text) {
    }

    /** The p99 target, judged on the fixed-rate phase at 500/s; null when no such phase ran. */
    static Verdict p99(List<PhaseResult> fixedRates) {
        for (PhaseResult r : fixedRates) {
            if (r.targetPerSecond() == TARGET_RATE) {
                double p99 = r.latency().p99Millis();
                boolean keptRate = r.achievedPerSecond() >= 0.95 * TARGET_RATE && r.errors() == 0;
                boolean met = p99 <= P99_MILLIS && keptRate;
                String text = String.format("p99 %.1f ms at %.0f/s (target ≤ %.0f ms; %.2f× the target)%s",
                        p99, TARGET_RATE, P99_MILLIS, p99 / P99_MILLIS,
                        keptRate ? "" : String.format(", and only %.0f/s achieved with %d errors",
                                r.achievedPerSecond(), r.errors()));
                return new Verdict(met, text);
            }
        }
        return null;
    }

    /**
     * The change stream's target (controller-runtime issue): p99 from a create being sent to the
     * informer's onAdd, at 500/s, with every create seen; null when no such phase was probed.
     */
    static Verdict informer(Map<PhaseResult, InformerProbe.Result> probed) {
        for (Map.Entry<PhaseResult, InformerProbe.Result> e : probed.entrySet()) {
            if (e.getKey().targetPerSecond() == TARGET_RATE) {
                LatencySummary seen = e.getValue().latency();
                boolean complete = e.getValue().missing() == 0 && e.getKey().errors() == 0;
                String text = String.format("p99 %.1f ms from send to onAdd at %.0f/s (target ≤ %.0f ms; %.2f× the target)%s",
                        seen.p99Millis(), TARGET_RATE, INFORMER_P99_MILLIS, seen.p99Millis() / INFORMER_P99_MILLIS,
                        complete ? "" : String.format(", and %d creates never seen", e.getValue().missing()));
                return new Verdict(complete && seen.p99Millis() <= INFORMER_P99_MILLIS, text);
            }
        }
        return null;
    }

    /** The throughput target: API sustained writes/s against raw single-connection rows/s. */
    static Verdict sustained(PhaseResult api, PhaseResult raw) {
        double ratio = ratio(api, raw);
        double needed = MIN_RAW_RATIO * raw.achievedPerSecond();
        String text = String.format("%.0f writes/s = %.2f of raw %.0f rows/s (target ≥ %.2f, i.e. ≥ %.0f writes/s)",
                api.achievedPerSecond(), ratio, raw.achievedPerSecond(), MIN_RAW_RATIO, needed);
        return new Verdict(ratio >= MIN_RAW_RATIO && api.errors() == 0, text);
    }

    static double ratio(PhaseResult numerator, PhaseResult denominator) {
        double d = denominator.achievedPerSecond();
        return d == 0 ? 0 : numerator.achievedPerSecond() / d;
    }
}
