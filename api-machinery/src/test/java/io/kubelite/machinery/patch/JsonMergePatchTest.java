package io.kubelite.machinery.patch;

import static io.kubelite.machinery.patch.Json.json;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class JsonMergePatchTest {

    /** The examples of RFC 7386 appendix A, then what kubectl sends. */
    static Stream<Arguments> merges() {
        return Stream.of(
                Arguments.of("replacesAValue", "{'a':'b'}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("addsAKey", "{'a':'b'}", "{'b':'c'}", "{'a':'b','b':'c'}"),
                Arguments.of("nullDeletes", "{'a':'b'}", "{'a':null}", "{}"),
                Arguments.of("nullDeletesOnlyThatKey", "{'a':'b','b':'c'}", "{'a':null}", "{'b':'c'}"),
                Arguments.of("arraysAreReplaced", "{'a':['b']}", "{'a':'c'}", "{'a':'c'}"),
                Arguments.of("valueBecomesArray", "{'a':'c'}", "{'a':['b']}", "{'a':['b']}"),
                Arguments.of("nestedMerge", "{'a':{'b':'c'}}", "{'a':{'b':'d','c':null}}", "{'a':{'b':'d'}}"),
                Arguments.of("arrayOfObjectsIsReplacedWhole", "{'a':[{'b':'c'}]}", "{'a':[1]}", "{'a':[1]}"),
                Arguments.of("arrayPatchReplacesDocument", "['a','b']", "['c','d']", "['c','d']"),
                Arguments.of("objectPatchReplacesArray", "{'a':'b'}", "['c']", "['c']"),
                Arguments.of("nullInNewObjectIsDropped", "{'e':null}", "{'a':1}", "{'e':null,'a':1}"),
                Arguments.of("nullInsideNewValueIsDropped", "[1,2]", "{'a':'b','c':null}", "{'a':'b'}"),
                Arguments.of("deepNullOnMissingPath", "{}", "{'a':{'bb':{'ccc':null}}}", "{'a':{'bb':{}}}"),
                Arguments.of("kubectlScale", "{'kind':'Scale','spec':{'replicas':1},'status':{'replicas':1}}",
                        "{'spec':{'replicas':3}}", "{'kind':'Scale','spec':{'replicas':3},'status':{'replicas':1}}"),
                Arguments.of("kubectlLabel", "{'metadata':{'name':'node-1','labels':{'zone':'a'}}}",
                        "{'metadata':{'labels':{'disktype':'ssd'}}}",
                        "{'metadata':{'name':'node-1','labels':{'zone':'a','disktype':'ssd'}}}"),
                Arguments.of("kubectlLabelRemoval", "{'metadata':{'labels':{'zone':'a','disktype':'ssd'}}}",
                        "{'metadata':{'labels':{'disktype':null}}}", "{'metadata':{'labels':{'zone':'a'}}}"),
                Arguments.of("kubectlAnnotateIntoObjectWithoutAnnotations", "{'metadata':{'name':'x'}}",
                        "{'metadata':{'annotations':{'note':'hi'}}}",
                        "{'metadata':{'name':'x','annotations':{'note':'hi'}}}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("merges")
    void mergesLikeRfc7386(String name, String target, String patch, String expected) {
        assertThat(JsonMergePatch.apply(json(target), json(patch))).isEqualTo(json(expected));
    }

    @Test
    void neitherInputIsModified() {
        JsonNode target = json("{'a':{'b':1}}");
        JsonNode patch = json("{'a':{'c':{'d':1}}}");
        JsonNode result = JsonMergePatch.apply(target, patch);

        ((tools.jackson.databind.node.ObjectNode) result.get("a").get("c")).put("d", 2);
        assertThat(target).isEqualTo(json("{'a':{'b':1}}"));
        assertThat(patch).isEqualTo(json("{'a':{'c':{'d':1}}}"));
    }
}
