package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventSeries;
import io.fabric8.kubernetes.api.model.EventSource;
import io.fabric8.kubernetes.api.model.MicroTime;
import io.fabric8.kubernetes.api.model.ObjectReference;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.function.Function;

/**
 * What an Event written through {@code events.k8s.io/v1} is held to besides {@link EventValidator}
 * (kube's strict {@code ValidateEventCreate}/{@code ValidateEventUpdate}; core/v1 writes skip it
 * for backwards compatibility). A new event has an {@code eventTime}, a type of Normal or Warning,
 * a series of at least two occurrences, and none of the deprecated fields core/v1 clients fill in.
 * An update may change the series, labels and annotations, little else: each other field is
 * immutable, {@code reason} checked twice as kube-apiserver does (so named twice in the answer).
 *
 * <p>Fields are named as in kube's internal Event ({@code involvedObject} for {@code regarding},
 * {@code message} for {@code note}), and an immutable field's new value is printed as Go prints it:
 * {@code core.ObjectReference{Kind:"Pod", Namespace:"default", Name:"web", UID:"", APIVersion:"v1",
 * ResourceVersion:"", FieldPath:""}} for a reference, {@code 2024-05-01 10:00:00.5 +0000 UTC} for a time.
 */
final class StrictEventValidator {

    private static final String IMMUTABLE = "field is immutable";
    private static final String UNSET = "needs to be unset";
    private static final DateTimeFormatter GO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private StrictEventValidator() {
    }

    static List<FieldError> validateCreate(Event event) {
        List<FieldError> errs = new ArrayList<>(series(event.getSeries()));
        if (!EventValidator.hasEventTime(event)) {
            errs.add(FieldError.required(FieldPath.of("eventTime"), ""));
        }
        String type = MetaValidator.nullToEmpty(event.getType());
        if (!type.equals("Normal") && !type.equals("Warning")) {
            errs.add(FieldError.invalid(FieldPath.of("type"), "", "has invalid value: " + type));
        }
        if (!Checks.isEmpty(event.getFirstTimestamp())) {
            errs.add(FieldError.invalid(FieldPath.of("firstTimestamp"), "", UNSET));
        }
        if (!Checks.isEmpty(event.getLastTimestamp())) {
            errs.add(FieldError.invalid(FieldPath.of("lastTimestamp"), "", UNSET));
        }
        if (count(event) != 0) {
            errs.add(FieldError.invalid(FieldPath.of("count"), "", UNSET));
        }
        EventSource source = event.getSource();
        if (source != null && (!Checks.isEmpty(source.getComponent()) || !Checks.isEmpty(source.getHost()))) {
            errs.add(FieldError.invalid(FieldPath.of("source"), "", UNSET));
        }
        return errs;
    }

    static List<FieldError> validateUpdate(Event event, Event old) {
        List<FieldError> errs = new ArrayList<>();
        if (!sameSeries(event.getSeries(), old.getSeries())) {
            errs.addAll(series(event.getSeries()));
        }
        immutable(errs, "involvedObject", event, old, Event::getInvolvedObject, StrictEventValidator::sameReference,
                e -> reference(orEmpty(e.getInvolvedObject())));
        immutable(errs, "reason", event, old, e -> text(e.getReason()));
        immutable(errs, "message", event, old, e -> text(e.getMessage()));
        immutable(errs, "source", event, old, Event::getSource, StrictEventValidator::sameSource,
                e -> source(e.getSource()));
        immutable(errs, "firstTimestamp", event, old, Event::getFirstTimestamp, StrictEventValidator::sameTime,
                e -> goTime(e.getFirstTimestamp()));
        immutable(errs, "lastTimestamp", event, old, Event::getLastTimestamp, StrictEventValidator::sameTime,
                e -> goTime(e.getLastTimestamp()));
        immutable(errs, "count", event, old, StrictEventValidator::count, Objects::equals, StrictEventValidator::count);
        immutable(errs, "reason", event, old, e -> text(e.getReason()));
        immutable(errs, "type", event, old, e -> text(e.getType()));
        immutable(errs, "eventTime", event, old, e -> time(e.getEventTime()), StrictEventValidator::sameTime,
                e -> goTime(time(e.getEventTime())));
        immutable(errs, "action", event, old, e -> text(e.getAction()));
        immutable(errs, "related", event, old, Event::getRelated, StrictEventValidator::sameReferencePointer,
                e -> e.getRelated() == null ? null : reference(e.getRelated()));
        immutable(errs, "reportingController", event, old, e -> text(e.getReportingComponent()));
        immutable(errs, "reportingInstance", event, old, e -> text(e.getReportingInstance()));
        return errs;
    }

    private static List<FieldError> series(EventSeries series) {
        List<FieldError> errs = new ArrayList<>();
        if (series == null) {
            return errs;
        }
        if (series.getCount() == null || series.getCount() < 2) {
            errs.add(FieldError.invalid(FieldPath.of("series.count"), "", "should be at least 2"));
        }
        if (Checks.isEmpty(time(series.getLastObservedTime()))) {
            errs.add(FieldError.required(FieldPath.of("series.lastObservedTime"), ""));
        }
        return errs;
    }

    private static void immutable(List<FieldError> errs, String field, Event event, Event old, Function<Event, String> value) {
        immutable(errs, field, event, old, value, Objects::equals, value);
    }

    private static <T> void immutable(List<FieldError> errs, String field, Event event, Event old, Function<Event, T> value,
                                      BiPredicate<T, T> same, Function<Event, ?> printed) {
        if (!same.test(value.apply(event), value.apply(old))) {
            errs.add(FieldError.invalid(FieldPath.of(field), printed.apply(event), IMMUTABLE));
        }
    }

    private static String text(String s) {
        return MetaValidator.nullToEmpty(s);
    }

    private static int count(Event event) {
        return event.getCount() == null ? 0 : event.getCount();
    }

    private static String time(MicroTime time) {
        return time == null ? null : time.getTime();
    }

    private static boolean sameSeries(EventSeries a, EventSeries b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Objects.equals(a.getCount() == null ? 0 : a.getCount(), b.getCount() == null ? 0 : b.getCount())
                && sameTime(time(a.getLastObservedTime()), time(b.getLastObservedTime()));
    }

    private static boolean sameReferencePointer(ObjectReference a, ObjectReference b) {
        return a == null || b == null ? a == b : sameReference(a, b);
    }

    private static boolean sameReference(ObjectReference a, ObjectReference b) {
        ObjectReference x = orEmpty(a);
        ObjectReference y = orEmpty(b);
        return text(x.getKind()).equals(text(y.getKind())) && text(x.getNamespace()).equals(text(y.getNamespace()))
                && text(x.getName()).equals(text(y.getName())) && text(x.getUid()).equals(text(y.getUid()))
                && text(x.getApiVersion()).equals(text(y.getApiVersion()))
                && text(x.getResourceVersion()).equals(text(y.getResourceVersion()))
                && text(x.getFieldPath()).equals(text(y.getFieldPath()));
    }

    private static boolean sameSource(EventSource a, EventSource b) {
        return text(a == null ? null : a.getComponent()).equals(text(b == null ? null : b.getComponent()))
                && text(a == null ? null : a.getHost()).equals(text(b == null ? null : b.getHost()));
    }

    /** Two times are the same instant (kube compares them semantically); an unparsable one only equals its own text. */
    private static boolean sameTime(String a, String b) {
        Instant x = instant(a);
        Instant y = instant(b);
        return x != null && y != null ? x.equals(y) : text(a).equals(text(b));
    }

    private static ObjectReference orEmpty(ObjectReference reference) {
        return reference == null ? new ObjectReference() : reference;
    }

    private static GoValues.Literal reference(ObjectReference r) {
        return new GoValues.Literal("core.ObjectReference{Kind:" + GoValues.quote(text(r.getKind()))
                + ", Namespace:" + GoValues.quote(text(r.getNamespace())) + ", Name:" + GoValues.quote(text(r.getName()))
                + ", UID:" + GoValues.quote(text(r.getUid())) + ", APIVersion:" + GoValues.quote(text(r.getApiVersion()))
                + ", ResourceVersion:" + GoValues.quote(text(r.getResourceVersion()))
                + ", FieldPath:" + GoValues.quote(text(r.getFieldPath())) + "}");
    }

    private static GoValues.Literal source(EventSource s) {
        return new GoValues.Literal("core.EventSource{Component:" + GoValues.quote(text(s == null ? null : s.getComponent()))
                + ", Host:" + GoValues.quote(text(s == null ? null : s.getHost())) + "}");
    }

    /**
     * A time as Go's {@code time.Time.String()} prints it in UTC: {@code 2024-05-01 10:00:00.5 +0000 UTC},
     * the fraction without trailing zeros; an absent time is Go's zero time.
     */
    static GoValues.Literal goTime(String rfc3339) {
        Instant instant = Checks.isEmpty(rfc3339) ? Instant.parse("0001-01-01T00:00:00Z") : instant(rfc3339);
        if (instant == null) {
            return new GoValues.Literal(rfc3339);
        }
        OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
        StringBuilder text = new StringBuilder(GO_TIME.format(utc));
        if (utc.getNano() != 0) {
            String fraction = String.format("%09d", utc.getNano()).replaceAll("0+$", "");
            text.append('.').append(fraction);
        }
        return new GoValues.Literal(text.append(" +0000 UTC").toString());
    }

    private static Instant instant(String rfc3339) {
        if (Checks.isEmpty(rfc3339)) {
            return null;
        }
        try {
            return OffsetDateTime.parse(rfc3339).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
