package io.kubelite.nodeagent.kubelet;

import io.fabric8.kubernetes.api.model.PodListBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubelite.nodeagent.NodeAgent;
import io.kubelite.nodeagent.NodeAgents;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * A node's kubelet API, where the API server's {@code nodes/proxy} subresource sends requests
 * ({@code /nodeProxy/{node}/…}; one agent process may run several nodes): {@code /healthz},
 * {@code /pods} (the pods bound to the node, as the agent last saw them), {@code /stats/summary},
 * {@code /metrics/resource}, {@code /metrics/cadvisor}, {@code /metrics} (the kubelet's own
 * gauges) and {@code /configz}. Usage figures are those of the agent's last sampling pass
 * ({@code kubelite.node.metrics-interval}, 5 s). Any other path is the kubelet's
 * {@code 404 page not found}.
 */
@RestController
public class KubeletEndpoints {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final PrometheusTextFormatWriter TEXT = PrometheusTextFormatWriter.create();
    private static final String PREFIX = "/nodeProxy/";

    private final NodeAgents agents;

    public KubeletEndpoints(NodeAgents agents) {
        this.agents = agents;
    }

    @GetMapping({"/nodeProxy/{node}", "/nodeProxy/{node}/**"})
    public void get(@PathVariable String node, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        Optional<NodeAgent> found = agents.agent(node);
        if (found.isEmpty()) {
            text(response, 404, "node " + node + " is not run by this agent\n");
            return;
        }
        NodeAgent agent = found.get();
        String uri = request.getRequestURI();
        String path = uri.substring(uri.indexOf(PREFIX) + PREFIX.length() + node.length());
        switch (path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path) {
            case "/healthz" -> text(response, 200, "ok");
            case "/pods" -> json(response, new PodListBuilder().withNewMetadata().endMetadata()
                    .withItems(agent.pods().list()).build());
            case "/stats/summary" -> json(response, StatsSummary.of(node, agent.startedAt(), agent.usage(),
                    agent.pods().list(), bytes(agent.facts().memory())));
            case "/metrics/resource" -> metrics(response, ResourceMetrics.of(agent.usage()));
            case "/metrics/cadvisor" -> metrics(response, CadvisorMetrics.of(agent.usage(),
                    new Quantity(agent.facts().cpu()).getNumericalAmount().doubleValue(), bytes(agent.facts().memory()),
                    Instant.now()));
            case "/metrics" -> metrics(response, KubeletMetrics.of(node,
                    agents.runtime().list(ContainerLabels.owner(agent.owner().clusterId(), node))));
            case "/configz" -> json(response, Map.of("kubeletconfig", configz(agent)));
            default -> text(response, 404, "404 page not found\n");
        }
    }

    /** The agent's settings under the names and formats of the kubelet's configuration file. */
    private static Map<String, Object> configz(NodeAgent agent) {
        var p = agent.properties();
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("enableServer", true);
        config.put("staticPodPath", p.staticPodPath());
        config.put("syncFrequency", goDuration(p.syncInterval()));
        config.put("nodeStatusReportFrequency", goDuration(p.statusReportInterval()));
        config.put("nodeLeaseDurationSeconds", p.leaseDuration().toSeconds());
        config.put("clusterDomain", p.clusterDomain());
        config.put("maxPods", agent.facts().maxPods());
        config.put("port", agent.facts().port());
        return config;
    }

    /** Go's rendering of a duration: 10s, 1m0s, 1h0m0s, 1.5s, 500ms. */
    static String goDuration(Duration d) {
        if (d.isZero()) {
            return "0s";
        }
        if (d.compareTo(Duration.ofSeconds(1)) < 0) {
            return d.toMillis() + "ms";
        }
        long h = d.toHours();
        int m = d.toMinutesPart();
        String s = java.math.BigDecimal.valueOf(d.toSecondsPart() * 1000L + d.toMillisPart(), 3)
                .stripTrailingZeros().toPlainString() + "s";
        return h > 0 ? h + "h" + m + "m" + s : m > 0 ? m + "m" + s : s;
    }

    private static long bytes(String quantity) {
        return new Quantity(quantity).getNumericalAmount().longValue();
    }

    private static void metrics(HttpServletResponse response, MetricSnapshots snapshots) throws IOException {
        response.setStatus(200);
        response.setContentType(TEXT.getContentType());
        TEXT.write(response.getOutputStream(), snapshots);
    }

    private static void json(HttpServletResponse response, Object body) throws IOException {
        response.setStatus(200);
        response.setContentType("application/json");
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    private static void text(HttpServletResponse response, int status, String body) throws IOException {
        response.setStatus(status);
        response.setContentType("text/plain; charset=utf-8");
        response.getOutputStream().write(body.getBytes(StandardCharsets.UTF_8));
    }
}
