package io.kubelite.machinery.table;

import tools.jackson.databind.JsonNode;

/**
 * One {@code additionalPrinterColumns} entry of a CRD version
 * ({@code apiextensions.k8s.io/v1 CustomResourceColumnDefinition}).
 *
 * @param name header text, e.g. {@code Ready}
 * @param type {@code integer}, {@code number}, {@code boolean}, {@code string} or {@code date}
 * @param format OpenAPI format, shown to clients as is; empty when unset
 * @param description empty when unset; kube-apiserver then describes the column by its path
 * @param priority 0 for columns always shown, greater for columns shown only by {@code -o wide}
 * @param jsonPath where the value is, e.g. {@code .status.conditions[?(@.type=="Ready")].status}
 */
public record PrinterColumn(String name, String type, String format, String description, int priority,
        String jsonPath) {

    /** The column kube-apiserver serves for a CRD version that declares none. */
    static final PrinterColumn AGE = new PrinterColumn(
            "Age", "date", "", Columns.CREATION_TIMESTAMP_DOC, 0, ".metadata.creationTimestamp");

    public PrinterColumn {
        type = type == null ? "" : type;
        format = format == null ? "" : format;
        description = description == null ? "" : description;
        jsonPath = jsonPath == null ? "" : jsonPath;
    }

    /** Reads a {@code CustomResourceColumnDefinition}; absent fields are empty or 0. */
    public static PrinterColumn fromJson(JsonNode column) {
        return new PrinterColumn(
                Fields.text(column, "name"),
                Fields.text(column, "type"),
                Fields.text(column, "format"),
                Fields.text(column, "description"),
                (int) Fields.integer(column, "priority"),
                Fields.text(column, "jsonPath"));
    }
}
