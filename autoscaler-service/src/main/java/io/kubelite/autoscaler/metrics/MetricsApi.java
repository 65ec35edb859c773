package io.kubelite.autoscaler.metrics;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.machinery.selector.LabelSelector;
import io.kubelite.machinery.selector.SelectorException;
import io.kubelite.machinery.status.FailureStatus;
import io.kubelite.machinery.validation.Quantities;
import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The resource metrics API ({@code metrics.k8s.io/v1beta1}, metrics-server's), which
 * {@code kubectl top} and the HPA controller read: PodMetrics as the node agents last reported
 * them, and NodeMetrics as each node's agent measured its machine (else the sum over its pods).
 */
@RestController
public class MetricsApi {

    static final String GROUP_VERSION = "metrics.k8s.io/v1beta1";

    private final PodMetricsStore store;
    private final Lister<Pod> pods;
    private final Lister<Node> nodes;
    private final JsonMapper json;

    public MetricsApi(PodMetricsStore store, Lister<Pod> pods, Lister<Node> nodes, JsonMapper json) {
        this.store = store;
        this.pods = pods;
        this.nodes = nodes;
        this.json = json;
    }

    @GetMapping(path = "/apis/metrics.k8s.io", produces = "application/json")
    public ObjectNode group() {
        ObjectNode g = json.createObjectNode();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", "metrics.k8s.io");
        g.putArray("versions").addObject().put("groupVersion", GROUP_VERSION).put("version", "v1beta1");
        g.putObject("preferredVersion").put("groupVersion", GROUP_VERSION).put("version", "v1beta1");
        return g;
    }

    @GetMapping(path = "/apis/metrics.k8s.io/v1beta1", produces = "application/json")
    public ObjectNode resources() {
        ObjectNode list = json.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", GROUP_VERSION);
        ArrayNode resources = list.putArray("resources");
        for (String[] r : new String[][] {{"nodes", "NodeMetrics", "false"}, {"pods", "PodMetrics", "true"}}) {
            ObjectNode o = resources.addObject();
            o.put("name", r[0]);
            o.put("singularName", "");
            o.put("namespaced", Boolean.parseBoolean(r[2]));
            o.put("kind", r[1]);
            o.putArray("verbs").add("get").add("list");
        }
        return list;
    }

    @GetMapping(path = {"/apis/metrics.k8s.io/v1beta1/pods", "/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods"},
            produces = "application/json")
    public ResponseEntity<JsonNode> listPods(@PathVariable(required = false) String namespace,
            @RequestParam(required = false) String labelSelector) {
        LabelSelector selector = selector(labelSelector);
        ObjectNode list = list("PodMetricsList");
        ArrayNode items = list.putArray("items");
        for (ObjectNode m : store.list(namespace)) {
            running(m).filter(pod -> selector.matches(labels(pod))).ifPresent(pod -> items.add(m));
        }
        return ResponseEntity.ok(list);
    }

    @GetMapping(path = "/apis/metrics.k8s.io/v1beta1/namespaces/{namespace}/pods/{name}", produces = "application/json")
    public ResponseEntity<JsonNode> getPod(@PathVariable String namespace, @PathVariable String name) {
        return store.get(namespace, name).filter(m -> running(m).isPresent()).<ResponseEntity<JsonNode>>map(ResponseEntity::ok)
                .orElseGet(() -> status(HttpStatus.NOT_FOUND, "podmetrics.metrics.k8s.io \"" + namespace + "/" + name
                        + "\" not found", "NotFound"));
    }

    @GetMapping(path = "/apis/metrics.k8s.io/v1beta1/nodes", produces = "application/json")
    public ObjectNode listNodes(@RequestParam(required = false) String labelSelector) {
        LabelSelector selector = selector(labelSelector);
        Map<String, long[]> usage = nodeUsage();
        ObjectNode list = list("NodeMetricsList");
        ArrayNode items = list.putArray("items");
        for (Node node : nodes.list().stream().sorted(java.util.Comparator.comparing(n -> n.getMetadata().getName())).toList()) {
            Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
            if (selector.matches(labels)) {
                items.add(nodeMetrics(node, usage.getOrDefault(node.getMetadata().getName(), new long[2])));
            }
        }
        return list;
    }

    @GetMapping(path = "/apis/metrics.k8s.io/v1beta1/nodes/{name}", produces = "application/json")
    public ResponseEntity<JsonNode> getNode(@PathVariable String name) {
        return nodes.get(ObjectKey.clusterScoped(name))
                .<ResponseEntity<JsonNode>>map(n -> ResponseEntity.ok(nodeMetrics(n, nodeUsage().getOrDefault(name, new long[2]))))
                .orElseGet(() -> status(HttpStatus.NOT_FOUND, "nodemetrics.metrics.k8s.io \"" + name + "\" not found",
                        "NotFound"));
    }

    /** Millicores and bytes per node, summed over the fresh metrics of the pods bound to it. */
    private Map<String, long[]> nodeUsage() {
        Map<String, long[]> usage = new HashMap<>();
        for (ObjectNode m : store.list(null)) {
            Pod pod = running(m).orElse(null);
            if (pod == null || pod.getSpec() == null || pod.getSpec().getNodeName() == null) {
                continue;
            }
            long[] sum = usage.computeIfAbsent(pod.getSpec().getNodeName(), n -> new long[2]);
            for (JsonNode c : m.path("containers")) {
                sum[0] += Quantities.milliValue(c.path("usage").path("cpu").asString("0"));
                sum[1] += Quantities.value(c.path("usage").path("memory").asString("0")).longValue();
            }
        }
        return usage;
    }

    /**
     * The node's usage as its agent measured the machine (metrics-server's: the node's cgroup
     * root); without such a record, the sum over the pods bound to it.
     */
    private ObjectNode nodeMetrics(Node node, long[] podsUsage) {
        ObjectNode measured = store.node(node.getMetadata().getName()).orElse(null);
        if (measured != null) {
            ObjectNode m = measured.deepCopy();
            if (node.getMetadata().getLabels() != null) {
                ((ObjectNode) m.get("metadata")).set("labels", json.valueToTree(node.getMetadata().getLabels()));
            }
            return m;
        }
        return summed(node, podsUsage);
    }

    private ObjectNode summed(Node node, long[] usage) {
        ObjectNode m = json.createObjectNode();
        m.put("kind", "NodeMetrics");
        m.put("apiVersion", GROUP_VERSION);
        ObjectNode meta = m.putObject("metadata");
        meta.put("name", node.getMetadata().getName());
        if (node.getMetadata().getLabels() != null) {
            meta.set("labels", json.valueToTree(node.getMetadata().getLabels()));
        }
        m.put("timestamp", java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString());
        m.put("window", "5s");
        ObjectNode u = m.putObject("usage");
        u.put("cpu", usage[0] + "m");
        u.put("memory", BigDecimal.valueOf(usage[1] / 1024) + "Ki");
        return m;
    }

    private ObjectNode list(String kind) {
        ObjectNode list = json.createObjectNode();
        list.put("kind", kind);
        list.put("apiVersion", GROUP_VERSION);
        list.putObject("metadata");
        return list;
    }

    /**
     * The pod a record measures, while it still runs: a record outlives its pod by up to the
     * store's maximum age, and metrics-server reports only the pods that exist and have not
     * finished.
     */
    private Optional<Pod> running(ObjectNode metrics) {
        JsonNode meta = metrics.path("metadata");
        return pods.get(ObjectKey.of(meta.path("namespace").asString(""), meta.path("name").asString("")))
                .filter(pod -> pod.getStatus() == null || !FINISHED.contains(pod.getStatus().getPhase()));
    }

    private static final Set<String> FINISHED = Set.of("Succeeded", "Failed");

    private static Map<String, String> labels(Pod pod) {
        return pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
    }

    private ResponseEntity<JsonNode> status(HttpStatus code, String message, String reason) {
        return ResponseEntity.status(code).body(json.valueToTree(FailureStatus.of(message, reason, code.value())));
    }

    @ExceptionHandler(SelectorException.class)
    ResponseEntity<JsonNode> badSelector(SelectorException e) {
        return status(HttpStatus.BAD_REQUEST, e.getMessage(), "BadRequest");
    }

    private static LabelSelector selector(String labelSelector) {
        return labelSelector == null || labelSelector.isBlank() ? LabelSelector.everything() : LabelSelector.parse(labelSelector);
    }
}
