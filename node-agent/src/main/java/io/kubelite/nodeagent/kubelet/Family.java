package io.kubelite.nodeagent.kubelet;

import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * One metric family being written, sample by sample: a counter ({@code name} without the
 * {@code _total} the text format adds) or a gauge. Samples carry the time they were measured,
 * as the kubelet's do (its numbers come from a cache, not from the scrape).
 */
final class Family {

    private record Sample(Labels labels, double value, Instant at) {
    }

    private final String name;
    private final String help;
    private final boolean counter;
    private final List<Sample> samples = new ArrayList<>();

    private Family(String name, String help, boolean counter) {
        this.name = name;
        this.help = help;
        this.counter = counter;
    }

    static Family counter(String name, String help) {
        return new Family(name, help, true);
    }

    static Family gauge(String name, String help) {
        return new Family(name, help, false);
    }

    /** A sample; {@code labels} are name, value, name, value…; {@code at} null for the scrape's time. */
    Family add(double value, Instant at, String... labels) {
        samples.add(new Sample(Labels.of(labels), value, at));
        return this;
    }

    MetricSnapshot snapshot() {
        if (counter) {
            CounterSnapshot.Builder b = CounterSnapshot.builder().name(name).help(help);
            for (Sample s : samples) {
                var point = CounterSnapshot.CounterDataPointSnapshot.builder().value(s.value()).labels(s.labels());
                if (s.at() != null) {
                    point.scrapeTimestampMillis(s.at().toEpochMilli());
                }
                b.dataPoint(point.build());
            }
            return b.build();
        }
        GaugeSnapshot.Builder b = GaugeSnapshot.builder().name(name).help(help);
        for (Sample s : samples) {
            var point = GaugeSnapshot.GaugeDataPointSnapshot.builder().value(s.value()).labels(s.labels());
            if (s.at() != null) {
                point.scrapeTimestampMillis(s.at().toEpochMilli());
            }
            b.dataPoint(point.build());
        }
        return b.build();
    }
}
