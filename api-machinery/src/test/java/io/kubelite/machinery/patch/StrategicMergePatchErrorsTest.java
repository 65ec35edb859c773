package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

class StrategicMergePatchErrorsTest {

    private static final String POD = "{'metadata':{'finalizers':['a']},'spec':{'containers':[{'name':'web','image':'old'}]}}";

    static Stream<Arguments> malformedPatches() {
        return Stream.of(
                Arguments.of("unknownDirectiveOnAMap", "{'spec':{'$patch':'bogus'}}",
                        "unknown patch type: bogus in map: map[$patch:bogus]"),
                Arguments.of("unknownDirectiveOnAListElement", "{'spec':{'containers':[{'$patch':'bogus','name':'x'}]}}",
                        "unknown patch type: bogus in map: map[$patch:bogus name:x]"),
                Arguments.of("mergeDirectiveOnAList", "{'spec':{'containers':[{'$patch':'merge'}]}}",
                        "merging lists cannot yet be specified in the patch"),
                Arguments.of("elementWithoutMergeKey", "{'spec':{'containers':[{'image':'new'}]}}",
                        "map: map[image:new] does not contain declared merge key: name"),
                Arguments.of("deleteWithoutMergeKey", "{'spec':{'containers':[{'$patch':'delete'}]}}",
                        "map: map[$patch:delete] does not contain declared merge key: name"),
                Arguments.of("setElementOrderDisagreesWithPatchList",
                        "{'spec':{'$setElementOrder/containers':[{'name':'web'}],'containers':[{'name':'log','image':'i'}]}}",
                        "The order in patch list:\n[map[image:i name:log]]\n doesn't match $setElementOrder list:\n[map[name:web]]\n"),
                Arguments.of("setElementOrderThatIsNotAList", "{'spec':{'$setElementOrder/containers':{}}}",
                        "invalid patch format of setElementOrder list"),
                Arguments.of("setElementOrderWithoutListName", "{'spec':{'$setElementOrder':[]}}",
                        "invalid patch format of setElementOrder list"),
                Arguments.of("deleteFromPrimitiveListThatIsNotAList", "{'metadata':{'$deleteFromPrimitiveList/finalizers':'a'}}",
                        "invalid patch format of primitive list"),
                Arguments.of("retainKeysThatIsNotAList", "{'spec':{'$retainKeys':'containers'}}",
                        "invalid patch format of retainKeys"),
                Arguments.of("retainKeysMissingAPatchedKey", "{'spec':{'$retainKeys':['containers'],'nodeName':'n'}}",
                        "invalid patch format of retainKeys: \"nodeName\" is set by the patch but not listed in [containers]"),
                Arguments.of("listOfLists", "{'metadata':{'finalizers':[['a']]}}", "lists of lists are not supported"),
                Arguments.of("mixedElementTypes", "{'metadata':{'finalizers':[1]}}",
                        "list element types are not identical: metadata.finalizers: [a] [1]"),
                Arguments.of("patchThatIsNotAnObject", "[{'op':'add'}]", "a strategic merge patch must be a JSON object, not array"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedPatches")
    void rejectsMalformedPatchesWithAReadableMessage(String name, String patch, String message) {
        assertThatThrownBy(() -> StrategicMergePatch.apply(json(POD), json(patch), BuiltInSchemas.forKind("Pod")))
                .isInstanceOf(PatchException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void mergingAListOfObjectsNeedsAMergeKey() {
        PatchSchema schema = PatchSchema.of(Map.of("spec.items", ListStrategy.mergeScalars()));
        assertThatThrownBy(() -> StrategicMergePatch.apply(json("{'spec':{'items':[{'a':1}]}}"),
                json("{'spec':{'items':[{'a':2}]}}"), schema))
                .isInstanceOf(PatchException.class)
                .hasMessage("cannot merge lists without merge key for spec.items");
    }

    @Test
    void neitherInputIsModifiedAndTheResultSharesNothingWithThem() {
        JsonNode live = json(POD);
        JsonNode patch = json("{'spec':{'$setElementOrder/containers':[{'name':'web'},{'name':'log'}],"
                + "'containers':[{'name':'log','image':'busybox','env':[{'name':'A','value':'1'}]}]},"
                + "'metadata':{'labels':{'a':'b'}}}");
        JsonNode liveBefore = live.deepCopy();
        JsonNode patchBefore = patch.deepCopy();

        JsonNode result = StrategicMergePatch.apply(live, patch, BuiltInSchemas.forKind("Pod"));
        ((ObjectNode) result.get("spec").get("containers").get(1)).put("image", "changed");
        ((ObjectNode) result.get("metadata").get("labels")).put("a", "changed");

        assertThat(live).isEqualTo(liveBefore);
        assertThat(patch).isEqualTo(patchBefore);
    }

    @Test
    void theResultNeverContainsDirectiveKeys() {
        JsonNode result = StrategicMergePatch.apply(json("{'metadata':{'finalizers':['a','b']}}"),
                json("{'metadata':{'$setElementOrder/finalizers':['a'],'$deleteFromPrimitiveList/finalizers':['b']},"
                        + "'spec':{'$retainKeys':['containers','volumes'],'$setElementOrder/containers':[{'name':'web'}],"
                        + "'containers':[{'name':'web','env':[{'$patch':'delete','name':'X'}],'resources':{'$patch':'replace'}}],"
                        + "'volumes':[{'$patch':'replace'},{'name':'v','emptyDir':{'$patch':'delete'}}]}}"),
                BuiltInSchemas.forKind("Pod"));
        assertThat(result.toString()).doesNotContain("$");
    }

    @Test
    void aMissingLiveObjectIsAnEmptyOne() {
        assertThat(StrategicMergePatch.apply(null, json("{'a':{'b':null,'c':1}}"), BuiltInSchemas.forKind("Pod")))
                .isEqualTo(json("{'a':{'c':1}}"));
    }
}
