package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get resourcequotas}: NAME AGE REQUEST LIMIT. Every hard limit prints as
 * {@code resource: used/hard}, sorted by resource name; those named {@code limits.*} go to
 * LIMIT, all others to REQUEST, e.g. REQUEST {@code pods: 2/10, requests.cpu: 500m/1} and
 * LIMIT {@code limits.cpu: 1/2}.
 */
final class QuotaPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
            Columns.NAME,
            Columns.AGE,
            Columns.of("Request", "string", "Request represents a minimum amount of cpu/memory that a"
                    + " container may consume."),
            Columns.of("Limit", "string", "Limits control the maximum amount of cpu/memory that a container"
                    + " may use independent of contention on the node."));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode quota, Instant now) {
        JsonNode hard = quota.path("status").path("hard");
        JsonNode used = quota.path("status").path("used");
        TreeMap<String, String> sorted = new TreeMap<>();
        if (hard.isObject()) {
            hard.properties().forEach(e -> sorted.put(e.getKey(), e.getValue().asString("")));
        }
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        sorted.forEach((resource, hardQuantity) -> {
            String usedQuantity = used.path(resource).isValueNode() ? used.path(resource).asString("") : "0";
            String entry = resource + ": " + usedQuantity + "/" + hardQuantity;
            (resource.startsWith("limits.") ? limits : requests).add(entry);
        });
        return List.of(Fields.name(quota), Fields.age(quota, now),
                String.join(", ", requests), String.join(", ", limits));
    }
}
