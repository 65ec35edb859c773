package io.kubelite.machinery.table;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * {@code kubectl get events} (core/v1): LAST SEEN TYPE REASON OBJECT MESSAGE | SUBOBJECT SOURCE
 * FIRST SEEN COUNT NAME. OBJECT is {@code kind/name} in lower case, e.g. {@code pod/web-1}.
 *
 * <p>Times fall back as kube-apiserver's do: FIRST SEEN is {@code firstTimestamp}, else
 * {@code eventTime}; LAST SEEN is {@code series.lastObservedTime} for a series, else
 * {@code lastTimestamp}, else FIRST SEEN. COUNT is {@code series.count}, else {@code count},
 * with 0 printed as 1.
 */
final class EventPrinter implements TablePrinter {

    private static final List<Column> COLUMNS = List.of(
            Columns.of("Last Seen", "string", "The time at which the most recent occurrence of this"
                    + " event was recorded."),
            Columns.of("Type", "string", "Type of this event (Normal, Warning), new types could be added"
                    + " in the future"),
            Columns.of("Reason", "string", "This should be a short, machine understandable string that"
                    + " gives the reason for the transition into the object's current status."),
            Columns.of("Object", "string", "The object that this event is about."),
            Columns.wide("Subobject", "string", "If referring to a piece of an object instead of an"
                    + " entire object, this string should contain a valid JSON/Go field access"
                    + " statement, such as desiredState.manifest.containers[2]."),
            Columns.wide("Source", "string", "The component reporting this event. Should be a short"
                    + " machine understandable string."),
            Columns.of("Message", "string", "A human-readable description of the status of this"
                    + " operation."),
            Columns.wide("First Seen", "string", "The time at which the event was first recorded."
                    + " (Time of server receipt is in TypeMeta.)"),
            Columns.wide("Count", "string", "The number of times this event has occurred."),
            new Column("Name", "string", "name", Columns.NAME.description(), 1));

    @Override
    public List<Column> columns() {
        return COLUMNS;
    }

    @Override
    public List<Object> cells(JsonNode event, Instant now) {
        String firstSeen = Fields.present(event, "firstTimestamp")
                ? Fields.since(Fields.time(event, "firstTimestamp"), now)
                : Fields.since(Fields.time(event, "eventTime"), now);
        String lastSeen = Fields.present(event, "lastTimestamp")
                ? Fields.since(Fields.time(event, "lastTimestamp"), now)
                : firstSeen;
        long count = Fields.integer(event, "count");
        JsonNode series = event.path("series");
        if (series.isObject()) {
            lastSeen = Fields.since(Fields.time(series, "lastObservedTime"), now);
            count = Fields.integer(series, "count");
        } else if (count == 0) {
            count = 1;
        }
        return List.of(
                lastSeen,
                Fields.text(event, "type"),
                Fields.text(event, "reason"),
                involvedObject(event.path("involvedObject")),
                Fields.text(event, "involvedObject", "fieldPath"),
                source(event),
                Fields.text(event, "message").strip(),
                firstSeen,
                count,
                Fields.name(event));
    }

    private static String involvedObject(JsonNode reference) {
        String kind = Fields.text(reference, "kind").toLowerCase(Locale.ROOT);
        String name = Fields.text(reference, "name");
        return name.isEmpty() ? kind : kind + "/" + name;
    }

    /** {@code component, host}, each falling back to the reporting controller and instance. */
    private static String source(JsonNode event) {
        String component = Fields.orElse(Fields.text(event, "source", "component"),
                Fields.text(event, "reportingComponent"));
        String host = Fields.orElse(Fields.text(event, "source", "host"), Fields.text(event, "reportingInstance"));
        return host.isEmpty() ? component : component + ", " + host;
    }
}
