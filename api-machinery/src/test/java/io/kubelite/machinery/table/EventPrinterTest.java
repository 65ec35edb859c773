package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class EventPrinterTest {

    private final TablePrinter printer = new EventPrinter();

    @Test
    void hasTheServerSideEventColumns() {
        assertThat(printer.columns()).extracting(Column::name).containsExactly("Last Seen", "Type", "Reason",
                "Object", "Subobject", "Source", "Message", "First Seen", "Count", "Name");
        assertThat(printer.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 0, 1, 1, 0, 1, 1, 1);
        assertThat(printer.columns().get(9).format()).isEqualTo("name");
    }

    @Test
    void printsARepeatedKubeletEvent() {
        JsonNode event = json("""
                {"apiVersion":"v1","kind":"Event",
                 "metadata":{"name":"web-1.17f0a2b3c4d5e6f7","namespace":"default","creationTimestamp":"%s"},
                 "involvedObject":{"kind":"Pod","namespace":"default","name":"web-1",
                   "fieldPath":"spec.containers{web}"},
                 "reason":"BackOff","message":"Back-off restarting failed container web\\n","type":"Warning",
                 "source":{"component":"kubelet","host":"node-1"},
                 "firstTimestamp":"%s","lastTimestamp":"%s","count":7}
                """.formatted(ago(3600), ago(3600), ago(45)));

        assertThat(printer.cells(event, NOW)).containsExactly("45s", "Warning", "BackOff", "pod/web-1",
                "spec.containers{web}", "kubelet, node-1", "Back-off restarting failed container web", "60m", 7L,
                "web-1.17f0a2b3c4d5e6f7");
    }

    @Test
    void fallsBackToEventTimeAndReportingControllerForNewStyleEvents() {
        JsonNode event = json("""
                {"metadata":{"name":"node-1.abc"},
                 "involvedObject":{"kind":"Node","name":"node-1"},
                 "reason":"RegisteredNode","message":"Node node-1 event: Registered","type":"Normal",
                 "eventTime":"%s","reportingComponent":"node-controller","reportingInstance":""}
                """.formatted(TestObjects.NOW.minusMillis(90_500)));

        assertThat(printer.cells(event, NOW)).containsExactly("90s", "Normal", "RegisteredNode", "node/node-1",
                "", "node-controller", "Node node-1 event: Registered", "90s", 1L, "node-1.abc");
    }

    @Test
    void printsTheLastObservationOfASeries() {
        JsonNode event = json("""
                {"metadata":{"name":"e"},"involvedObject":{"kind":"Deployment"},
                 "firstTimestamp":"%s","lastTimestamp":"%s","count":2,
                 "series":{"count":12,"lastObservedTime":"%s"}}
                """.formatted(ago(600), ago(500), ago(10)));

        assertThat(printer.cells(event, NOW)).containsExactly("10s", "", "", "deployment", "", "", "", "10m",
                12L, "e");
    }
}
