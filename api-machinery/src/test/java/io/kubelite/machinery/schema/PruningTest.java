package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Json.json;
import static io.kubelite.machinery.schema.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class PruningTest {

    private static final StructuralSchema SCHEMA = StructuralSchema.of(json("""
            {'type':'object','properties':{'spec':{'type':'object','properties':{
              'size':{'type':'integer'},
              'ports':{'type':'array','items':{'type':'object','properties':{'port':{'type':'integer'}}}},
              'labels':{'type':'object','additionalProperties':{'type':'string'}},
              'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true,
                'properties':{'known':{'type':'object','properties':{'a':{'type':'integer'}}}}},
              'template':{'type':'object','x-kubernetes-embedded-resource':true,
                'properties':{'spec':{'type':'object','properties':{'x':{'type':'string'}}}}},
              'anything':{'type':'object','additionalProperties':true}
            }}}}"""));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("drops undeclared fields but keeps the root's apiVersion, kind and metadata",
                        "{'apiVersion':'example.com/v1','kind':'Db','metadata':{'name':'a','foo':1},'spec':{'size':1,'foo':2},'extra':true}",
                        "{'apiVersion':'example.com/v1','kind':'Db','metadata':{'name':'a','foo':1},'spec':{'size':1}}",
                        List.of("extra", "spec.foo")),
                Arguments.of("names fields inside lists by index",
                        "{'spec':{'ports':[{'port':1},{'port':2,'bar':3}]}}",
                        "{'spec':{'ports':[{'port':1},{'port':2}]}}",
                        List.of("spec.ports[1].bar")),
                Arguments.of("keeps the keys of a map",
                        "{'spec':{'labels':{'app':'web','tier':'db'}}}",
                        "{'spec':{'labels':{'app':'web','tier':'db'}}}",
                        List.of()),
                Arguments.of("keeps unknown fields below preserve-unknown-fields but prunes declared ones",
                        "{'spec':{'free':{'x':{'deep':1},'known':{'a':1,'b':2}}}}",
                        "{'spec':{'free':{'x':{'deep':1},'known':{'a':1}}}}",
                        List.of("spec.free.known.b")),
                Arguments.of("keeps the type and object meta of an embedded resource",
                        "{'spec':{'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'x':'y','z':1},'other':1}}}",
                        "{'spec':{'template':{'apiVersion':'v1','kind':'Pod','metadata':{'name':'p'},'spec':{'x':'y'}}}}",
                        List.of("spec.template.other", "spec.template.spec.z")),
                Arguments.of("empties objects under additionalProperties true, as kube does",
                        "{'spec':{'anything':{'a':1,'b':{'c':1}}}}",
                        "{'spec':{'anything':{'a':1,'b':{}}}}",
                        List.of("spec.anything.b.c")),
                Arguments.of("drops every field of a nested object of an undeclared meta name",
                        "{'spec':{'kind':'x','metadata':{}}}",
                        "{'spec':{}}",
                        List.of("spec.kind", "spec.metadata")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void prunesUnknownFields(String name, String input, String expected, List<String> pruned) {
        ObjectNode resource = object(input);
        assertThat(SCHEMA.prune(resource)).containsExactlyElementsOf(pruned);
        assertThat(resource).isEqualTo(json(expected));
    }
}
