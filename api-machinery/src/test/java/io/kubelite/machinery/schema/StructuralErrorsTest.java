package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Json.json;
import static io.kubelite.machinery.schema.Json.messages;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.machinery.validation.FieldPath;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class StructuralErrorsTest {

    private static final FieldPath PATH = FieldPath.of("spec", "validation", "openAPIV3Schema");
    private static final String P = PATH.text();

    /** A root schema whose spec has the given properties. */
    private static String withSpec(String properties) {
        return "{'type':'object','properties':{'spec':{'type':'object','properties':" + properties + "}}}";
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a structural schema", withSpec("{'replicas':{'type':'integer','minimum':1,'default':1}}"), List.of()),
                Arguments.of("a field without a type", "{'type':'object','properties':{'spec':{'properties':{}}}}", List.of(
                        P + ".properties[spec].type: Required value: must not be empty for specified object fields")),
                Arguments.of("a root without a type", "{'properties':{'spec':{'type':'object'}}}", List.of(
                        P + ".type: Required value: must not be empty at the root")),
                Arguments.of("a root that is not an object", "{'type':'string'}", List.of(
                        P + ".type: Invalid value: \"string\": must be object at the root")),
                Arguments.of("an array without items", withSpec("{'args':{'type':'array'}}"), List.of(
                        P + ".properties[spec].properties[args].items: Required value: must be specified")),
                Arguments.of("items without a type", withSpec("{'args':{'type':'array','items':{}}}"), List.of(
                        P + ".properties[spec].properties[args].items.type: Required value: must not be empty for specified array items")),
                Arguments.of("int-or-string and preserved fields need no type",
                        withSpec("{'port':{'x-kubernetes-int-or-string':true,'anyOf':[{'type':'integer'},{'type':'string'}]},"
                                + "'free':{'x-kubernetes-preserve-unknown-fields':true}}"), List.of()),
                Arguments.of("properties and additionalProperties together", withSpec(
                        "{'labels':{'type':'object','properties':{'a':{'type':'string'}},'additionalProperties':{'type':'string'}}}"), List.of(
                        P + ".properties[spec].properties[labels].additionalProperties: Forbidden: additionalProperties and properties are mutual exclusive")),
                Arguments.of("additionalProperties at the root", "{'type':'object','additionalProperties':{'type':'string'}}", List.of(
                        P + ".additionalProperties: Forbidden: must not be used at the root")),
                Arguments.of("uniqueItems", withSpec("{'tags':{'type':'array','uniqueItems':true,'items':{'type':'string'}}}"), List.of(
                        P + ".properties[spec].properties[tags].uniqueItems: Forbidden: uniqueItems cannot be set to true since the runtime complexity becomes quadratic")),
                Arguments.of("a reference", withSpec("{'a':{'$ref':'#/definitions/b'}}"), List.of(
                        P + ".properties[spec].properties[a].$ref: Forbidden: $ref is not supported")),
                Arguments.of("a type OpenAPI does not know", withSpec("{'a':{'type':'date'}}"), List.of(
                        P + ".properties[spec].properties[a].type: Unsupported value: \"date\": supported values: "
                                + "\"array\", \"boolean\", \"integer\", \"number\", \"object\", \"string\"")),
                Arguments.of("root metadata restricting more than the name",
                        "{'type':'object','properties':{'metadata':{'type':'object','properties':{'labels':{'type':'object'}}}}}", List.of(
                        P + ".properties[metadata]: Forbidden: must not specify anything other than name and generateName, but metadata is implicitly specified")),
                Arguments.of("root metadata restricting the name",
                        "{'type':'object','properties':{'metadata':{'type':'object','properties':{'name':{'type':'string','maxLength':20}}}}}", List.of()),
                Arguments.of("a default in root metadata",
                        "{'type':'object','properties':{'metadata':{'type':'object','default':{}}}}", List.of(
                        P + ".properties[metadata].default: Forbidden: must not be set in top-level metadata")),
                Arguments.of("kind that is not a string", "{'type':'object','properties':{'kind':{'type':'integer'}}}", List.of(
                        P + ".properties[kind].type: Invalid value: \"integer\": must be string")),
                Arguments.of("a type inside anyOf", withSpec("{'a':{'type':'string','anyOf':[{'type':'string'}]}}"), List.of(
                        P + ".properties[spec].properties[a].anyOf[0].type: Forbidden: must be empty to be structural")),
                Arguments.of("metadata inside anyOf", withSpec("{'a':{'type':'object','anyOf':[{'properties':{'metadata':{}}}]}}"), List.of(
                        P + ".properties[spec].properties[a].anyOf[0].properties[metadata]: Forbidden: must not be specified in a nested context")),
                Arguments.of("a default the schema refuses", withSpec("{'replicas':{'type':'integer','minimum':1,'default':0}}"), List.of(
                        P + ".properties[spec].properties[replicas].default: Invalid value: 0:  in body should be greater than or equal to 1")),
                Arguments.of("a default with a field of the wrong type", "{'type':'object','properties':{'spec':{'type':'object','default':{'size':'big'},"
                        + "'properties':{'size':{'type':'integer'}}}}}", List.of(
                        P + ".properties[spec].default.size: Invalid value: \"string\": size in body must be of type integer: \"string\"")),
                Arguments.of("a default with unknown fields", "{'type':'object','properties':{'spec':{'type':'object','default':{'a':1},"
                        + "'properties':{'b':{'type':'integer'}}}}}", List.of(
                        P + ".properties[spec].default: Invalid value: map[string]interface {}{\"a\":1}: must not have unknown fields")),
                Arguments.of("preserve-unknown-fields set to false", withSpec("{'a':{'type':'object','x-kubernetes-preserve-unknown-fields':false}}"), List.of(
                        P + ".properties[spec].properties[a].x-kubernetes-preserve-unknown-fields: Invalid value: false: must be true or undefined")),
                Arguments.of("an embedded resource without properties", withSpec("{'a':{'type':'object','x-kubernetes-embedded-resource':true}}"), List.of(
                        P + ".properties[spec].properties[a].properties: Required value: must not be empty if x-kubernetes-embedded-resource is true "
                                + "without x-kubernetes-preserve-unknown-fields")),
                Arguments.of("a map list without keys", withSpec("{'ports':{'type':'array','x-kubernetes-list-type':'map',"
                        + "'items':{'type':'object','properties':{'name':{'type':'string'}}}}}"), List.of(
                        P + ".properties[spec].properties[ports].x-kubernetes-list-map-keys: Required value: must not be empty if x-kubernetes-list-type is map")),
                Arguments.of("a map list key that is neither required nor defaulted", withSpec("{'ports':{'type':'array','x-kubernetes-list-type':'map',"
                        + "'x-kubernetes-list-map-keys':['name'],'items':{'type':'object','properties':{'name':{'type':'string'}}}}}"), List.of(
                        P + ".properties[spec].properties[ports].items.properties[name].default: Required value: "
                                + "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property")),
                Arguments.of("a map list keyed by a required scalar", withSpec("{'ports':{'type':'array','x-kubernetes-list-type':'map',"
                        + "'x-kubernetes-list-map-keys':['name'],'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'}}}}}"),
                        List.of()),
                Arguments.of("a list type on a non-array", withSpec("{'a':{'type':'string','x-kubernetes-list-type':'set'}}"), List.of(
                        P + ".properties[spec].properties[a].type: Invalid value: \"string\": must be array if x-kubernetes-list-type is specified")),
                Arguments.of("an unknown list type", withSpec("{'a':{'type':'array','items':{'type':'string'},'x-kubernetes-list-type':'bag'}}"), List.of(
                        P + ".properties[spec].properties[a].x-kubernetes-list-type: Unsupported value: \"bag\": supported values: \"atomic\", \"set\", \"map\"")),
                Arguments.of("a nullable root", "{'type':'object','nullable':true}", List.of(
                        P + ".nullable: Forbidden: nullable cannot be true at the root")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void judgesCrdSchemas(String name, String schema, List<String> expected) {
        assertThat(messages(StructuralSchema.structuralErrors(json(schema), PATH))).containsExactlyElementsOf(expected);
    }

    @Test
    void sortsStructuralErrorsByMessageAsKubeDoes() {
        String schema = "{'type':'object','properties':{'b':{},'a':{'type':'array'}}}";
        assertThat(messages(StructuralSchema.structuralErrors(json(schema), PATH))).containsExactly(
                P + ".properties[a].items: Required value: must be specified",
                P + ".properties[b].type: Required value: must not be empty for specified object fields");
    }

    @Test
    void allowsOnlyAnObjectRootWithTheStatusSubresource() {
        assertThat(messages(StructuralSchema.structuralErrors(json("{'type':'object','properties':{'status':{'type':'object'}}}"), PATH, true)))
                .isEmpty();
        String schema = "{'type':'object','maxProperties':3}";
        assertThat(messages(StructuralSchema.structuralErrors(json(schema), PATH, true))).containsExactly(
                P + ": Invalid value: {\"maxProperties\":3,\"type\":\"object\"}: only [Description Type Format Title Maximum "
                        + "ExclusiveMaximum Minimum ExclusiveMinimum MaxLength MinLength Pattern MaxItems MinItems UniqueItems MultipleOf "
                        + "Required Items Properties ExternalDocs Example XPreserveUnknownFields XValidations] fields are allowed at the "
                        + "root of the schema if the status subresource is enabled");
    }
}
