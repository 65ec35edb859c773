package io.kubelite.objectstore.resource;

import io.kubelite.machinery.schema.StructuralSchema;
import io.kubelite.objectstore.crd.ValidationRules;
import io.kubelite.machinery.table.CustomResourcePrinter;
import io.kubelite.machinery.table.PrinterColumn;
import io.kubelite.machinery.table.TablePrinter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

import java.util.List;

/**
 * One served version of a CustomResourceDefinition, as the API server serves it.
 *
 * @param type          the REST resource ({@link ResourceType#isCustom() custom}), stored in the
 *                      definition's storage version
 * @param schema        {@code schema.openAPIV3Schema} of this version (null: none)
 * @param printerColumns {@code additionalPrinterColumns} of this version (empty: NAME and AGE)
 * @param scale         {@code subresources.scale} of this version (null: no scale subresource)
 * @param listKind      {@code spec.names.listKind}
 * @param definition    the definition's name, e.g. {@code crontabs.stable.example.com}
 * @param printer       kubectl's columns for this version
 * @param structural    {@code schema}, read for pruning, defaulting and validation (null: no schema)
 * @param rules         the schema's {@code x-kubernetes-validations}, compiled
 * @param conversion    the definition's {@code spec.conversion} (null: None)
 */
public record CustomResourceVersion(ResourceType type, JsonNode schema, List<JsonNode> printerColumns, JsonNode scale,
                                    String listKind, String definition, TablePrinter printer, StructuralSchema structural,
                                    ValidationRules rules, JsonNode conversion) {

    private static final Logger log = LoggerFactory.getLogger(CustomResourceVersion.class);

    public CustomResourceVersion {
        printerColumns = List.copyOf(printerColumns);
    }

    public CustomResourceVersion(ResourceType type, JsonNode schema, List<JsonNode> printerColumns, JsonNode scale,
                                 String listKind, String definition, JsonNode conversion) {
        this(type, schema, printerColumns, scale, listKind, definition, printer(definition, printerColumns),
                schema == null || !schema.isObject() ? null : StructuralSchema.of(schema), ValidationRules.of(schema),
                conversion);
    }

    public CustomResourceVersion(ResourceType type, JsonNode schema, List<JsonNode> printerColumns, JsonNode scale,
                                 String listKind, String definition) {
        this(type, schema, printerColumns, scale, listKind, definition, null);
    }

    /**
     * kubectl's columns for this version: NAME and the definition's columns (or AGE without any); a
     * column whose JSONPath does not parse ends the list there, as in kube-apiserver.
     */
    private static TablePrinter printer(String definition, List<JsonNode> printerColumns) {
        List<PrinterColumn> columns = printerColumns.stream().map(PrinterColumn::fromJson).toList();
        try {
            return CustomResourcePrinter.of(columns);
        } catch (IllegalArgumentException e) {
            log.warn("printer columns of {}: {}", definition, e.getMessage());
            return CustomResourcePrinter.lenient(columns);
        }
    }
}
