package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the {@code meta.k8s.io/v1} Table answering a list or get that asked for
 * {@code application/json;as=Table;v=v1;g=meta.k8s.io}.
 *
 * <p>By default each row carries the object's whole metadata as a {@code PartialObjectMetadata}:
 * kubectl reads the namespace for {@code -A} and the labels for {@code --show-labels} and
 * {@code -L} from it, not from the cells. With {@code --sort-by} kubectl asks for the whole
 * object ({@code includeObject=Object}) and sorts the rows by it.
 */
public final class TableBuilder {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** What each row carries besides its cells: the {@code includeObject} option of a Table request. */
    public enum IncludeObject {
        NONE, METADATA, OBJECT;

        /**
         * The option as sent ({@code None}, {@code Metadata}, {@code Object}; none means Metadata).
         *
         * @throws IllegalArgumentException naming the value and those allowed, as kube-apiserver does
         */
        public static IncludeObject of(String value) {
            if (value == null || value.isEmpty() || value.equals("Metadata")) {
                return METADATA;
            }
            return switch (value) {
                case "None" -> NONE;
                case "Object" -> OBJECT;
                default -> throw new IllegalArgumentException("includeObject: Invalid value: \"" + value
                        + "\": must be 'Metadata', 'Object', 'None', or empty");
            };
        }
    }

    private TableBuilder() {
    }

    /** A Table whose rows carry each object's metadata (the default). */
    public static ObjectNode build(List<JsonNode> objects, TablePrinter printer, String resourceVersion,
            String continueToken, Instant now) {
        return build(objects, printer, resourceVersion, continueToken, now, IncludeObject.METADATA);
    }

    /**
     * @param resourceVersion the list's resourceVersion, from which {@code get -w} starts
     *     watching; omitted when null or empty
     * @param continueToken the token for the next page; omitted when null or empty
     */
    public static ObjectNode build(List<JsonNode> objects, TablePrinter printer, String resourceVersion,
            String continueToken, Instant now, IncludeObject include) {
        ObjectNode table = NODES.objectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        if (resourceVersion != null && !resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        if (continueToken != null && !continueToken.isEmpty()) {
            metadata.put("continue", continueToken);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        for (Column column : printer.columns()) {
            columns.addObject()
                    .put("name", column.name())
                    .put("type", column.type())
                    .put("format", column.format())
                    .put("description", column.description())
                    .put("priority", column.priority());
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode object : objects) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            printer.cells(object, now).forEach(cell -> cells.add(cell(cell)));
            switch (include) {
                case METADATA -> row.set("object", partialObjectMetadata(object));
                case OBJECT -> row.set("object", object.deepCopy());
                case NONE -> {
                }
            }
        }
        return table;
    }

    private static JsonNode cell(Object value) {
        if (value == null) {
            return NODES.nullNode();
        }
        if (value instanceof String text) {
            return NODES.stringNode(text);
        }
        if (value instanceof Long number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Integer number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Double number) {
            return NODES.numberNode(number);
        }
        if (value instanceof Boolean flag) {
            return NODES.booleanNode(flag);
        }
        throw new IllegalArgumentException("unsupported table cell " + value.getClass().getName() + ": " + value);
    }

    private static ObjectNode partialObjectMetadata(JsonNode object) {
        ObjectNode partial = NODES.objectNode();
        partial.put("kind", "PartialObjectMetadata");
        partial.put("apiVersion", "meta.k8s.io/v1");
        JsonNode metadata = object.path("metadata");
        partial.set("metadata", metadata.isObject() ? metadata.deepCopy() : NODES.objectNode());
        return partial;
    }
}
