package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get hpa}: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE, for both the
 * {@code autoscaling/v1} shape ({@code targetCPUUtilizationPercentage}) and the v2 shape
 * ({@code metrics[]}).
 *
 * <p>TARGETS pairs each spec metric with the status metric at the same index, e.g.
 * {@code cpu: 20%/90%}, {@code cpu: <unknown>/90%} before the first measurement, or
 * {@code memory: 100Mi/200Mi} for an average-value target. Two are shown, then
 * {@code + N more...}. Without any metric the API server's default, CPU at 80%, applies.
 */
final class AutoscalerPrinter implements TablePrinter {

    private static final int MAX_METRICS = 2;
    private static final int DEFAULT_CPU_UTILIZATION = 80;
    private static final String UNKNOWN = "<unknown>";
    /** What Go prints for a nil quantity pointer. */
    private static final String NIL = "<nil>";

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.of("Reference", "string", "reference to scaled resource; horizontal pod autoscaler"
                    + " will learn the current resource consumption and will set the desired number of"
                    + " pods by using its Scale subresource."),
            Columns.of("Targets", "string", "metrics contains the specifications for which to use to"
                    + " calculate the desired replica count."),
            Columns.of("MinPods", "string", "minReplicas is the lower limit for the number of replicas"
                    + " to which the autoscaler can scale down."),
            Columns.of("MaxPods", "string", "maxReplicas is the upper limit for the number of replicas"
                    + " to which the autoscaler can scale up."),
            Columns.of("Replicas", "string", "currentReplicas is current number of replicas of pods"
                    + " managed by this autoscaler."),
            Columns.AGE);

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode hpa, Instant now) {
        JsonNode spec = hpa.path("spec");
        JsonNode target = spec.path("scaleTargetRef");
        JsonNode minReplicas = spec.path("minReplicas");
        return List.of(
                Fields.name(hpa),
                Fields.text(target, "kind") + "/" + Fields.text(target, "name"),
                targets(hpa),
                minReplicas.isNumber() ? Long.toString(minReplicas.asLong()) : "<unset>",
                Fields.integer(spec, "maxReplicas"),
                Fields.integer(hpa, "status", "currentReplicas"),
                Fields.age(hpa, now));
    }

    private static String targets(JsonNode hpa) {
        if (isV1Shape(hpa)) {
            return v1Targets(hpa);
        }
        List<JsonNode> specs = Fields.list(hpa, "spec", "metrics");
        if (specs.isEmpty()) {
            return "cpu: " + UNKNOWN + "/" + DEFAULT_CPU_UTILIZATION + "%";
        }
        List<JsonNode> statuses = Fields.list(hpa, "status", "currentMetrics");
        List<String> shown = new ArrayList<>();
        for (int i = 0; i < specs.size() && i < MAX_METRICS; i++) {
            shown.add(metric(specs.get(i), i < statuses.size() ? statuses.get(i) : null));
        }
        String joined = String.join(", ", shown);
        return specs.size() > MAX_METRICS ? joined + " + " + (specs.size() - MAX_METRICS) + " more..." : joined;
    }

    private static boolean isV1Shape(JsonNode hpa) {
        String apiVersion = Fields.text(hpa, "apiVersion");
        if (!apiVersion.isEmpty()) {
            return "autoscaling/v1".equals(apiVersion);
        }
        return !Fields.present(hpa, "spec", "metrics");
    }

    private static String v1Targets(JsonNode hpa) {
        JsonNode target = hpa.path("spec").path("targetCPUUtilizationPercentage");
        JsonNode current = hpa.path("status").path("currentCPUUtilizationPercentage");
        long targetPercent = target.isNumber() ? target.asLong() : DEFAULT_CPU_UTILIZATION;
        String currentText = current.isNumber() ? current.asLong() + "%" : UNKNOWN;
        return "cpu: " + currentText + "/" + targetPercent + "%";
    }

    /** One metric's {@code current/target}; {@code status} is null when not yet measured. */
    private static String metric(JsonNode spec, JsonNode status) {
        return switch (Fields.text(spec, "type")) {
            case "Resource" -> resource(spec.path("resource"), current(status, "resource"));
            case "ContainerResource" -> resource(spec.path("containerResource"), current(status, "containerResource"));
            case "Pods" -> valueOf(current(status, "pods"), "averageValue", UNKNOWN)
                    + "/" + quantity(spec.path("pods").path("target"), "averageValue");
            case "Object" -> valueTarget(spec.path("object").path("target"), current(status, "object"));
            case "External" -> valueTarget(spec.path("external").path("target"), current(status, "external"));
            default -> "<unknown type>";
        };
    }

    /** {@code cpu: 20%/90%} for a utilization target, {@code memory: 100Mi/200Mi} for an average value. */
    private static String resource(JsonNode source, JsonNode current) {
        String name = Fields.text(source, "name");
        JsonNode target = source.path("target");
        if (Fields.present(target, "averageValue")) {
            return name + ": " + valueOf(current, "averageValue", UNKNOWN) + "/" + quantity(target, "averageValue");
        }
        String currentText = current != null && current.path("averageUtilization").isNumber()
                ? current.path("averageUtilization").asLong() + "%" : UNKNOWN;
        String targetText = target.path("averageUtilization").isNumber()
                ? target.path("averageUtilization").asLong() + "%" : "<auto>";
        return name + ": " + currentText + "/" + targetText;
    }

    /** Object and External metrics: {@code current/target (avg)} for an average value, else by total value. */
    private static String valueTarget(JsonNode target, JsonNode current) {
        if (Fields.present(target, "averageValue")) {
            String currentText = current != null && Fields.present(current, "averageValue")
                    ? quantity(current, "averageValue") : UNKNOWN;
            return currentText + "/" + quantity(target, "averageValue") + " (avg)";
        }
        return valueOf(current, "value", UNKNOWN) + "/" + quantity(target, "value");
    }

    /** The {@code current} block of the status metric of the given source, or null when there is none. */
    private static JsonNode current(JsonNode status, String source) {
        if (status == null || !status.path(source).isObject()) {
            return null;
        }
        return status.path(source).path("current");
    }

    private static String valueOf(JsonNode current, String field, String whenUnmeasured) {
        return current == null ? whenUnmeasured : quantity(current, field);
    }

    private static String quantity(JsonNode node, String field) {
        return Fields.present(node, field) ? Fields.text(node, field) : NIL;
    }
}
