package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class TableBuilderTest {

    private static final String CREATED = ago(300);

    private final JsonNode configMap = json("""
            {"apiVersion":"v1","kind":"ConfigMap",
             "metadata":{"name":"cm-appvars","namespace":"default","uid":"5f1c","resourceVersion":"115",
               "creationTimestamp":"%s","labels":{"app":"myweb"}},
             "data":{"apploglevel":"info"}}
            """.formatted(CREATED));

    @Test
    void buildsTheTableKubectlPrints() {
        ObjectNode table = TableBuilder.build(List.of(configMap), BasicPrinters.configMaps(), "117", "", NOW);

        // Compared as text: the cell 1 is a long here and an int when parsed, and kubectl sees the text.
        assertThat(table.toString()).isEqualTo(json("""
                {"kind":"Table","apiVersion":"meta.k8s.io/v1","metadata":{"resourceVersion":"117"},
                 "columnDefinitions":[
                   {"name":"Name","type":"string","format":"name","description":"%s","priority":0},
                   {"name":"Data","type":"string","format":"","description":"Data contains the configuration data.",
                    "priority":0},
                   {"name":"Age","type":"string","format":"","description":"%s","priority":0}],
                 "rows":[{"cells":["cm-appvars",1,"5m"],
                   "object":{"kind":"PartialObjectMetadata","apiVersion":"meta.k8s.io/v1",
                     "metadata":{"name":"cm-appvars","namespace":"default","uid":"5f1c","resourceVersion":"115",
                       "creationTimestamp":"%s","labels":{"app":"myweb"}}}}]}
                """.formatted(Columns.NAME.description(), Columns.CREATION_TIMESTAMP_DOC.replace("\n", "\\n"),
                CREATED)).toString());
    }

    @Test
    void carriesTheContinueTokenOnlyWhenThereIsAnotherPage() {
        ObjectNode lastPage = TableBuilder.build(List.of(), BasicPrinters.configMaps(), "117", null, NOW);
        ObjectNode firstPage = TableBuilder.build(List.of(configMap), BasicPrinters.configMaps(), "117", "eyJ2Ijoi", NOW);

        assertThat(lastPage.path("metadata").has("continue")).isFalse();
        assertThat(lastPage.path("rows").isArray()).isTrue();
        assertThat(lastPage.path("rows").size()).isZero();
        assertThat(firstPage.path("metadata").path("continue").asString()).isEqualTo("eyJ2Ijoi");
    }

    @Test
    void keepsWideColumnsWithTheirPriorityAndCellsInColumnOrder() {
        JsonNode pod = json("""
                {"metadata":{"name":"web","namespace":"prod","creationTimestamp":"%s"},
                 "spec":{"nodeName":"node-1","containers":[{"name":"web"}]},
                 "status":{"phase":"Running","podIPs":[{"ip":"10.244.0.5"}],
                   "containerStatuses":[{"name":"web","ready":true,"state":{"running":{}}}]}}
                """.formatted(CREATED));

        ObjectNode table = TableBuilder.build(List.of(pod), TablePrinters.forResource("", "pods"), "9", "", NOW);

        JsonNode ipColumn = table.path("columnDefinitions").get(5);
        assertThat(ipColumn.path("name").asString()).isEqualTo("IP");
        assertThat(ipColumn.path("priority").asInt()).isEqualTo(1);
        assertThat(table.path("rows").get(0).path("cells")).isEqualTo(
                json("[\"web\",\"1/1\",\"Running\",\"0\",\"5m\",\"10.244.0.5\",\"node-1\",\"<none>\",\"<none>\"]"));
        assertThat(table.path("rows").get(0).path("object").path("metadata").path("namespace").asString())
                .isEqualTo("prod");
    }

    @Test
    void doesNotShareMetadataWithTheStoredObject() {
        ObjectNode table = TableBuilder.build(List.of(configMap), BasicPrinters.configMaps(), "117", "", NOW);

        ((ObjectNode) table.path("rows").get(0).path("object").path("metadata")).put("name", "changed");

        assertThat(configMap.path("metadata").path("name").asString()).isEqualTo("cm-appvars");
    }

    /** kubectl's --sort-by asks for includeObject=Object and sorts the rows by fields of the whole object. */
    @Test
    void rowsCarryTheWholeObjectTheMetadataOrNothingAsAsked() {
        ObjectNode whole = TableBuilder.build(List.of(configMap), BasicPrinters.configMaps(), "117", "", NOW,
                TableBuilder.IncludeObject.of("Object"));
        assertThat(whole.path("rows").get(0).path("object")).isEqualTo(configMap);
        assertThat(whole.path("rows").get(0).path("object")).isNotSameAs(configMap);

        ObjectNode metadata = TableBuilder.build(List.of(configMap), BasicPrinters.configMaps(), "117", "", NOW,
                TableBuilder.IncludeObject.of(null));
        assertThat(metadata.path("rows").get(0).path("object").path("kind").asString()).isEqualTo("PartialObjectMetadata");
        assertThat(metadata.path("rows").get(0).path("object").has("data")).isFalse();
        assertThat(TableBuilder.IncludeObject.of("Metadata")).isEqualTo(TableBuilder.IncludeObject.METADATA);

        ObjectNode none = TableBuilder.build(List.of(configMap), BasicPrinters.configMaps(), "117", "", NOW,
                TableBuilder.IncludeObject.of("None"));
        assertThat(none.path("rows").get(0).has("object")).isFalse();
        assertThat(none.path("rows").get(0).path("cells").size()).isEqualTo(3);
    }

    @Test
    void anUnknownIncludeObjectIsNamedWithTheValuesAllowed() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> TableBuilder.IncludeObject.of("object"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("includeObject: Invalid value: \"object\": must be 'Metadata', 'Object', 'None', or empty");
    }
}
