package io.kubelite.machinery.managedfields;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelite.machinery.managedfields.FieldManager.Tracked;
import io.kubelite.machinery.managedfields.FieldManager.Writer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;

class FieldManagerTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    static final Shape DEPLOYMENT = deployment();

    private static Shape deployment() {
        Shape strings = Shape.map(Shape.SCALAR, false);
        Shape meta = Shape.struct(false).withField("name", Shape.SCALAR).withField("labels", strings)
                .withField("annotations", strings).withField("finalizers", Shape.set(Shape.SCALAR));
        Shape port = Shape.struct(false).withField("containerPort", Shape.SCALAR).withField("protocol", Shape.SCALAR);
        Shape container = Shape.struct(false).withField("name", Shape.SCALAR).withField("image", Shape.SCALAR)
                .withField("args", Shape.atomicList(Shape.SCALAR))
                .withField("ports", Shape.keyedList(port, List.of("containerPort", "protocol"),
                        Map.of("protocol", JsonNodeFactory.instance.stringNode("TCP"))));
        Shape podSpec = Shape.struct(false).withField("containers", Shape.keyedList(container, List.of("name"), Map.of()));
        Shape template = Shape.struct(false).withField("metadata", meta).withField("spec", podSpec);
        Shape spec = Shape.struct(false).withField("replicas", Shape.SCALAR)
                .withField("selector", Shape.struct(true).withField("matchLabels", strings))
                .withField("template", template);
        return Shape.struct(false).withField("apiVersion", Shape.SCALAR).withField("kind", Shape.SCALAR)
                .withField("metadata", meta).withField("spec", spec)
                .withField("status", Shape.struct(false).withField("replicas", Shape.SCALAR));
    }

    static JsonNode json(String text) {
        return JSON.readTree(text.replace('\'', '"'));
    }

    private static JsonNode deployment(String labels, int replicas, String containers) {
        return json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{" + labels + "}},"
                + "'spec':{'replicas':" + replicas + ",'selector':{'matchLabels':{'app':'web'}},"
                + "'template':{'spec':{'containers':[" + containers + "]}}}}");
    }

    private static Writer writer(String manager) {
        return new Writer(manager, "", "apps/v1", "2026-11-26T20:00:00Z");
    }

    private static FieldManager.Applied apply(List<ManagedFieldsEntry> entries, JsonNode live, JsonNode config,
                                              String manager, boolean force) {
        return FieldManager.apply(entries, live, config, DEPLOYMENT, Tracked.WITHOUT_STATUS, writer(manager), force);
    }

    private static ManagedFieldsEntry entry(List<ManagedFieldsEntry> entries, String manager) {
        return entries.stream().filter(e -> e.manager().equals(manager)).findFirst().orElseThrow();
    }

    @Test
    void anAppliedConfigurationOwnsItsLeavesKeysAndItemsButNotItsStructs() {
        JsonNode config = deployment("'app':'web'", 2, "{'name':'nginx','image':'nginx:1.27'}");

        FieldManager.Applied applied = apply(List.of(), JsonNodeFactory.instance.objectNode(), config, "kubectl", false);

        assertThat(entry(applied.entries(), "kubectl").fields().toFieldsV1()).isEqualTo(json(
                "{'f:metadata':{'f:labels':{'f:app':{}}},'f:spec':{'f:replicas':{},'f:selector':{},"
                        + "'f:template':{'f:spec':{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':"
                        + "{'.':{},'f:image':{},'f:name':{}}}}}}}"));
        assertThat(applied.object()).isEqualTo(config);
    }

    @Test
    void fieldsV1RoundTripsAndPathsPrintAsKubernetesPrintsThem() {
        JsonNode fieldsV1 = json("{'f:metadata':{'f:labels':{'.':{},'f:app':{}}},'f:spec':{'f:template':{'f:spec':"
                + "{'f:containers':{'k:{\\'name\\':\\'nginx\\'}':{'.':{},'f:image':{},'f:ports':"
                + "{'k:{\\'containerPort\\':80,\\'protocol\\':\\'TCP\\'}':{}}}}}}}}");

        FieldSet set = FieldSet.fromFieldsV1(fieldsV1);

        assertThat(set.toFieldsV1()).isEqualTo(fieldsV1);
        assertThat(set.paths().stream().map(FieldSet::render)).containsExactly(
                ".metadata.labels", ".metadata.labels.app",
                ".spec.template.spec.containers[name=\"nginx\"]",
                ".spec.template.spec.containers[name=\"nginx\"].image",
                ".spec.template.spec.containers[name=\"nginx\"].ports[containerPort=80,protocol=\"TCP\"]");
    }

    @Test
    void aPortWithoutProtocolIsKeyedByItsDefault() {
        JsonNode config = deployment("", 1, "{'name':'a','image':'i','ports':[{'containerPort':80}]}");

        FieldSet set = Fields.of(FieldManager.view(config, Tracked.WITHOUT_STATUS), DEPLOYMENT);

        assertThat(set.paths().stream().map(FieldSet::render))
                .contains(".spec.template.spec.containers[name=\"a\"].ports[containerPort=80,protocol=\"TCP\"]");
    }

    @Test
    void applyRemovesWhatTheApplierStoppedApplying() {
        JsonNode first = deployment("'app':'web','tier':'front'", 2,
                "{'name':'a','image':'a:1'},{'name':'sidecar','image':'s:1','args':['-v']}");
        FieldManager.Applied created = apply(List.of(), JsonNodeFactory.instance.objectNode(), first, "kubectl", false);

        FieldManager.Applied second = apply(created.entries(), created.object(),
                deployment("'app':'web'", 2, "{'name':'a','image':'a:2'}"), "kubectl", false);

        assertThat(second.object().at("/metadata/labels")).isEqualTo(json("{'app':'web'}"));
        assertThat(second.object().at("/spec/template/spec/containers"))
                .isEqualTo(json("[{'name':'a','image':'a:2'}]"));
    }

    @Test
    void applyKeepsWhatAnotherApplierStillApplies() {
        FieldManager.Applied mine = apply(List.of(), JsonNodeFactory.instance.objectNode(),
                deployment("'app':'web','team':'x'", 2, "{'name':'a','image':'a:1'}"), "kubectl", false);
        JsonNode theirs = json("{'apiVersion':'apps/v1','kind':'Deployment','metadata':{'name':'web','labels':{'team':'x'}}}");
        FieldManager.Applied both = apply(mine.entries(), mine.object(), theirs, "labeller", false);

        FieldManager.Applied after = apply(both.entries(), both.object(),
                deployment("'app':'web'", 2, "{'name':'a','image':'a:1'}"), "kubectl", false);

        assertThat(after.object().at("/metadata/labels")).isEqualTo(json("{'app':'web','team':'x'}"));
    }

    @Test
    void applyingAValueAnotherManagerSetConflictsUnlessForced() {
        List<ManagedFieldsEntry> created = FieldManager.update(List.of(), JsonNodeFactory.instance.objectNode(),
                deployment("'app':'web'", 2, "{'name':'a','image':'a:1'}"), DEPLOYMENT, Tracked.WITHOUT_STATUS,
                writer("kubectl-create"));
        JsonNode live = deployment("'app':'web'", 2, "{'name':'a','image':'a:1'}");
        JsonNode config = deployment("'app':'web'", 3, "{'name':'a','image':'a:1'}");

        assertThatThrownBy(() -> apply(created, live, config, "kubectl", false))
                .isInstanceOf(ApplyConflict.class)
                .hasMessage("Apply failed with 1 conflict: conflict with \"kubectl-create\" using apps/v1: .spec.replicas");

        FieldManager.Applied forced = apply(created, live, config, "kubectl", true);
        assertThat(forced.object().at("/spec/replicas").asInt()).isEqualTo(3);
        assertThat(entry(forced.entries(), "kubectl-create").fields().paths().stream().map(FieldSet::render))
                .doesNotContain(".spec.replicas").contains(".spec.template.spec.containers[name=\"a\"].image");
    }

    @Test
    void applyingTheValueAlreadySetSharesTheField() {
        List<ManagedFieldsEntry> created = FieldManager.update(List.of(), JsonNodeFactory.instance.objectNode(),
                deployment("'app':'web'", 2, ""), DEPLOYMENT, Tracked.WITHOUT_STATUS, writer("kubectl-create"));

        FieldManager.Applied applied = apply(created, deployment("'app':'web'", 2, ""),
                deployment("'app':'web'", 2, ""), "kubectl", false);

        for (String manager : List.of("kubectl-create", "kubectl")) {
            assertThat(entry(applied.entries(), manager).fields().paths().stream().map(FieldSet::render))
                    .contains(".spec.replicas", ".metadata.labels.app");
        }
        assertThat(applied.object()).isEqualTo(deployment("'app':'web'", 2, ""));
    }

    @Test
    void aScaleWriterIsNamedWithItsSubresourceAndManyConflictsAreListedByOwner() {
        List<ManagedFieldsEntry> entries = List.of(
                new ManagedFieldsEntry("kubectl", "Update", "apps/v1", "t", "scale",
                        FieldSet.fromFieldsV1(json("{'f:spec':{'f:replicas':{}}}"))),
                new ManagedFieldsEntry("helm", "Apply", "apps/v1", "t", "",
                        FieldSet.fromFieldsV1(json("{'f:metadata':{'f:labels':{'f:app':{}}}}"))));
        JsonNode live = deployment("'app':'web'", 5, "");

        assertThatThrownBy(() -> apply(entries, live, deployment("'app':'api'", 2, ""), "ci", false))
                .isInstanceOf(ApplyConflict.class)
                .hasMessage("Apply failed with 2 conflicts: conflicts with \"helm\":\n- .metadata.labels.app\n"
                        + "conflicts with \"kubectl\" with subresource \"scale\" using apps/v1:\n- .spec.replicas");
    }

    @Test
    void anUpdateTakesTheFieldsItChangesAndAWriteThatChangesNothingKeepsTheEntries() {
        JsonNode v1 = deployment("'app':'web'", 2, "{'name':'a','image':'a:1'}");
        List<ManagedFieldsEntry> created = FieldManager.update(List.of(), JsonNodeFactory.instance.objectNode(), v1,
                DEPLOYMENT, Tracked.WITHOUT_STATUS, writer("kubectl-create"));
        JsonNode v2 = deployment("'app':'web'", 2, "{'name':'a','image':'a:2'}");

        List<ManagedFieldsEntry> edited = FieldManager.update(created, v1, v2, DEPLOYMENT, Tracked.WITHOUT_STATUS,
                writer("kubectl-edit"));

        assertThat(entry(edited, "kubectl-edit").fields().paths().stream().map(FieldSet::render))
                .containsExactly(".spec.template.spec.containers[name=\"a\"].image");
        assertThat(entry(edited, "kubectl-create").fields().paths().stream().map(FieldSet::render))
                .doesNotContain(".spec.template.spec.containers[name=\"a\"].image");
        assertThat(FieldManager.update(edited, v2, v2.deepCopy(), DEPLOYMENT, Tracked.WITHOUT_STATUS, writer("other")))
                .isSameAs(edited);
    }

    @Test
    void statusIsNotOwnedThroughTheObjectNorTheObjectThroughStatus() {
        JsonNode before = deployment("'app':'web'", 2, "");
        JsonNode after = before.deepCopy();
        ((tools.jackson.databind.node.ObjectNode) after).putObject("status").put("replicas", 2);

        assertThat(FieldManager.update(List.of(), before, after, DEPLOYMENT, Tracked.WITHOUT_STATUS, writer("x"))).isEmpty();
        assertThat(FieldManager.update(List.of(), before, after, DEPLOYMENT, Tracked.STATUS_ONLY, writer("x")))
                .singleElement().extracting(e -> e.fields().toFieldsV1()).isEqualTo(json("{'f:status':{'f:replicas':{}}}"));
    }

    @Test
    void anObjectWithoutEntriesIsOwnedBeforeItsFirstApply() {
        JsonNode live = deployment("'app':'web'", 2, "");

        assertThatThrownBy(() -> apply(List.of(), live, deployment("'app':'web'", 4, ""), "kubectl", false))
                .hasMessage("Apply failed with 1 conflict: conflict with \"before-first-apply\" using apps/v1: .spec.replicas");
    }

    @Test
    void moreThanTenUpdatersLeaveTheOldestMergedAsAncientChanges() {
        List<ManagedFieldsEntry> entries = List.of();
        JsonNode before = JsonNodeFactory.instance.objectNode();
        for (int i = 0; i < 12; i++) {
            JsonNode after = before.deepCopy();
            ((tools.jackson.databind.node.ObjectNode) after).withObjectProperty("metadata")
                    .withObjectProperty("labels").put("l" + i, "v");
            entries = FieldManager.update(entries, before, after, DEPLOYMENT, Tracked.WITHOUT_STATUS,
                    new Writer("client-" + i, "", "apps/v1", "2026-11-26T20:%02d:00Z".formatted(i)));
            before = after;
        }

        assertThat(entries).hasSize(10);
        ManagedFieldsEntry ancient = entry(entries, FieldManager.ANCIENT_CHANGES);
        assertThat(ancient.fields().paths().stream().map(FieldSet::render))
                .contains(".metadata.labels.l0", ".metadata.labels.l1", ".metadata.labels.l2");
        assertThat(entries).extracting(ManagedFieldsEntry::manager)
                .doesNotContain("client-0", "client-1", "client-2").contains("client-3", "client-11");
    }

    @Test
    void entriesThatAreNotEntriesAreRefusedNamingTheField() {
        assertThatThrownBy(() -> ManagedFieldsEntry.decode(json("[{'manager':'m','operation':'Patch','fieldsType':'FieldsV1'}]")))
                .isInstanceOf(ManagedFieldsEntry.InvalidManagedFields.class)
                .hasMessageContaining("Unsupported value: \"Patch\"")
                .extracting(e -> ((ManagedFieldsEntry.InvalidManagedFields) e).field())
                .isEqualTo("metadata.managedFields[0].operation");
        assertThatThrownBy(() -> ManagedFieldsEntry.decode(json("[{'manager':'m','operation':'Update','fieldsType':'FieldsV1',"
                + "'fieldsV1':{'x:y':{}}}]")))
                .hasMessageContaining("unknown path element x:y");
        assertThat(ManagedFieldsEntry.decode(json("[{}]"))).isEmpty();
    }
}
