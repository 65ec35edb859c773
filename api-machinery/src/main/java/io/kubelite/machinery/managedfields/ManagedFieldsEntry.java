package io.kubelite.machinery.managedfields;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code metadata.managedFields}: the fields one manager owns through one kind of
 * operation (and subresource), as of its last write that changed anything.
 */
public record ManagedFieldsEntry(String manager, String operation, String apiVersion, String time,
                                 String subresource, FieldSet fields) {

    public static final String APPLY = "Apply";
    public static final String UPDATE = "Update";
    private static final Set<String> KNOWN = Set.of("manager", "operation", "apiVersion", "time", "subresource",
            "fieldsType", "fieldsV1");

    /** Whether this entry is the one {@code manager} writes through {@code operation} on {@code subresource}. */
    boolean isFor(String manager, String operation, String subresource) {
        return this.manager.equals(manager) && this.operation.equals(operation) && this.subresource.equals(subresource);
    }

    ManagedFieldsEntry withFields(FieldSet fields) {
        return new ManagedFieldsEntry(manager, operation, apiVersion, time, subresource, fields);
    }

    ObjectNode toJson() {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("manager", manager);
        node.put("operation", operation);
        node.put("apiVersion", apiVersion);
        node.put("time", time);
        node.put("fieldsType", "FieldsV1");
        node.set("fieldsV1", fields.toFieldsV1());
        if (!subresource.isEmpty()) {
            node.put("subresource", subresource);
        }
        return node;
    }

    public static ArrayNode encode(List<ManagedFieldsEntry> entries) {
        ArrayNode array = JsonNodeFactory.instance.arrayNode();
        entries.forEach(e -> array.add(e.toJson()));
        return array;
    }

    /**
     * Reads {@code metadata.managedFields}; null, missing or {@code []} is none, and the single
     * empty entry {@code [{}]} too (how a client clears them). What is not an entry is refused with
     * the field and the reason, as Kubernetes validates them.
     */
    public static List<ManagedFieldsEntry> decode(JsonNode array) {
        List<ManagedFieldsEntry> entries = new ArrayList<>();
        if (array == null || array.isNull() || (array.size() == 1 && array.get(0).isObject() && array.get(0).isEmpty())) {
            return entries;
        }
        if (!array.isArray()) {
            throw new InvalidManagedFields("metadata.managedFields", "must be a list of entries");
        }
        for (int i = 0; i < array.size(); i++) {
            String at = "metadata.managedFields[" + i + "]";
            JsonNode e = array.get(i);
            if (!e.isObject()) {
                throw new InvalidManagedFields(at, "must be an object");
            }
            for (String name : e.propertyNames()) {
                if (!KNOWN.contains(name)) {
                    throw new InvalidManagedFields(at + "." + name, "unknown field");
                }
            }
            String operation = e.path("operation").asString("");
            if (!operation.equals(APPLY) && !operation.equals(UPDATE)) {
                throw new InvalidManagedFields(at + ".operation", "Unsupported value: \"" + operation
                        + "\": supported values: \"Apply\", \"Update\"");
            }
            String fieldsType = e.path("fieldsType").asString("");
            if (!fieldsType.equals("FieldsV1")) {
                throw new InvalidManagedFields(at + ".fieldsType", "Unsupported value: \"" + fieldsType
                        + "\": supported values: \"FieldsV1\"");
            }
            FieldSet fields;
            try {
                fields = FieldSet.fromFieldsV1(e.path("fieldsV1").isMissingNode()
                        ? JsonNodeFactory.instance.objectNode() : e.get("fieldsV1"));
            } catch (IllegalArgumentException bad) {
                throw new InvalidManagedFields(at + ".fieldsV1", bad.getMessage());
            }
            entries.add(new ManagedFieldsEntry(e.path("manager").asString(""), operation,
                    e.path("apiVersion").asString(""), e.path("time").asString(""),
                    e.path("subresource").asString(""), fields));
        }
        return entries;
    }

    /** {@code metadata.managedFields} that are not entries; {@code field} names the part that is wrong. */
    public static final class InvalidManagedFields extends RuntimeException {

        private final String field;

        InvalidManagedFields(String field, String reason) {
            super(reason);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
