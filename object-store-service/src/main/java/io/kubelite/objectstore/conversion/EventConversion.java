package io.kubelite.objectstore.conversion;

import tools.jackson.databind.node.ObjectNode;

import java.util.Map;

/**
 * {@code events.k8s.io/v1} Events ↔ core {@code v1} Events, the one storage both groups read and
 * write (kube's {@code Convert_v1_Event_To_core_Event} and back). The two differ in names only:
 *
 * <pre>
 * events.k8s.io/v1           core/v1
 * regarding                  involvedObject
 * note                       message
 * reportingController        reportingComponent
 * deprecatedSource           source
 * deprecatedFirstTimestamp   firstTimestamp
 * deprecatedLastTimestamp    lastTimestamp
 * deprecatedCount            count
 * </pre>
 *
 * and share the rest: metadata, {@code eventTime}, {@code series} (count, lastObservedTime),
 * {@code reportingInstance}, {@code action}, {@code reason}, {@code related}, {@code type}. Fields
 * keep their order; {@code apiVersion} is the caller's.
 */
final class EventConversion {

    private static final Map<String, String> TO_CORE = Map.of(
            "regarding", "involvedObject",
            "note", "message",
            "reportingController", "reportingComponent",
            "deprecatedSource", "source",
            "deprecatedFirstTimestamp", "firstTimestamp",
            "deprecatedLastTimestamp", "lastTimestamp",
            "deprecatedCount", "count");

    private static final Map<String, String> TO_EVENTS_V1 = Map.of(
            "involvedObject", "regarding",
            "message", "note",
            "reportingComponent", "reportingController",
            "source", "deprecatedSource",
            "firstTimestamp", "deprecatedFirstTimestamp",
            "lastTimestamp", "deprecatedLastTimestamp",
            "count", "deprecatedCount");

    private EventConversion() {
    }

    /** An events.k8s.io/v1 Event as core/v1 has it (in place). */
    static ObjectNode toCore(ObjectNode event) {
        return rename(event, TO_CORE);
    }

    /** A core/v1 Event as events.k8s.io/v1 has it (in place). */
    static ObjectNode toEventsV1(ObjectNode event) {
        return rename(event, TO_EVENTS_V1);
    }

    private static ObjectNode rename(ObjectNode event, Map<String, String> names) {
        ObjectNode renamed = event.objectNode();
        event.properties().forEach(e -> renamed.set(names.getOrDefault(e.getKey(), e.getKey()), e.getValue()));
        event.removeAll();
        event.setAll(renamed);
        return event;
    }
}
