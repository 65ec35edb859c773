package io.kubelite.machinery.table;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * kube-apiserver's Table for custom resources (apiextensions-apiserver's
 * {@code customresource/tableconvertor}): {@code NAME}, then the CRD version's
 * {@code additionalPrinterColumns} in order, priorities kept so that {@code -o wide} shows
 * those above 0. A version that declares no columns gets {@code Age}, a {@code date} column
 * on {@code .metadata.creationTimestamp}, as kube-apiserver serves it.
 *
 * <p>Each cell is the first value the column's path matches (further matches are ignored,
 * as in kube-apiserver), typed by the column:
 * <ul>
 *   <li>{@code string}: a {@link String} as client-go's JSONPath prints it, see {@link JsonPathText};
 *   <li>{@code integer}: a {@link Long}, fractions truncated;
 *   <li>{@code number}: a {@link Double};
 *   <li>{@code boolean}: a {@link Boolean};
 *   <li>{@code date}: the age of an RFC 3339 timestamp ({@code 5m}, {@code 2d3h}), {@code <unknown>} for
 *       an empty string, {@code <invalid>} for anything else.
 * </ul>
 * The cell is null, which kubectl prints as {@code <none>}, when nothing matches, when the path
 * fails to evaluate, or when the value has the wrong JSON type for the column (a string in an
 * {@code integer} column, a {@code null} anywhere but a {@code string} column).
 */
public final class CustomResourcePrinter implements TablePrinter {

    private static final String DEFAULT_DESCRIPTION = "Custom resource definition column (in JSONPath format): ";

    /** Go's {@code time.RFC3339} as {@code metav1.Time} parses it: seconds required, fraction optional. */
    private static final DateTimeFormatter RFC3339 = new DateTimeFormatterBuilder()
            .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
            .optionalStart().appendFraction(ChronoField.NANO_OF_SECOND, 1, 9, true).optionalEnd()
            .appendOffset("+HH:MM", "Z")
            .toFormatter()
            .withResolverStyle(ResolverStyle.STRICT);

    private final List<Column> columns;
    private final List<String> types;
    private final List<JsonPath> paths;

    private CustomResourcePrinter(List<Column> columns, List<String> types, List<JsonPath> paths) {
        this.columns = List.copyOf(columns);
        this.types = List.copyOf(types);
        this.paths = List.copyOf(paths);
    }

    /**
     * The printer for a CRD version declaring {@code columns} (empty: the default Age column).
     *
     * @throws IllegalArgumentException naming the first column whose name is empty or whose
     *     path does not parse, e.g. {@code additionalPrinterColumns[1] "Ready": unrecognized
     *     column definition ".status[": invalid JSONPath ".status[": unterminated array at offset 7}
     */
    public static CustomResourcePrinter of(List<PrinterColumn> columns) {
        return build(columns, true);
    }

    /**
     * What kube-apiserver serves when a column is invalid: it logs the error and keeps
     * {@code NAME} and the columns before the invalid one. Equal to {@link #of(List)} when all
     * columns are valid.
     */
    public static CustomResourcePrinter lenient(List<PrinterColumn> columns) {
        return build(columns, false);
    }

    private static CustomResourcePrinter build(List<PrinterColumn> declared, boolean strict) {
        List<PrinterColumn> served = declared.isEmpty() ? List.of(PrinterColumn.AGE) : declared;
        List<Column> columns = new ArrayList<>(List.of(Columns.NAME));
        List<String> types = new ArrayList<>();
        List<JsonPath> paths = new ArrayList<>();
        for (int i = 0; i < served.size(); i++) {
            PrinterColumn column = served.get(i);
            JsonPath path;
            Column header;
            try {
                path = parse(column);
                header = new Column(column.name(), column.type(), column.format(), column.description().isEmpty()
                        ? DEFAULT_DESCRIPTION + column.jsonPath() : column.description(), column.priority());
            } catch (IllegalArgumentException e) {
                if (strict) {
                    throw new IllegalArgumentException("additionalPrinterColumns[" + i + "] \"" + column.name()
                            + "\": " + e.getMessage(), e);
                }
                break;
            }
            paths.add(path);
            columns.add(header);
            types.add(column.type());
        }
        return new CustomResourcePrinter(columns, types, paths);
    }

    private static JsonPath parse(PrinterColumn column) {
        try {
            return JsonPath.parse(column.jsonPath());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "unrecognized column definition \"" + column.jsonPath() + "\": " + e.getMessage(), e);
        }
    }

    @Override
    public List<Column> columns() {
        return columns;
    }

    @Override
    public List<Object> cells(JsonNode object, Instant now) {
        List<Object> row = new ArrayList<>(columns.size());
        row.add(Fields.name(object));
        for (int i = 0; i < paths.size(); i++) {
            row.add(cell(types.get(i), paths.get(i), object, now));
        }
        return Collections.unmodifiableList(row);
    }

    private static Object cell(String type, JsonPath path, JsonNode object, Instant now) {
        List<JsonNode> matches;
        try {
            matches = path.evaluate(object);
        } catch (JsonPath.EvaluationException e) {
            return null;
        }
        if (matches.isEmpty()) {
            return null;
        }
        JsonNode value = matches.get(0);
        if (type.equals("string")) {
            return JsonPathText.print(value);
        }
        return switch (type) {
            case "integer" -> value.isNumber() ? integer(value) : null;
            case "number" -> value.isNumber() ? (Object) value.doubleValue() : null;
            case "boolean" -> value.isBoolean() ? (Object) value.booleanValue() : null;
            case "date" -> value.isString() ? age(value.stringValue(), now) : null;
            default -> null;
        };
    }

    /** Go's {@code int64(float64)} for fractions: 2.9 is 2, -2.9 is -2. */
    private static Long integer(JsonNode value) {
        return value.isIntegralNumber() && value.canConvertToLong() ? value.longValue() : (long) value.doubleValue();
    }

    /** {@code metav1.Time.UnmarshalQueryParameter}, then {@code ConvertToHumanReadableDateType}. */
    private static String age(String timestamp, Instant now) {
        if (timestamp.isEmpty() || timestamp.equals("null")) {
            return "<unknown>";
        }
        try {
            return Durations.human(Duration.between(OffsetDateTime.parse(timestamp, RFC3339).toInstant(), now));
        } catch (DateTimeParseException e) {
            return "<invalid>";
        }
    }
}
