package io.kubelite.objectstore.conversion;

import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/** events.k8s.io/v1 ↔ core/v1 Events, field by field, as kube's conversion has them. */
class EventConversionTest {

    static final JsonMapper JSON = JsonMapper.builder().build();
    static final ResourceRegistry REGISTRY = new ResourceRegistry();
    static final ResourceType EVENTS_V1 = REGISTRY.find("events.k8s.io", "v1", "events").orElseThrow();
    static final VersionConverter CONVERTER = new VersionConverter(REGISTRY, null);

    /** An old-style event a kubelet wrote through core/v1, every field set. */
    static final String CORE = """
            {"kind":"Event","apiVersion":"v1",
             "metadata":{"name":"web.17a","namespace":"default","uid":"e-1","resourceVersion":"12"},
             "involvedObject":{"kind":"Pod","namespace":"default","name":"web","uid":"p-1","apiVersion":"v1",
                               "resourceVersion":"7","fieldPath":"spec.containers{app}"},
             "reason":"BackOff","message":"Back-off restarting failed container",
             "source":{"component":"kubelet","host":"node-1"},
             "firstTimestamp":"2024-05-01T10:00:00Z","lastTimestamp":"2024-05-01T10:05:00Z","count":5,"type":"Warning",
             "eventTime":"2024-05-01T10:00:00.000000Z",
             "series":{"count":5,"lastObservedTime":"2024-05-01T10:05:00.000000Z"},
             "action":"Restarting","related":{"kind":"Node","name":"node-1"},
             "reportingComponent":"kubelet","reportingInstance":"node-1"}""";

    /** The same event as events.k8s.io/v1 serves it. */
    static final String EVENTS = """
            {"kind":"Event","apiVersion":"events.k8s.io/v1",
             "metadata":{"name":"web.17a","namespace":"default","uid":"e-1","resourceVersion":"12"},
             "regarding":{"kind":"Pod","namespace":"default","name":"web","uid":"p-1","apiVersion":"v1",
                          "resourceVersion":"7","fieldPath":"spec.containers{app}"},
             "reason":"BackOff","note":"Back-off restarting failed container",
             "deprecatedSource":{"component":"kubelet","host":"node-1"},
             "deprecatedFirstTimestamp":"2024-05-01T10:00:00Z","deprecatedLastTimestamp":"2024-05-01T10:05:00Z",
             "deprecatedCount":5,"type":"Warning",
             "eventTime":"2024-05-01T10:00:00.000000Z",
             "series":{"count":5,"lastObservedTime":"2024-05-01T10:05:00.000000Z"},
             "action":"Restarting","related":{"kind":"Node","name":"node-1"},
             "reportingController":"kubelet","reportingInstance":"node-1"}""";

    static ObjectNode read(String json) {
        return (ObjectNode) JSON.readTree(json);
    }

    @Test
    void aStoredCoreEventIsServedWithTheEventsNames() {
        ObjectNode stored = read(CORE);
        assertThat(CONVERTER.fromStorage(EVENTS_V1, stored)).isEqualTo(read(EVENTS));
        assertThat(stored).as("the stored body is left as it was").isEqualTo(read(CORE));
    }

    @Test
    void anEventsApiEventIsStoredWithTheCoreNames() {
        assertThat(CONVERTER.toStorage(EVENTS_V1, read(EVENTS))).isEqualTo(read(CORE));
    }

    @ParameterizedTest(name = "{0} ↔ {1}")
    @CsvSource(textBlock = """
            regarding,                involvedObject
            note,                     message
            reportingController,      reportingComponent
            deprecatedSource,         source
            deprecatedFirstTimestamp, firstTimestamp
            deprecatedLastTimestamp,  lastTimestamp
            deprecatedCount,          count
            eventTime,                eventTime
            series,                   series
            reportingInstance,        reportingInstance
            action,                   action
            reason,                   reason
            related,                  related
            type,                     type
            metadata,                 metadata
            """)
    void eachFieldHasItsCounterpart(String eventsField, String coreField) {
        ObjectNode events = read(EVENTS);
        ObjectNode core = CONVERTER.toStorage(EVENTS_V1, read(EVENTS));
        assertThat(core.get(coreField)).as(coreField).isEqualTo(events.get(eventsField));
        assertThat(CONVERTER.fromStorage(EVENTS_V1, core).get(eventsField)).as(eventsField).isEqualTo(events.get(eventsField));
    }

    @Test
    void keepsTheFieldsInTheirOrderAndLeavesOutWhatIsAbsent() {
        ObjectNode served = CONVERTER.fromStorage(EVENTS_V1, read("""
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"a"},"involvedObject":{"kind":"Node","name":"n1"},
                 "reason":"Starting","message":"Starting kubelet."}"""));
        assertThat(served.propertyNames()).containsExactly("apiVersion", "kind", "metadata", "regarding", "reason", "note");
        assertThat(served.path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
    }
}
