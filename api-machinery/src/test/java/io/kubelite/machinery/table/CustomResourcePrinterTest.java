package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class CustomResourcePrinterTest {

    /** The CronTab of the Kubernetes CRD walkthrough, with a column of each type. */
    private static final List<PrinterColumn> CRON_TAB_COLUMNS = List.of(
            new PrinterColumn("Spec", "string", "", "", 0, ".spec.cronSpec"),
            new PrinterColumn("Replicas", "integer", "int32", "Desired replicas", 0, ".spec.replicas"),
            new PrinterColumn("Ratio", "number", "", "", 0, ".spec.ratio"),
            new PrinterColumn("Suspended", "boolean", "", "", 0, ".spec.suspend"),
            new PrinterColumn("Ready", "string", "", "", 0, ".status.conditions[?(@.type==\"Ready\")].status"),
            new PrinterColumn("Image", "string", "", "The image", 1, ".spec.image"),
            new PrinterColumn("Age", "date", "", "", 0, ".metadata.creationTimestamp"));

    @Test
    void putsNameFirstThenTheDeclaredColumnsInOrder() {
        List<Column> columns = CustomResourcePrinter.of(CRON_TAB_COLUMNS).columns();

        assertThat(columns.get(0)).isEqualTo(Columns.NAME);
        assertThat(columns).extracting(Column::name)
                .containsExactly("Name", "Spec", "Replicas", "Ratio", "Suspended", "Ready", "Image", "Age");
        assertThat(columns).extracting(Column::type)
                .containsExactly("string", "string", "integer", "number", "boolean", "string", "string", "date");
        assertThat(columns.get(2).format()).isEqualTo("int32");
        assertThat(columns.get(2).description()).isEqualTo("Desired replicas");
        assertThat(columns.get(1).description())
                .isEqualTo("Custom resource definition column (in JSONPath format): .spec.cronSpec");
    }

    @Test
    void keepsPrioritiesSoWideOutputShowsTheRest() {
        List<Column> columns = CustomResourcePrinter.of(CRON_TAB_COLUMNS).columns();

        assertThat(columns).filteredOn(c -> c.priority() == 0).extracting(Column::name)
                .containsExactly("Name", "Spec", "Replicas", "Ratio", "Suspended", "Ready", "Age");
        assertThat(columns).filteredOn(c -> c.priority() > 0).extracting(Column::name).containsExactly("Image");
    }

    @Test
    void typesEachCellByItsColumn() {
        JsonNode cronTab = json("""
                {"apiVersion":"stable.example.com/v1","kind":"CronTab",
                 "metadata":{"name":"my-new-cron-object","creationTimestamp":"%s"},
                 "spec":{"cronSpec":"* * * * */5","replicas":3,"ratio":0.5,"suspend":true,
                         "image":"my-awesome-cron-image"},
                 "status":{"conditions":[{"type":"Scheduled","status":"True"},{"type":"Ready","status":"False"}]}}
                """.formatted(ago(300)));

        assertThat(CustomResourcePrinter.of(CRON_TAB_COLUMNS).cells(cronTab, NOW)).containsExactly(
                "my-new-cron-object", "* * * * */5", 3L, 0.5, true, "False", "my-awesome-cron-image", "5m");
    }

    @Test
    void leavesCellsEmptyWhenNothingMatches() {
        JsonNode cronTab = json("{\"metadata\":{\"name\":\"bare\"}}");

        assertThat(CustomResourcePrinter.of(CRON_TAB_COLUMNS).cells(cronTab, NOW))
                .containsExactly("bare", null, null, null, null, null, null, null);
    }

    static Stream<Arguments> cells() {
        return Stream.of(
                Arguments.of("an integer from a float, truncated", "integer", "2.9", 2L),
                Arguments.of("an integer from a string", "integer", "\"3\"", null),
                Arguments.of("a number from an integer", "number", "3", 3.0),
                Arguments.of("a number from a string", "number", "\"0.5\"", null),
                Arguments.of("a boolean from a string", "boolean", "\"true\"", null),
                Arguments.of("a null integer", "integer", "null", null),
                Arguments.of("a string", "string", "\"Running\"", "Running"),
                Arguments.of("a string from an integer", "string", "42", "42"),
                Arguments.of("a string from a boolean", "string", "false", "false"),
                Arguments.of("a string from a float", "string", "2.5", "2.5"),
                Arguments.of("a string from a large float", "string", "1500000.0", "1.5e+06"),
                Arguments.of("a string from a small float", "string", "0.00001", "1e-05"),
                Arguments.of("a string from null", "string", "null", "<no value>"),
                Arguments.of("a string from an object, keys sorted", "string",
                        "{\"b\":1.5,\"a\":[true,\"x<y\"],\"c\":1e21}", "{\"a\":[true,\"x\\u003cy\"],\"b\":1.5,\"c\":1e+21}"),
                Arguments.of("a string from an array", "string", "[1,\"two\",null]", "[1,\"two\",null]"),
                Arguments.of("a date 51 hours ago", "date", "\"" + ago(51 * 3600) + "\"", "2d3h"),
                Arguments.of("a date with a fraction and an offset", "date", "\"2025-06-01T13:59:30.5+02:00\"", "29s"),
                Arguments.of("an empty date", "date", "\"\"", "<unknown>"),
                Arguments.of("a date that is no timestamp", "date", "\"yesterday\"", "<invalid>"),
                Arguments.of("a date without seconds", "date", "\"2025-06-01T11:00Z\"", "<invalid>"),
                Arguments.of("a date from a number", "date", "1717243200", null),
                Arguments.of("an unknown column type", "object", "{\"a\":1}", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cells")
    void convertsValuesAsKubeApiserverDoes(String name, String type, String value, Object cell) {
        CustomResourcePrinter printer = CustomResourcePrinter.of(
                List.of(new PrinterColumn("Value", type, "", "", 0, ".spec.value")));
        JsonNode object = json("{\"metadata\":{\"name\":\"o\"},\"spec\":{\"value\":" + value + "}}");

        assertThat(printer.cells(object, NOW)).containsExactly("o", cell);
    }

    @Test
    void showsOnlyTheFirstOfSeveralMatches() {
        CustomResourcePrinter printer = CustomResourcePrinter.of(List.of(
                new PrinterColumn("Hosts", "string", "", "", 0, ".spec.rules[*].host")));
        JsonNode ingressLike = json("""
                {"metadata":{"name":"site"},"spec":{"rules":[{"host":"a.example.com"},{"host":"b.example.com"}]}}
                """);

        assertThat(printer.cells(ingressLike, NOW)).containsExactly("site", "a.example.com");
    }

    @Test
    void leavesACellEmptyWhenItsPathFailsToEvaluate() {
        CustomResourcePrinter printer = CustomResourcePrinter.of(List.of(
                new PrinterColumn("Second", "string", "", "", 0, ".spec.rules[1].host")));
        JsonNode object = json("{\"metadata\":{\"name\":\"one-rule\"},\"spec\":{\"rules\":[{\"host\":\"a\"}]}}");

        assertThat(printer.cells(object, NOW)).containsExactly("one-rule", null);
    }

    @Test
    void servesAnAgeColumnWhenTheVersionDeclaresNone() {
        CustomResourcePrinter printer = CustomResourcePrinter.of(List.of());
        JsonNode widget = json("""
                {"metadata":{"name":"gizmo","creationTimestamp":"%s"}}
                """.formatted(ago(51 * 3600)));

        assertThat(printer.columns()).containsExactly(
                Columns.NAME, new Column("Age", "date", "", Columns.CREATION_TIMESTAMP_DOC, 0));
        assertThat(printer.columns()).isEqualTo(TablePrinters.forResource("example.com", "widgets").columns());
        assertThat(printer.cells(widget, NOW)).containsExactly("gizmo", "2d3h");
    }

    @Test
    void rejectsAColumnWhosePathDoesNotParse() {
        List<PrinterColumn> columns = List.of(
                new PrinterColumn("Spec", "string", "", "", 0, ".spec.cronSpec"),
                new PrinterColumn("Broken", "string", "", "", 0, ".spec.items[0"),
                new PrinterColumn("Image", "string", "", "", 0, ".spec.image"));

        assertThatThrownBy(() -> CustomResourcePrinter.of(columns))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("additionalPrinterColumns[1] \"Broken\": unrecognized column definition \".spec.items[0\": "
                        + "invalid JSONPath \".spec.items[0\": unterminated array at offset 11");
        assertThat(CustomResourcePrinter.lenient(columns).columns()).extracting(Column::name)
                .containsExactly("Name", "Spec");
        assertThat(CustomResourcePrinter.lenient(columns).cells(json("{\"metadata\":{\"name\":\"c\"}}"), NOW))
                .containsExactly("c", null);
    }

    @Test
    void readsColumnsFromACrdVersion() {
        JsonNode version = json("""
                {"name":"v1","served":true,"storage":true,
                 "additionalPrinterColumns":[
                   {"name":"Replicas","type":"integer","format":"int32","jsonPath":".spec.replicas","priority":1},
                   {"name":"Phase","type":"string","description":"Lifecycle phase","jsonPath":".status.phase"}]}
                """);

        List<PrinterColumn> columns = version.path("additionalPrinterColumns").valueStream()
                .map(PrinterColumn::fromJson).toList();

        assertThat(columns).containsExactly(
                new PrinterColumn("Replicas", "integer", "int32", "", 1, ".spec.replicas"),
                new PrinterColumn("Phase", "string", "", "Lifecycle phase", 0, ".status.phase"));
    }

    @Test
    void printsCrdsWithTheirCreationTime() {
        TablePrinter printer = TablePrinters.forResource("apiextensions.k8s.io", "customresourcedefinitions");
        JsonNode crd = json("""
                {"apiVersion":"apiextensions.k8s.io/v1","kind":"CustomResourceDefinition",
                 "metadata":{"name":"crontabs.stable.example.com","creationTimestamp":"%s"}}
                """.formatted(ago(86400)));

        assertThat(printer.columns()).extracting(Column::name).containsExactly("Name", "Created At");
        assertThat(printer.cells(crd, NOW)).containsExactly("crontabs.stable.example.com", "2025-05-31T12:00:00Z");
    }
}
