package io.kubelite.objectstore.metrics;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;

/**
 * {@code GET /metrics}: {@link ApiServerMetrics} in the Prometheus text format (0.0.4), as
 * kube-apiserver serves it — to users RBAC lets {@code get} the non-resource URL {@code /metrics}
 * (cluster admins, and the group {@code system:monitoring} through the bootstrap role of that name).
 */
@RestController
class MetricsScrapeEndpoint {

    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();

    private final ApiServerMetrics metrics;

    MetricsScrapeEndpoint(ApiServerMetrics metrics) {
        this.metrics = metrics;
    }

    @GetMapping("/metrics")
    void metrics(HttpServletResponse response) throws IOException {
        response.setStatus(200);
        response.setContentType(TEXT.getContentType());
        TEXT.write(response.getOutputStream(), metrics.scrape());
    }
}
