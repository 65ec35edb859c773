package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Json.json;
import static io.kubelite.machinery.schema.Json.object;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.node.ObjectNode;

class DefaultingTest {

    private static final StructuralSchema SCHEMA = StructuralSchema.of(json("""
            {'type':'object','properties':{'spec':{'type':'object','properties':{
              'replicas':{'type':'integer','default':1},
              'mode':{'type':'string','default':'auto'},
              'note':{'type':'string','nullable':true,'default':'x'},
              'gone':{'type':'string'},
              'ports':{'type':'array','items':{'type':'object','properties':{
                'port':{'type':'integer'},'protocol':{'type':'string','default':'TCP'}}}},
              'limits':{'type':'object','additionalProperties':{'type':'object','properties':{'cpu':{'type':'string','default':'1'}}}},
              'resources':{'type':'object','default':{},'properties':{'memory':{'type':'string','default':'1Gi'}}}
            }}}}"""));

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("fills missing properties, and completes a default object with its own defaults",
                        "{'spec':{}}",
                        "{'spec':{'replicas':1,'mode':'auto','note':'x','resources':{'memory':'1Gi'}}}"),
                Arguments.of("leaves set values alone, even empty ones",
                        "{'spec':{'replicas':3,'mode':'','note':'y','resources':{'memory':'2Gi'}}}",
                        "{'spec':{'replicas':3,'mode':'','note':'y','resources':{'memory':'2Gi'}}}"),
                Arguments.of("replaces a null that is not nullable by the default",
                        "{'spec':{'replicas':null}}",
                        "{'spec':{'replicas':1,'mode':'auto','note':'x','resources':{'memory':'1Gi'}}}"),
                Arguments.of("keeps a null that is nullable",
                        "{'spec':{'note':null}}",
                        "{'spec':{'note':null,'replicas':1,'mode':'auto','resources':{'memory':'1Gi'}}}"),
                Arguments.of("removes a null that is neither nullable nor defaulted",
                        "{'spec':{'gone':null}}",
                        "{'spec':{'replicas':1,'mode':'auto','note':'x','resources':{'memory':'1Gi'}}}"),
                Arguments.of("defaults inside list items",
                        "{'spec':{'ports':[{'port':80},{'port':53,'protocol':'UDP'}]}}",
                        "{'spec':{'ports':[{'port':80,'protocol':'TCP'},{'port':53,'protocol':'UDP'}],"
                                + "'replicas':1,'mode':'auto','note':'x','resources':{'memory':'1Gi'}}}"),
                Arguments.of("defaults inside map values",
                        "{'spec':{'limits':{'a':{},'b':{'cpu':'2'}}}}",
                        "{'spec':{'limits':{'a':{'cpu':'1'},'b':{'cpu':'2'}},"
                                + "'replicas':1,'mode':'auto','note':'x','resources':{'memory':'1Gi'}}}"),
                Arguments.of("does not create a parent that has no default",
                        "{'kind':'Db'}",
                        "{'kind':'Db'}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void appliesDefaults(String name, String input, String expected) {
        ObjectNode resource = object(input);
        SCHEMA.applyDefaults(resource);
        assertThat(resource).isEqualTo(json(expected));
    }

    @Test
    void changesNothingTheSecondTime() {
        ObjectNode once = object("{'spec':{'ports':[{'port':80}],'limits':{'a':{}}}}");
        SCHEMA.applyDefaults(once);
        ObjectNode twice = once.deepCopy();
        SCHEMA.applyDefaults(twice);
        assertThat(twice).isEqualTo(once);
    }

    @Test
    void copiesDefaultsSoThatResourcesDoNotShareThem() {
        ObjectNode first = object("{'spec':{}}");
        SCHEMA.applyDefaults(first);
        ((ObjectNode) first.get("spec").get("resources")).put("memory", "5Gi");
        ObjectNode second = object("{'spec':{}}");
        SCHEMA.applyDefaults(second);
        assertThat(second.get("spec").get("resources").get("memory").stringValue()).isEqualTo("1Gi");
    }
}
