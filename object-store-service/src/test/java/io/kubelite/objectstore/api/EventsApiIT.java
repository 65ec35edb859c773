package io.kubelite.objectstore.api;

import io.kubelite.objectstore.ApiServerTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code events.k8s.io/v1} Events against a real PostgreSQL: one storage with core {@code v1}
 * Events, each written through either group read through the other field by field, listed,
 * watched, printed and selected through the new group, and held to kube's strict rules there.
 */
class EventsApiIT extends ApiServerTest {

    static final String NS = "events-api";
    static final String EVENTS = "/apis/events.k8s.io/v1/namespaces/" + NS + "/events";
    static final String CORE = "/api/v1/namespaces/" + NS + "/events";
    static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io";

    @BeforeEach
    void namespace() {
        api.post("/api/v1/namespaces", "{\"apiVersion\":\"v1\",\"kind\":\"Namespace\",\"metadata\":{\"name\":\"" + NS + "\"}}");
    }

    /** A new-style event as client-go's events.k8s.io recorder writes it, with a field replaced or added. */
    static String scheduled(String name, String extra) {
        return """
                {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"%s","labels":{"origin":"scheduler"}},
                 "eventTime":"2024-05-01T10:00:00.500000Z","reportingController":"default-scheduler",
                 "reportingInstance":"default-scheduler-node-1","action":"Binding","reason":"Scheduled","type":"Normal",
                 "note":"Successfully assigned events-api/web to node-1",
                 "regarding":{"kind":"Pod","namespace":"events-api","name":"web","uid":"p-1","apiVersion":"v1"},
                 "related":{"kind":"Node","name":"node-1","apiVersion":"v1"}%s}""".formatted(name, extra);
    }

    /** An old-style event as a kubelet writes it through core/v1. */
    static String pulled(String name) {
        return """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"%s"},
                 "involvedObject":{"kind":"Pod","namespace":"events-api","name":"web","fieldPath":"spec.containers{app}"},
                 "reason":"Pulled","message":"Container image \\"nginx:1.27\\" already present on machine","type":"Normal",
                 "source":{"component":"kubelet","host":"node-1"},"count":3,
                 "firstTimestamp":"2024-05-01T10:00:01Z","lastTimestamp":"2024-05-01T10:02:00Z"}""".formatted(name);
    }

    @Test
    void anEventWrittenThroughEventsApiIsReadThroughCoreFieldByField() {
        var created = api.post(EVENTS, scheduled("web.sched", """
                ,"series":{"count":2,"lastObservedTime":"2024-05-01T10:01:00.000000Z"}"""));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);
        assertThat(created.body().path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(created.body().path("note").asString()).isEqualTo("Successfully assigned events-api/web to node-1");

        JsonNode core = api.get(CORE + "/web.sched").body();
        assertThat(core.path("apiVersion").asString()).isEqualTo("v1");
        assertThat(core.path("involvedObject")).isEqualTo(api.json().readTree(
                "{\"kind\":\"Pod\",\"namespace\":\"events-api\",\"name\":\"web\",\"uid\":\"p-1\",\"apiVersion\":\"v1\"}"));
        assertThat(core.path("message").asString()).isEqualTo("Successfully assigned events-api/web to node-1");
        assertThat(core.path("reportingComponent").asString()).isEqualTo("default-scheduler");
        assertThat(core.path("reportingInstance").asString()).isEqualTo("default-scheduler-node-1");
        assertThat(core.path("action").asString()).isEqualTo("Binding");
        assertThat(core.path("reason").asString()).isEqualTo("Scheduled");
        assertThat(core.path("type").asString()).isEqualTo("Normal");
        assertThat(core.path("eventTime").asString()).isEqualTo("2024-05-01T10:00:00.500000Z");
        assertThat(core.path("series").path("count").asInt()).isEqualTo(2);
        assertThat(core.path("series").path("lastObservedTime").asString()).isEqualTo("2024-05-01T10:01:00.000000Z");
        assertThat(core.path("related").path("name").asString()).isEqualTo("node-1");
        assertThat(core.path("metadata").path("labels").path("origin").asString()).isEqualTo("scheduler");
        assertThat(core.path("metadata").path("uid").asString()).isEqualTo(created.body().path("metadata").path("uid").asString());
        for (String eventsOnly : List.of("regarding", "note", "reportingController", "deprecatedSource")) {
            assertThat(core.has(eventsOnly)).as(eventsOnly).isFalse();
        }
        assertThat(core.has("count")).as("no deprecated count was written").isFalse();
        assertThat(core.has("source")).isFalse();
    }

    @Test
    void anEventWrittenThroughCoreIsReadThroughEventsApiFieldByField() {
        var created = api.post(CORE, pulled("web.pulled"));
        assertThat(created.code()).as(created.raw()).isEqualTo(201);

        var read = api.get(EVENTS + "/web.pulled");
        assertThat(read.code()).as(read.raw()).isEqualTo(200);
        JsonNode event = read.body();
        assertThat(event.path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(event.path("kind").asString()).isEqualTo("Event");
        assertThat(event.path("regarding").path("fieldPath").asString()).isEqualTo("spec.containers{app}");
        assertThat(event.path("regarding").path("name").asString()).isEqualTo("web");
        assertThat(event.path("note").asString()).isEqualTo("Container image \"nginx:1.27\" already present on machine");
        assertThat(event.path("deprecatedSource")).isEqualTo(api.json().readTree("{\"component\":\"kubelet\",\"host\":\"node-1\"}"));
        assertThat(event.path("deprecatedCount").asInt()).isEqualTo(3);
        assertThat(event.path("deprecatedFirstTimestamp").asString()).isEqualTo("2024-05-01T10:00:01Z");
        assertThat(event.path("deprecatedLastTimestamp").asString()).isEqualTo("2024-05-01T10:02:00Z");
        assertThat(event.path("reason").asString()).isEqualTo("Pulled");
        assertThat(event.path("type").asString()).isEqualTo("Normal");
        for (String coreOnly : List.of("involvedObject", "message", "source", "count", "firstTimestamp", "lastTimestamp",
                "reportingComponent")) {
            assertThat(event.has(coreOnly)).as(coreOnly).isFalse();
        }
        assertThat(api.get(EVENTS + "/nosuch").code()).isEqualTo(404);

        var deleted = api.delete(EVENTS + "/web.pulled");
        assertThat(deleted.code()).as(deleted.raw()).isEqualTo(200);
        assertThat(deleted.body().path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(api.get(CORE + "/web.pulled").code()).as("gone from the one storage").isEqualTo(404);
    }

    @Test
    void listsAndWatchesThroughTheNewGroup() {
        api.post(EVENTS, scheduled("web.listed", ""));
        api.post(CORE, pulled("web.listed-core"));
        var list = api.get(EVENTS + "?labelSelector=origin%3Dscheduler");
        assertThat(list.code()).as(list.raw()).isEqualTo(200);
        assertThat(list.body().path("kind").asString()).isEqualTo("EventList");
        assertThat(list.body().path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(names(list.body())).contains("web.listed").doesNotContain("web.listed-core");
        assertThat(list.body().path("items").get(0).path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        var everywhere = api.get("/apis/events.k8s.io/v1/events");
        assertThat(names(everywhere.body())).contains("web.listed", "web.listed-core");

        String rv = list.body().path("metadata").path("resourceVersion").asString();
        api.post(CORE, pulled("web.watched"));
        var watch = api.get(EVENTS + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=2");
        assertThat(watch.code()).isEqualTo(200);
        JsonNode added = null;
        for (String line : watch.raw().split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode e = api.json().readTree(line);
            if (e.path("object").path("metadata").path("name").asString().equals("web.watched")) {
                added = e;
            }
        }
        assertThat(added).as(watch.raw()).isNotNull();
        assertThat(added.path("type").asString()).isEqualTo("ADDED");
        assertThat(added.path("object").path("apiVersion").asString()).isEqualTo("events.k8s.io/v1");
        assertThat(added.path("object").path("note").asString()).startsWith("Container image");
        assertThat(added.path("object").path("deprecatedSource").path("component").asString()).isEqualTo("kubelet");

        var selected = api.get(EVENTS + "?watch=true&resourceVersion=" + rv + "&timeoutSeconds=1"
                + "&fieldSelector=regarding.name%3Dnobody");
        assertThat(selected.raw()).doesNotContain("web.watched");
    }

    @Test
    void printsTheColumnsKubectlShowsForCoreEvents() {
        api.post(CORE, pulled("web.printed"));
        var table = api.get(EVENTS + "?fieldSelector=metadata.name%3Dweb.printed", TABLE);
        assertThat(table.code()).as(table.raw()).isEqualTo(200);
        List<String> columns = new ArrayList<>();
        table.body().path("columnDefinitions").forEach(c -> {
            if (c.path("priority").asInt() == 0) {
                columns.add(c.path("name").asString());
            }
        });
        assertThat(columns).containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        JsonNode cells = table.body().path("rows").get(0).path("cells");
        assertThat(cells.get(1).asString()).isEqualTo("Normal");
        assertThat(cells.get(2).asString()).isEqualTo("Pulled");
        assertThat(cells.get(3).asString()).isEqualTo("pod/web");
        assertThat(cells.get(4).asString()).as("SUBOBJECT").isEqualTo("spec.containers{app}");
        assertThat(cells.get(5).asString()).as("SOURCE").isEqualTo("kubelet, node-1");
        assertThat(cells.get(6).asString()).isEqualTo("Container image \"nginx:1.27\" already present on machine");
        assertThat(cells.get(8).asLong()).as("COUNT").isEqualTo(3);
        assertThat(cells.get(9).asString()).isEqualTo("web.printed");
        var core = api.get(CORE + "?fieldSelector=metadata.name%3Dweb.printed", TABLE);
        assertThat(cells.toString()).as("the same row through both groups")
                .isEqualTo(core.body().path("rows").get(0).path("cells").toString());

        api.post(EVENTS, scheduled("web.printed-new", ""));
        var one = api.get(EVENTS + "/web.printed-new", TABLE);
        JsonNode row = one.body().path("rows").get(0).path("cells");
        assertThat(row.get(6).asString()).isEqualTo("Successfully assigned events-api/web to node-1");
        assertThat(row.get(5).asString()).as("SOURCE from the reporting controller")
                .isEqualTo("default-scheduler, default-scheduler-node-1");
    }

    @Test
    void selectsByTheEventsApiFieldLabels() {
        api.post(EVENTS, scheduled("web.selected", ""));
        api.post(CORE, pulled("web.selected-core"));
        assertThat(names(api.get(EVENTS + "?fieldSelector=regarding.name%3Dweb,reason%3DScheduled").body()))
                .contains("web.selected").doesNotContain("web.selected-core");
        assertThat(names(api.get(EVENTS + "?fieldSelector=reportingController%3Ddefault-scheduler").body()))
                .contains("web.selected").doesNotContain("web.selected-core");
        assertThat(names(api.get(EVENTS + "?fieldSelector=source%3Dkubelet").body()))
                .contains("web.selected-core").doesNotContain("web.selected");
        assertThat(names(api.get(EVENTS + "?fieldSelector=source%3Ddefault-scheduler").body()))
                .as("source falls back to the reporting controller").contains("web.selected");
        assertThat(names(api.get(EVENTS + "?fieldSelector=regarding.fieldPath%3Dspec.containers%7Bapp%7D,type%3DNormal")
                .body())).contains("web.selected-core").doesNotContain("web.selected");
        assertThat(names(api.get(EVENTS + "?fieldSelector=metadata.namespace%3D" + NS + ",metadata.name%3Dweb.selected")
                .body())).containsExactly("web.selected");
        assertThat(names(api.get(CORE + "?fieldSelector=source%3Ddefault-scheduler").body()))
                .as("the same fallback through core").contains("web.selected");
        assertThat(names(api.get(CORE + "?fieldSelector=reportingComponent%3Ddefault-scheduler").body()))
                .contains("web.selected");

        var coreLabel = api.get(EVENTS + "?fieldSelector=involvedObject.name%3Dweb");
        assertThat(coreLabel.code()).isEqualTo(400);
        assertThat(coreLabel.body().path("message").asString()).isEqualTo("field label not supported: involvedObject.name");
        assertThat(api.get(CORE + "?fieldSelector=regarding.name%3Dweb").code()).isEqualTo(400);
    }

    @Test
    void refusesWhatKubeRefusesThroughEventsApiAndStoresNothing() {
        record Bad(String name, String body, String field, String message) {
        }
        List<Bad> cases = List.of(
                new Bad("no-controller", without("no-controller", "\"reportingController\":\"default-scheduler\","),
                        "reportingController", "Required value"),
                new Bad("bad-type", scheduled("bad-type", "").replace("\"type\":\"Normal\"", "\"type\":\"Info\""),
                        "type", "Invalid value: \"\": has invalid value: Info"),
                new Bad("no-time", without("no-time", "\"eventTime\":\"2024-05-01T10:00:00.500000Z\","),
                        "eventTime", "Required value"),
                new Bad("no-action", without("no-action", "\"action\":\"Binding\","),
                        "action", "Required value"),
                new Bad("long-reason", scheduled("long-reason", "").replace("Scheduled", "r".repeat(129)),
                        "reason", "Invalid value: \"\": can have at most 128 characters"),
                new Bad("short-series", scheduled("short-series",
                        ",\"series\":{\"count\":1,\"lastObservedTime\":\"2024-05-01T10:01:00.000000Z\"}"),
                        "series.count", "Invalid value: \"\": should be at least 2"),
                new Bad("old-fields", scheduled("old-fields",
                        ",\"deprecatedCount\":2,\"deprecatedSource\":{\"component\":\"kubelet\"}"),
                        "count", "Invalid value: \"\": needs to be unset"),
                new Bad("elsewhere", without("elsewhere", "\"namespace\":\"events-api\",").replace("Pod", "Node"),
                        "involvedObject.namespace", "Invalid value: \"\": does not match event.namespace"));
        for (Bad bad : cases) {
            var r = api.post(EVENTS, bad.body());
            assertThat(r.code()).as(bad.name() + ": " + r.raw()).isEqualTo(422);
            assertThat(r.body().path("reason").asString()).isEqualTo("Invalid");
            assertThat(r.body().path("details").path("kind").asString()).isEqualTo("Event");
            assertThat(r.body().path("details").path("name").asString()).isEqualTo(bad.name());
            List<String> causes = new ArrayList<>();
            r.body().path("details").path("causes").forEach(c -> causes.add(c.path("field").asString() + ": "
                    + c.path("message").asString()));
            assertThat(causes).as(bad.name()).contains(bad.field() + ": " + bad.message());
            assertThat(api.get(CORE + "/" + bad.name()).code()).as(bad.name() + " is not stored").isEqualTo(404);
        }

        var withoutController = api.post(EVENTS, cases.get(0).body());
        assertThat(withoutController.body().path("message").asString()).startsWith("Event \"no-controller\" is invalid: [")
                .contains("reportingController: Required value")
                .contains("reportingController: Invalid value: \"\": name part must be non-empty");

        var throughCore = api.post(CORE, """
                {"apiVersion":"v1","kind":"Event","metadata":{"name":"core-lenient"},"reason":"Seen","type":"Info",
                 "involvedObject":{"kind":"Pod","namespace":"events-api","name":"web"}}""");
        assertThat(throughCore.code()).as("core/v1 keeps its legacy rules: " + throughCore.raw()).isEqualTo(201);
    }

    @Test
    void answersCoreFieldsSentToEventsApiAsUnknownFields() {
        String coreStyle = scheduled("core-style", ",\"message\":\"hello\",\"involvedObject\":{\"kind\":\"Pod\"}");
        var strict = api.post(EVENTS + "?fieldValidation=Strict", coreStyle);
        assertThat(strict.code()).as(strict.raw()).isEqualTo(400);
        assertThat(strict.body().path("message").asString()).isEqualTo("Event in version \"v1\" cannot be handled as a Event: "
                + "strict decoding error: unknown field \"message\", unknown field \"involvedObject\"");

        var warned = api.post(EVENTS + "?fieldValidation=Warn", coreStyle);
        assertThat(warned.code()).as(warned.raw()).isEqualTo(201);
        assertThat(warned.http().headers().allValues("Warning")).contains("299 - \"unknown field \\\"message\\\"\"");
        JsonNode stored = api.get(CORE + "/core-style").body();
        assertThat(stored.path("message").asString()).as("dropped, the note kept").isEqualTo("Successfully assigned events-api/web to node-1");
        assertThat(stored.path("involvedObject").path("name").asString()).isEqualTo("web");
    }

    @Test
    void anUpdateThroughEventsApiMayOnlyMoveTheSeries() {
        api.post(EVENTS, scheduled("web.updated", ""));
        var renote = api.patch(EVENTS + "/web.updated", "application/merge-patch+json", "{\"note\":\"moved\",\"reason\":\"Moved\"}");
        assertThat(renote.code()).as(renote.raw()).isEqualTo(422);
        List<String> causes = new ArrayList<>();
        renote.body().path("details").path("causes").forEach(c -> causes.add(c.path("field").asString() + ": "
                + c.path("message").asString()));
        assertThat(causes).containsExactly("reason: Invalid value: \"Moved\": field is immutable",
                "message: Invalid value: \"moved\": field is immutable",
                "reason: Invalid value: \"Moved\": field is immutable");
        var moved = api.patch(EVENTS + "/web.updated", "application/merge-patch+json", """
                {"regarding":{"name":"db"}}""");
        assertThat(moved.code()).isEqualTo(422);
        assertThat(moved.body().path("details").path("causes").get(0).path("message").asString()).isEqualTo(
                "Invalid value: core.ObjectReference{Kind:\"Pod\", Namespace:\"events-api\", Name:\"db\", UID:\"p-1\", "
                        + "APIVersion:\"v1\", ResourceVersion:\"\", FieldPath:\"\"}: field is immutable");

        var series = api.patch(EVENTS + "/web.updated", "application/merge-patch+json", """
                {"series":{"count":2,"lastObservedTime":"2024-05-01T10:03:00.000000Z"},"metadata":{"labels":{"seen":"twice"}}}""");
        assertThat(series.code()).as(series.raw()).isEqualTo(200);
        assertThat(series.body().path("series").path("count").asInt()).isEqualTo(2);

        var throughCore = api.patch(CORE + "/web.updated", "application/merge-patch+json", "{\"message\":\"moved\"}");
        assertThat(throughCore.code()).as("core/v1 updates are not held to it: " + throughCore.raw()).isEqualTo(200);
        assertThat(api.get(EVENTS + "/web.updated").body().path("note").asString()).isEqualTo("moved");
    }

    @Test
    void isDiscoveredAndDescribedAsKubernetesServesIt() {
        var apis = api.get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
        JsonNode events = null;
        for (JsonNode group : apis.body().path("items")) {
            if (group.path("metadata").path("name").asString().equals("events.k8s.io")) {
                events = group.path("versions").get(0);
            }
        }
        assertThat(events).as("events.k8s.io in aggregated discovery").isNotNull();
        assertThat(events.path("version").asString()).isEqualTo("v1");
        JsonNode resource = events.path("resources").get(0);
        assertThat(resource.path("resource").asString()).isEqualTo("events");
        assertThat(resource.path("scope").asString()).isEqualTo("Namespaced");
        assertThat(resource.path("shortNames").toString()).isEqualTo("[\"ev\"]");
        assertThat(resource.path("responseKind").toString())
                .isEqualTo("{\"group\":\"events.k8s.io\",\"version\":\"v1\",\"kind\":\"Event\"}");
        assertThat(resource.path("verbs").toString())
                .isEqualTo("[\"create\",\"delete\",\"deletecollection\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]");
        assertThat(api.get("/apis").body().path("groups").findValuesAsString("name")).contains("events.k8s.io");
        var legacy = api.get("/apis/events.k8s.io/v1");
        assertThat(legacy.body().path("resources").get(0).path("name").asString()).isEqualTo("events");
        assertThat(legacy.body().path("resources").get(0).path("kind").asString()).isEqualTo("Event");

        String url = api.get("/openapi/v3").body().path("paths").path("apis/events.k8s.io/v1").path("serverRelativeURL")
                .asString();
        assertThat(url).startsWith("/openapi/v3/apis/events.k8s.io/v1");
        JsonNode doc = api.get(url).body();
        JsonNode schema = doc.path("components").path("schemas").path("io.k8s.api.events.v1.Event");
        assertThat(schema.path("properties").has("regarding")).isTrue();
        assertThat(schema.path("properties").has("note")).isTrue();
        assertThat(schema.path("x-kubernetes-group-version-kind").toString())
                .isEqualTo("[{\"group\":\"events.k8s.io\",\"kind\":\"Event\",\"version\":\"v1\"}]");
        JsonNode patch = doc.path("paths").path("/apis/events.k8s.io/v1/namespaces/{namespace}/events/{name}").path("patch");
        assertThat(patch.path("parameters").toString()).contains("fieldValidation");
    }

    /** {@link #scheduled} without one of its fields. */
    private static String without(String name, String field) {
        return scheduled(name, "").replace(field, "");
    }

    private static List<String> names(JsonNode list) {
        List<String> names = new ArrayList<>();
        list.path("items").forEach(i -> names.add(i.path("metadata").path("name").asString()));
        return names;
    }
}
