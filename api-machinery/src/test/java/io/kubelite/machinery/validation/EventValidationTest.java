package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.MicroTime;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Events as kube-apiserver judges them: every write by the legacy rules, and one made through
 * events.k8s.io/v1 by the strict ones too, in kube's words and with kube's (internal) field names.
 */
class EventValidationTest {

    final ObjectValidator validator = new ObjectValidator();

    /** A new-style event about a pod, as client-go's events.k8s.io recorder writes it. */
    static Event scheduled() {
        return new EventBuilder().withNewMetadata().withName("web.17a1").withNamespace("default").endMetadata()
                .withEventTime(new MicroTime("2024-05-01T10:00:00.500000Z"))
                .withReportingComponent("default-scheduler").withReportingInstance("default-scheduler-node-1")
                .withAction("Binding").withReason("Scheduled").withType("Normal")
                .withMessage("Successfully assigned default/web to node-1")
                .withNewInvolvedObject().withKind("Pod").withNamespace("default").withName("web").withApiVersion("v1")
                .endInvolvedObject().build();
    }

    static Event with(UnaryOperator<EventBuilder> change) {
        return change.apply(new EventBuilder(scheduled())).build();
    }

    static List<String> throughEventsApi(Event event) {
        ObjectValidator validator = new ObjectValidator();
        List<String> all = new ArrayList<>(Fixtures.messages(validator.validateCreate(event, true)));
        all.addAll(Fixtures.messages(validator.validateEventsApiCreate(event)));
        return all;
    }

    static Stream<Arguments> createCases() {
        List<String> emptyController = NameRules.isQualifiedName("").stream()
                .map(m -> "reportingController: Invalid value: \"\": " + m).toList();
        List<String> missingController = new ArrayList<>(List.of("reportingController: Required value"));
        missingController.addAll(emptyController);
        return Stream.of(
                Arguments.of("a complete new-style event", scheduled(), List.of()),
                Arguments.of("a warning", with(b -> b.withType("Warning")), List.of()),
                Arguments.of("no reporting controller", with(b -> b.withReportingComponent(null)), missingController),
                Arguments.of("a reporting controller that is no qualified name", with(b -> b.withReportingComponent("my controller")),
                        List.of("reportingController: Invalid value: \"my controller\": "
                                + NameRules.isQualifiedName("my controller").get(0))),
                Arguments.of("no reporting instance, action or reason",
                        with(b -> b.withReportingInstance("").withAction(null).withReason("")),
                        List.of("reportingInstance: Required value", "action: Required value", "reason: Required value")),
                Arguments.of("an unknown type", with(b -> b.withType("Info")),
                        List.of("type: Invalid value: \"\": has invalid value: Info")),
                Arguments.of("no type", with(b -> b.withType(null)), List.of("type: Invalid value: \"\": has invalid value: ")),
                Arguments.of("no event time", with(b -> b.withEventTime(null)), List.of("eventTime: Required value")),
                Arguments.of("no event time, about an object elsewhere",
                        with(b -> b.withEventTime(null).editInvolvedObject().withNamespace("other").endInvolvedObject()),
                        List.of("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace",
                                "eventTime: Required value")),
                Arguments.of("a cluster-scoped object's event outside default and kube-system",
                        with(b -> b.editMetadata().withNamespace("apps").endMetadata()
                                .editInvolvedObject().withKind("Node").withNamespace(null).endInvolvedObject()),
                        List.of("involvedObject.namespace: Invalid value: \"\": does not match event.namespace")),
                Arguments.of("too long fields", with(b -> b.withReportingInstance("i".repeat(129)).withAction("a".repeat(129))
                                .withReason("r".repeat(129)).withMessage("m".repeat(1025))),
                        List.of("reportingInstance: Invalid value: \"\": can have at most 128 characters",
                                "action: Invalid value: \"\": can have at most 128 characters",
                                "reason: Invalid value: \"\": can have at most 128 characters",
                                "message: Invalid value: \"\": can have at most 1024 characters")),
                Arguments.of("the deprecated core/v1 fields", with(b -> b.withFirstTimestamp("2024-05-01T10:00:00Z")
                                .withLastTimestamp("2024-05-01T10:00:00Z").withCount(1).withNewSource().withComponent("kubelet").endSource()),
                        List.of("firstTimestamp: Invalid value: \"\": needs to be unset",
                                "lastTimestamp: Invalid value: \"\": needs to be unset",
                                "count: Invalid value: \"\": needs to be unset",
                                "source: Invalid value: \"\": needs to be unset")),
                Arguments.of("a series of one, never observed", with(b -> b.withNewSeries().withCount(1).endSeries()),
                        List.of("series.count: Invalid value: \"\": should be at least 2", "series.lastObservedTime: Required value")),
                Arguments.of("a series", with(b -> b.withNewSeries().withCount(3)
                        .withLastObservedTime(new MicroTime("2024-05-01T10:05:00.000000Z")).endSeries()), List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("createCases")
    void judgesACreateThroughEventsApi(String name, Event event, List<String> expected) {
        assertThat(throughEventsApi(event)).containsExactlyInAnyOrderElementsOf(expected);
    }

    /** core/v1 clients are held to the legacy rules only: an old-style event with its deprecated fields is fine. */
    @Test
    void aCoreCreateSkipsTheStrictRules() {
        Event legacy = new EventBuilder().withNewMetadata().withName("web.1").withNamespace("default").endMetadata()
                .withNewInvolvedObject().withKind("Pod").withNamespace("default").withName("web").endInvolvedObject()
                .withReason("Pulled").withMessage("pulled").withCount(2).withType("Info")
                .withFirstTimestamp("2024-05-01T10:00:00Z").withLastTimestamp("2024-05-01T10:01:00Z")
                .withNewSource().withComponent("kubelet").withHost("node-1").endSource().build();
        assertThat(Fixtures.messages(validator.validateCreate(legacy, true))).isEmpty();
        assertThat(Fixtures.messages(validator.validateCreate(with(b -> b.withReportingComponent("")), true)))
                .as("a new-style event still names its reporter").contains("reportingController: Required value");
    }

    static Stream<Arguments> updateCases() {
        return Stream.of(
                Arguments.of("labels and a new series", with(b -> b.editMetadata().addToLabels("seen", "twice").endMetadata()
                        .withNewSeries().withCount(2).withLastObservedTime(new MicroTime("2024-05-01T10:01:00.000000Z")).endSeries()),
                        List.of()),
                Arguments.of("the same event time written differently",
                        with(b -> b.withEventTime(new MicroTime("2024-05-01T10:00:00.5Z"))), List.of()),
                Arguments.of("a broken series", with(b -> b.withNewSeries().withCount(1).endSeries()),
                        List.of("series.count: Invalid value: \"\": should be at least 2", "series.lastObservedTime: Required value")),
                Arguments.of("another object", with(b -> b.editInvolvedObject().withName("db").withUid("u-1").endInvolvedObject()),
                        List.of("involvedObject: Invalid value: core.ObjectReference{Kind:\"Pod\", Namespace:\"default\", "
                                + "Name:\"db\", UID:\"u-1\", APIVersion:\"v1\", ResourceVersion:\"\", FieldPath:\"\"}: field is immutable")),
                Arguments.of("another reason, checked twice as kube does", with(b -> b.withReason("Preempted")),
                        List.of("reason: Invalid value: \"Preempted\": field is immutable",
                                "reason: Invalid value: \"Preempted\": field is immutable")),
                Arguments.of("another note, type and action", with(b -> b.withMessage("moved").withType("Warning").withAction("Evict")),
                        List.of("message: Invalid value: \"moved\": field is immutable",
                                "type: Invalid value: \"Warning\": field is immutable",
                                "action: Invalid value: \"Evict\": field is immutable")),
                Arguments.of("another event time", with(b -> b.withEventTime(new MicroTime("2024-05-01T10:00:01.250000Z"))),
                        List.of("eventTime: Invalid value: 2024-05-01 10:00:01.25 +0000 UTC: field is immutable")),
                Arguments.of("deprecated fields added", with(b -> b.withFirstTimestamp("2024-05-01T09:00:00Z").withCount(4)
                                .withNewSource().withComponent("kubelet").endSource()),
                        List.of("source: Invalid value: core.EventSource{Component:\"kubelet\", Host:\"\"}: field is immutable",
                                "firstTimestamp: Invalid value: 2024-05-01 09:00:00 +0000 UTC: field is immutable",
                                "count: Invalid value: 4: field is immutable")),
                Arguments.of("a related object added", with(b -> b.withNewRelated().withKind("Node").withName("node-1").endRelated()),
                        List.of("related: Invalid value: core.ObjectReference{Kind:\"Node\", Namespace:\"\", Name:\"node-1\", "
                                + "UID:\"\", APIVersion:\"\", ResourceVersion:\"\", FieldPath:\"\"}: field is immutable")),
                Arguments.of("another reporter", with(b -> b.withReportingComponent("kubelet").withReportingInstance("node-2")),
                        List.of("reportingController: Invalid value: \"kubelet\": field is immutable",
                                "reportingInstance: Invalid value: \"node-2\": field is immutable")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("updateCases")
    void judgesAnUpdateThroughEventsApi(String name, Event updated, List<String> expected) {
        assertThat(Fixtures.messages(validator.validateEventsApiUpdate(updated, scheduled())))
                .containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void printsTimesAsGoDoes() {
        assertThat(StrictEventValidator.goTime("2024-05-01T10:00:00Z")).hasToString("2024-05-01 10:00:00 +0000 UTC");
        assertThat(StrictEventValidator.goTime("2024-05-01T12:00:00.123400+02:00")).hasToString("2024-05-01 10:00:00.1234 +0000 UTC");
        assertThat(StrictEventValidator.goTime(null)).hasToString("0001-01-01 00:00:00 +0000 UTC");
    }
}
