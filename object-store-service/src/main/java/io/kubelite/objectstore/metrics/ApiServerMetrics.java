package io.kubelite.objectstore.metrics;

import io.kubelite.objectstore.discovery.ServerVersion;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.util.Map;
import java.util.TreeMap;

/**
 * kube-apiserver's metrics, under its names, labels and buckets, so that dashboards and alerts
 * written for a Kubernetes API server read this one: {@code apiserver_request_total},
 * {@code apiserver_request_duration_seconds}, {@code apiserver_response_sizes},
 * {@code apiserver_longrunning_requests}, {@code apiserver_current_inflight_requests},
 * {@code apiserver_storage_objects} (counted in PostgreSQL when scraped), {@code kubernetes_build_info},
 * and the process's {@code process_*} (plus the JVM's {@code jvm_*} where a Go server has {@code go_*}).
 * Kept in a registry of its own, so that every instance (and every test context) counts alone.
 */
@Component
public class ApiServerMetrics {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServerMetrics.class);
    static final String COMPONENT = "apiserver";

    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final Counter requests;
    private final Histogram durations;
    private final Histogram responseSizes;
    private final Gauge longRunning;
    private final InflightWatermark readOnlyInflight = new InflightWatermark();
    private final InflightWatermark mutatingInflight = new InflightWatermark();

    public ApiServerMetrics(JdbcTemplate jdbc) {
        requests = Counter.builder()
                .name("apiserver_request_total")
                .help("[STABLE] Counter of apiserver requests broken out for each verb, dry run value, group, version,"
                        + " resource, scope, component, and HTTP response code.")
                .labelNames("verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component", "code")
                .register(registry);
        durations = Histogram.builder()
                .name("apiserver_request_duration_seconds")
                .help("[STABLE] Response latency distribution in seconds for each verb, dry run value, group, version,"
                        + " resource, subresource, scope and component.")
                .classicOnly()
                .classicUpperBounds(0.005, 0.025, 0.05, 0.1, 0.2, 0.4, 0.6, 0.8, 1.0, 1.25, 1.5, 2, 3, 4, 5, 6, 8, 10,
                        15, 20, 30, 45, 60)
                .labelNames("verb", "dry_run", "group", "version", "resource", "subresource", "scope", "component")
                .register(registry);
        responseSizes = Histogram.builder()
                .name("apiserver_response_sizes")
                .help("[STABLE] Response size distribution in bytes for each group, version, verb, resource,"
                        + " subresource, scope and component.")
                .classicOnly()
                .classicExponentialUpperBounds(1000, 10, 7)
                .labelNames("verb", "group", "version", "resource", "subresource", "scope", "component")
                .register(registry);
        longRunning = Gauge.builder()
                .name("apiserver_longrunning_requests")
                .help("[STABLE] Gauge of all active long-running apiserver requests broken out by verb, group, version,"
                        + " resource, scope and component. Not all requests are tracked this way.")
                .labelNames("verb", "group", "version", "resource", "subresource", "scope", "component")
                .register(registry);
        GaugeWithCallback.builder()
                .name("apiserver_current_inflight_requests")
                .help("[STABLE] Maximal number of currently used inflight request limit of this apiserver per request"
                        + " kind in last second.")
                .labelNames("request_kind")
                .callback(cb -> {
                    cb.call(readOnlyInflight.highInLastSecond(), "readOnly");
                    cb.call(mutatingInflight.highInLastSecond(), "mutating");
                })
                .register(registry);
        GaugeWithCallback.builder()
                .name("apiserver_storage_objects")
                .help("[STABLE] Number of stored objects at the time of last check split by kind. In case of a fetching"
                        + " error, the value will be -1.")
                .labelNames("resource")
                .callback(cb -> storedObjects(jdbc).forEach((resource, count) -> cb.call(count, resource)))
                .register(registry);
        ServerVersion v = ServerVersion.CURRENT;
        Info.builder()
                .name("kubernetes_build_info")
                .help("[ALPHA] A metric with a constant '1' value labeled by major, minor, git version, git commit,"
                        + " git tree state, build date, Go version, and compiler from which Kubernetes was built,"
                        + " and platform on which it is running.")
                .labelNames("build_date", "compiler", "git_commit", "git_tree_state", "git_version", "go_version",
                        "major", "minor", "platform")
                .register(registry)
                .setLabelValues(v.buildDate(), v.compiler(), v.gitCommit(), v.gitTreeState(), v.gitVersion(),
                        v.goVersion(), v.major(), v.minor(), v.platform());
        ProcessMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmThreadsMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
    }

    /** Stored objects per resource as kube names them ({@code pods}, {@code deployments.apps}); -1 each when the store fails. */
    private static Map<String, Double> storedObjects(JdbcTemplate jdbc) {
        try {
            Map<String, Double> counts = new TreeMap<>();
            jdbc.query("SELECT resource, count(*) FROM objects GROUP BY resource",
                    rs -> { counts.put(rs.getString(1), (double) rs.getLong(2)); });
            return counts;
        } catch (RuntimeException e) {
            LOG.atWarn().log("Counting stored objects for apiserver_storage_objects failed: " + e.getMessage());
            return Map.of();
        }
    }

    /** What one request is doing to the metrics while it runs; {@link #finished} ends it. */
    public final class InFlight {
        private final RequestLabels labels;
        private final long startNanos = System.nanoTime();

        private InFlight(RequestLabels labels) {
            this.labels = labels;
            if (labels.longRunning()) {
                longRunning.labelValues(labels.verb(), labels.group(), labels.version(), labels.resource(),
                        labels.subresource(), labels.scope(), COMPONENT).inc();
            } else {
                (labels.readOnly() ? readOnlyInflight : mutatingInflight).enter();
            }
        }

        /** Records the answer: its code, its duration and, for reads, its size. */
        public void finished(int code, long responseBytes) {
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            RequestLabels l = labels;
            if (l.longRunning()) {
                longRunning.labelValues(l.verb(), l.group(), l.version(), l.resource(), l.subresource(), l.scope(),
                        COMPONENT).dec();
            } else {
                (l.readOnly() ? readOnlyInflight : mutatingInflight).leave();
            }
            requests.labelValues(l.verb(), l.dryRun(), l.group(), l.version(), l.resource(), l.subresource(), l.scope(),
                    COMPONENT, Integer.toString(code)).inc();
            durations.labelValues(l.verb(), l.dryRun(), l.group(), l.version(), l.resource(), l.subresource(), l.scope(),
                    COMPONENT).observe(seconds);
            if (l.sized()) {
                responseSizes.labelValues(l.verb(), l.group(), l.version(), l.resource(), l.subresource(), l.scope(),
                        COMPONENT).observe(responseBytes);
            }
        }
    }

    /** Starts counting a request with these labels. */
    InFlight started(RequestLabels labels) {
        return new InFlight(labels);
    }

    /** Everything, as the metrics endpoint writes it. */
    MetricSnapshots scrape() {
        return registry.scrape();
    }
}
