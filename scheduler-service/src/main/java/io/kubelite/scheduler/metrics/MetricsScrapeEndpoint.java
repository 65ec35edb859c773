package io.kubelite.scheduler.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /metrics}: {@link SchedulerMetrics} in the Prometheus text format, as kube-scheduler serves
 * it. (Not named MetricsEndpoint: Spring Boot's actuator has a bean of that name.)
 */
@RestController
class MetricsScrapeEndpoint {

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final SchedulerMetrics metrics;

    MetricsScrapeEndpoint(SchedulerMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/metrics")
    void metrics(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(TEXT.getContentType());
        TEXT.write(response.getOutputStream(), metrics.scrape());
    }
}
