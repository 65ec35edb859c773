package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonPatchTest {

    static Stream<Arguments> applies() {
        return Stream.of(
                Arguments.of("addsAKey", "{'a':1}", "[{'op':'add','path':'/b','value':2}]", "{'a':1,'b':2}"),
                Arguments.of("addReplacesAnExistingKey", "{'a':1}", "[{'op':'add','path':'/a','value':2}]", "{'a':2}"),
                Arguments.of("addInsertsIntoAnArray", "{'a':[1,3]}", "[{'op':'add','path':'/a/1','value':2}]", "{'a':[1,2,3]}"),
                Arguments.of("addAppendsWithDash", "{'a':[1]}", "[{'op':'add','path':'/a/-','value':2}]", "{'a':[1,2]}"),
                Arguments.of("addAtTheLengthAppends", "{'a':[1]}", "[{'op':'add','path':'/a/1','value':2}]", "{'a':[1,2]}"),
                Arguments.of("addAtRootReplacesTheDocument", "{'a':1}", "[{'op':'add','path':'','value':{'b':2}}]", "{'b':2}"),
                Arguments.of("removesAKey", "{'a':1,'b':2}", "[{'op':'remove','path':'/a'}]", "{'b':2}"),
                Arguments.of("removesAnArrayElement", "{'a':[1,2,3]}", "[{'op':'remove','path':'/a/1'}]", "{'a':[1,3]}"),
                Arguments.of("replacesAValue", "{'spec':{'replicas':1}}",
                        "[{'op':'replace','path':'/spec/replicas','value':3}]", "{'spec':{'replicas':3}}"),
                Arguments.of("tildeOneIsASlash",
                        "{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'x'}}}",
                        "[{'op':'replace','path':'/metadata/annotations/kubectl.kubernetes.io~1restartedAt','value':'y'}]",
                        "{'metadata':{'annotations':{'kubectl.kubernetes.io/restartedAt':'y'}}}"),
                Arguments.of("tildeZeroIsATilde", "{'a~b':1}", "[{'op':'remove','path':'/a~0b'}]", "{}"),
                Arguments.of("movesAValue", "{'a':{'b':1},'c':{}}", "[{'op':'move','from':'/a/b','path':'/c/d'}]",
                        "{'a':{},'c':{'d':1}}"),
                Arguments.of("movesWithinAnArray", "{'a':[1,2,3]}", "[{'op':'move','from':'/a/0','path':'/a/-'}]",
                        "{'a':[2,3,1]}"),
                Arguments.of("copiesAValue", "{'a':{'b':1}}", "[{'op':'copy','from':'/a','path':'/c'}]",
                        "{'a':{'b':1},'c':{'b':1}}"),
                Arguments.of("testPassesThenReplaceApplies", "{'a':'x'}",
                        "[{'op':'test','path':'/a','value':'x'},{'op':'replace','path':'/a','value':'y'}]", "{'a':'y'}"),
                Arguments.of("testComparesNumbersByValue", "{'a':1.0}", "[{'op':'test','path':'/a','value':1}]", "{'a':1.0}"),
                Arguments.of("testComparesObjectsIgnoringOrder", "{'a':{'x':1,'y':2}}",
                        "[{'op':'test','path':'/a','value':{'y':2,'x':1}}]", "{'a':{'x':1,'y':2}}"),
                Arguments.of("emptyPatchChangesNothing", "{'a':1}", "[]", "{'a':1}"),
                Arguments.of("kubectlRolloutUndo",
                        "{'metadata':{'name':'web','annotations':{'deployment.kubernetes.io/revision':'2'}},"
                                + "'spec':{'replicas':3,'template':{'metadata':{'labels':{'app':'web'}},"
                                + "'spec':{'containers':[{'name':'web','image':'nginx:1.2'}]}}}}",
                        "[{'op':'replace','path':'/spec/template','value':{'metadata':{'labels':{'app':'web'}},"
                                + "'spec':{'containers':[{'name':'web','image':'nginx:1.1'}]}}},"
                                + "{'op':'replace','path':'/metadata/annotations','value':"
                                + "{'deployment.kubernetes.io/revision':'1'}}]",
                        "{'metadata':{'name':'web','annotations':{'deployment.kubernetes.io/revision':'1'}},"
                                + "'spec':{'replicas':3,'template':{'metadata':{'labels':{'app':'web'}},"
                                + "'spec':{'containers':[{'name':'web','image':'nginx:1.1'}]}}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("applies")
    void appliesOperationsInOrder(String name, String document, String patch, String expected) {
        assertThat(JsonPatch.apply(json(document), json(patch))).isEqualTo(json(expected));
    }

    static Stream<Arguments> fails() {
        return Stream.of(
                Arguments.of("addUnderAMissingParent", "{}", "[{'op':'add','path':'/spec/x','value':1}]",
                        "add operation does not apply: doc is missing path: \"/spec/x\": missing value"),
                Arguments.of("addBeyondTheEndOfAnArray", "{'a':[1]}", "[{'op':'add','path':'/a/5','value':1}]",
                        "error in add for path: '/a/5': Unable to access invalid index: 5: invalid index referenced"),
                Arguments.of("removeAMissingKey", "{'metadata':{'labels':{}}}", "[{'op':'remove','path':'/metadata/labels/app'}]",
                        "error in remove for path: '/metadata/labels/app': Unable to remove nonexistent key: app: missing value"),
                Arguments.of("removeUnderAMissingParent", "{}", "[{'op':'remove','path':'/a/b'}]",
                        "remove operation does not apply: doc is missing path: \"/a/b\": missing value"),
                Arguments.of("replaceAMissingKey", "{'spec':{}}", "[{'op':'replace','path':'/spec/paused','value':true}]",
                        "replace operation does not apply: doc is missing key: /spec/paused: missing value"),
                Arguments.of("replaceUnderAMissingParent", "{}", "[{'op':'replace','path':'/spec/paused','value':true}]",
                        "replace operation does not apply: doc is missing path: /spec/paused: missing value"),
                Arguments.of("moveFromAMissingPath", "{}", "[{'op':'move','from':'/a','path':'/b'}]",
                        "move operation does not apply: doc is missing from path: /a: missing value"),
                Arguments.of("moveIntoItsOwnChild", "{'a':{}}", "[{'op':'move','from':'/a','path':'/a/b'}]",
                        "move operation does not apply: cannot move /a into its own child /a/b"),
                Arguments.of("copyFromAMissingPath", "{}", "[{'op':'copy','from':'/a','path':'/b'}]",
                        "copy operation does not apply: doc is missing from path: /a: missing value"),
                Arguments.of("failedTest", "{'a':'x'}", "[{'op':'test','path':'/a','value':'y'}]",
                        "testing value /a failed: test failed"),
                Arguments.of("testOfAMissingValue", "{}", "[{'op':'test','path':'/a','value':'y'}]",
                        "testing value /a failed: test failed"),
                Arguments.of("unknownOperation", "{}", "[{'op':'merge','path':'/a','value':1}]", "Unexpected kind: merge"),
                Arguments.of("unknownOperationWithoutPath", "{}", "[{'op':'merge'}]", "Unexpected kind: merge"),
                Arguments.of("missingPath", "{}", "[{'op':'add','value':1}]",
                        "add operation is missing the \"path\" field: {\"op\":\"add\",\"value\":1}"),
                Arguments.of("missingValue", "{}", "[{'op':'add','path':'/a'}]",
                        "add operation is missing the \"value\" field: {\"op\":\"add\",\"path\":\"/a\"}"),
                Arguments.of("pointerWithoutLeadingSlash", "{}", "[{'op':'add','path':'a','value':1}]",
                        "add operation does not apply: JSON pointer must be empty or start with '/': \"a\""),
                Arguments.of("patchThatIsNotAnArray", "{}", "{'op':'add'}",
                        "a JSON patch must be an array of operations, not object"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fails")
    void rejectsOperationsThatDoNotApply(String name, String document, String patch, String message) {
        assertThatThrownBy(() -> JsonPatch.apply(json(document), json(patch)))
                .isInstanceOf(PatchException.class)
                .hasMessage(message);
    }

    @Test
    void aFailingOperationLeavesTheDocumentUntouched() {
        JsonNode document = json("{'a':1}");
        assertThatThrownBy(() -> JsonPatch.apply(document,
                json("[{'op':'replace','path':'/a','value':2},{'op':'test','path':'/a','value':3}]")))
                .isInstanceOf(PatchException.class);
        assertThat(document).isEqualTo(json("{'a':1}"));
    }

    @Test
    void neitherInputIsModifiedAndTheResultSharesNothingWithThem() {
        JsonNode document = json("{'a':{'b':[1]}}");
        JsonNode patch = json("[{'op':'add','path':'/a/b/-','value':{'c':1}},{'op':'add','path':'/d','value':{'e':1}}]");
        JsonNode result = JsonPatch.apply(document, patch);

        assertThat(document).isEqualTo(json("{'a':{'b':[1]}}"));
        ((tools.jackson.databind.node.ObjectNode) result.get("d")).put("e", 2);
        assertThat(patch.get(1).get("value")).isEqualTo(json("{'e':1}"));
    }
}
