package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Json.json;
import static io.kubelite.machinery.schema.Json.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.machinery.validation.FieldError;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StructuralSchemaValidateTest {

    private static final StructuralSchema SCHEMA = StructuralSchema.of(json("""
            {'type':'object','properties':{
              'apiVersion':{'type':'string'},'kind':{'type':'string'},'metadata':{'type':'object'},
              'spec':{'type':'object','required':['image'],'properties':{
                'replicas':{'type':'integer','minimum':1,'maximum':10},
                'image':{'type':'string'},
                'name':{'type':'string','minLength':2,'maxLength':5},
                'x':{'type':'string','pattern':'^[a-z]+$'},
                'mode':{'type':'string','enum':['a','b']},
                'level':{'type':'integer','enum':[1,2]},
                'ratio':{'type':'number','maximum':1.5,'exclusiveMaximum':true},
                'big':{'type':'number','minimum':1000000},
                'step':{'type':'integer','multipleOf':5},
                'args':{'type':'array','minItems':1,'maxItems':2,'items':{'type':'string'}},
                'tags':{'type':'array','uniqueItems':true,'items':{'type':'string'}},
                'ports':{'type':'array','items':{'type':'object','required':['port'],
                  'properties':{'port':{'type':'integer','format':'int32'}}}},
                'labels':{'type':'object','maxProperties':2,'additionalProperties':{'type':'string'}},
                'port':{'x-kubernetes-int-or-string':true},
                'at':{'type':'string','format':'date-time'},
                'note':{'type':'string','nullable':true},
                'free':{'type':'object','x-kubernetes-preserve-unknown-fields':true},
                'choice':{'type':'string','anyOf':[{'enum':['a']},{'pattern':'^b'}]}
              }}}}"""));

    private static Arguments spec(String name, String spec, List<String> expected) {
        return Arguments.of(name, "{'spec':" + spec + "}", expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                spec("a valid resource", "{'image':'nginx','replicas':3}", List.of()),
                spec("a wrong type names the type found", "{'image':'i','replicas':'three'}", List.of(
                        "spec.replicas: Invalid value: \"string\": spec.replicas in body must be of type integer: \"string\"")),
                spec("a missing required property", "{}", List.of("spec.image: Required value")),
                spec("a value outside the enum", "{'image':'i','mode':'x'}", List.of(
                        "spec.mode: Unsupported value: \"x\": supported values: \"a\", \"b\"")),
                spec("non-string enum values are listed as JSON", "{'image':'i','level':3}", List.of(
                        "spec.level: Unsupported value: 3: supported values: \"1\", \"2\"")),
                spec("below the minimum", "{'image':'i','replicas':0}", List.of(
                        "spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1")),
                spec("above the maximum", "{'image':'i','replicas':11}", List.of(
                        "spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10")),
                spec("at an exclusive maximum", "{'image':'i','ratio':1.5}", List.of(
                        "spec.ratio: Invalid value: 1.5: spec.ratio in body should be less than 1.5")),
                spec("a float bound prints as Go prints it", "{'image':'i','big':0.5}", List.of(
                        "spec.big: Invalid value: 0.5: spec.big in body should be greater than or equal to 1e+06")),
                spec("not a multiple", "{'image':'i','step':7}", List.of(
                        "spec.step: Invalid value: 7: spec.step in body should be a multiple of 5")),
                spec("a whole float is an integer", "{'image':'i','replicas':2.0}", List.of()),
                spec("a fraction is not an integer", "{'image':'i','replicas':2.5}", List.of(
                        "spec.replicas: Invalid value: \"number\": spec.replicas in body must be of type integer: \"number\"")),
                spec("longer than maxLength", "{'image':'i','name':'abcdef'}", List.of(
                        "spec.name: Too long: may not be more than 5 bytes")),
                spec("shorter than minLength", "{'image':'i','name':'a'}", List.of(
                        "spec.name: Invalid value: \"a\": spec.name in body should be at least 2 chars long")),
                spec("not matching the pattern", "{'image':'i','x':'A1'}", List.of(
                        "spec.x: Invalid value: \"A1\": spec.x in body should match '^[a-z]+$'")),
                spec("more items than maxItems", "{'image':'i','args':['a','b','c']}", List.of(
                        "spec.args: Too many: 3: must have at most 2 items")),
                spec("fewer items than minItems", "{'image':'i','args':[]}", List.of(
                        "spec.args: Invalid value: 0: spec.args in body should have at least 1 items")),
                spec("duplicate items", "{'image':'i','tags':['a','a']}", List.of(
                        "spec.tags: Invalid value: \"\": spec.tags in body shouldn't contain duplicates")),
                spec("item errors carry their index", "{'image':'i','ports':[{'port':80},{'port':'x'},{}]}", List.of(
                        "spec.ports[1].port: Invalid value: \"string\": spec.ports[1].port in body must be of type integer: \"string\"",
                        "spec.ports[2].port: Required value")),
                spec("additional properties are checked by their schema", "{'image':'i','labels':{'a':1}}", List.of(
                        "spec.labels.a: Invalid value: \"integer\": spec.labels.a in body must be of type string: \"integer\"")),
                spec("more properties than maxProperties", "{'image':'i','labels':{'a':'1','b':'2','c':'3'}}", List.of(
                        "spec.labels: Too many: 3: must have at most 2 items")),
                spec("int-or-string takes an integer", "{'image':'i','port':80}", List.of()),
                spec("int-or-string takes a string", "{'image':'i','port':'http'}", List.of()),
                spec("int-or-string refuses a boolean", "{'image':'i','port':true}", List.of(
                        "spec.port: Invalid value: \"boolean\": spec.port in body must be of type integer,string: \"boolean\"")),
                spec("a date-time", "{'image':'i','at':'2024-01-02T03:04:05Z'}", List.of()),
                spec("not a date-time", "{'image':'i','at':'yesterday'}", List.of(
                        "spec.at: Invalid value: \"yesterday\": spec.at in body must be of type date-time: \"yesterday\"")),
                spec("null where not nullable", "{'image':'i','replicas':null}", List.of(
                        "spec.replicas: Invalid value: \"null\": spec.replicas in body must be of type integer: \"null\"")),
                spec("null where nullable", "{'image':'i','note':null}", List.of()),
                spec("anything below preserve-unknown-fields", "{'image':'i','free':{'any':{'deep':[1]}}}", List.of()),
                spec("spec of the wrong type", "'x'", List.of(
                        "spec: Invalid value: \"string\": spec in body must be of type object: \"string\"")),
                spec("anyOf reports the failure and the closest alternative", "{'image':'i','choice':'c'}", List.of(
                        "<nil>: Invalid value: \"\": \"spec.choice\" must validate at least one schema (anyOf)",
                        "spec.choice: Unsupported value: \"c\": supported values: \"a\"")),
                spec("anyOf satisfied by one alternative", "{'image':'i','choice':'bee'}", List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesCustomResources(String name, String resource, List<String> expected) {
        assertThat(messages(SCHEMA.validate(json(resource)))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void leavesApiVersionKindAndMetadataOfTheRootToObjectMetaRules() {
        assertThat(SCHEMA.validate(json("{'apiVersion':1,'kind':true,'metadata':'x','spec':{'image':'i'}}"))).isEmpty();
    }

    @Test
    void reportsTypeErrorsAsInvalidValuesWithTheTypeFound() {
        FieldError error = SCHEMA.validate(json("{'spec':{'image':'i','replicas':'three'}}")).get(0);
        assertThat(error.field()).isEqualTo("spec.replicas");
        assertThat(error.type()).isEqualTo(FieldError.Type.INVALID);
        assertThat(error.value()).isEqualTo("string");
        assertThat(error.detail()).isEqualTo("spec.replicas in body must be of type integer: \"string\"");
    }

    @Test
    void namesRequiredPropertiesOfTheRootWithoutALeadingDot() {
        StructuralSchema schema = StructuralSchema.of(json("{'type':'object','required':['spec'],'properties':{'spec':{'type':'object'}}}"));
        assertThat(messages(schema.validate(json("{'kind':'X'}")))).containsExactly("spec: Required value");
    }

    @Test
    void checksAnEmbeddedResourceLikeAnyOtherObject() {
        StructuralSchema schema = StructuralSchema.of(json("""
                {'type':'object','properties':{'spec':{'type':'object','properties':{'template':{'type':'object',
                  'x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true,
                  'properties':{'kind':{'type':'string'}}}}}}}"""));
        assertThat(messages(schema.validate(json("{'spec':{'template':{'kind':1,'spec':{}}}}")))).containsExactly(
                "spec.template.kind: Invalid value: \"integer\": spec.template.kind in body must be of type string: \"integer\"");
    }
}
