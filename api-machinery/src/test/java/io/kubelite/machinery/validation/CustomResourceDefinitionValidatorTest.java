package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersionBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourcesBuilder;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceValidation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.JSONSchemaProps;
import io.kubelite.machinery.defaulting.Defaults;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class CustomResourceDefinitionValidatorTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String STRUCTURAL = """
            {'type':'object','properties':{'spec':{'type':'object','properties':{'replicas':{'type':'integer','default':1}}},
             'status':{'type':'object','properties':{'replicas':{'type':'integer'}}}}}""";
    private static final String NOT_STRUCTURAL = "{'type':'object','properties':{'spec':{'properties':{}}}}";
    private static final String DNS1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an "
            + "alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', "
            + "regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

    private final ObjectValidator validator = new ObjectValidator();

    static JSONSchemaProps schema(String singleQuoted) {
        return JSON.readValue(singleQuoted.replace('\'', '"'), JSONSchemaProps.class);
    }

    static CustomResourceDefinitionVersion version(String name, boolean storage, String schema) {
        return new CustomResourceDefinitionVersionBuilder().withName(name).withServed(true).withStorage(storage)
                .withNewSchema().withOpenAPIV3Schema(schema(schema)).endSchema().build();
    }

    /** A valid CRD, as a client sends it before defaulting, with every optional name filled in. */
    static CustomResourceDefinition widgets() {
        return new CustomResourceDefinitionBuilder()
                .withNewMetadata().withName("widgets.example.com").endMetadata()
                .withNewSpec().withGroup("example.com").withScope("Namespaced")
                .withNewNames().withPlural("widgets").withSingular("widget").withKind("Widget").withListKind("WidgetList").endNames()
                .withVersions(version("v1", true, STRUCTURAL))
                .withConversion(new CustomResourceConversionBuilder().withStrategy("None").build())
                .endSpec().build();
    }

    private static Arguments named(String name, Consumer<CustomResourceDefinition> change, List<String> expected) {
        return Arguments.of(name, change, expected);
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                named("a valid CRD", crd -> { }, List.of()),
                named("Kubernetes extensions survive the model", crd -> crd.getSpec().getVersions().get(0).setSchema(new CustomResourceValidation(schema("""
                        {'type':'object','properties':{'spec':{'type':'object','properties':{
                          'port':{'x-kubernetes-int-or-string':true},
                          'config':{'type':'object','x-kubernetes-preserve-unknown-fields':true},
                          'labels':{'type':'object','additionalProperties':{'type':'string'}},
                          'empty':{'type':'object','additionalProperties':false},
                          'template':{'type':'object','x-kubernetes-embedded-resource':true,'x-kubernetes-preserve-unknown-fields':true},
                          'ports':{'type':'array','x-kubernetes-list-type':'map','x-kubernetes-list-map-keys':['name'],
                            'items':{'type':'object','required':['name'],'properties':{'name':{'type':'string'}}}}}}}}"""))), List.of()),
                named("the name is <plural>.<group>", crd -> crd.getMetadata().setName("widgets.example"), List.of(
                        "metadata.name: Invalid value: \"widgets.example\": must be spec.names.plural+\".\"+spec.group")),
                named("the group is required", crd -> {
                    crd.getSpec().setGroup("");
                    crd.getMetadata().setName("widgets.");
                }, List.of(
                        "metadata.name: Invalid value: \"widgets.\": " + NameRules.isDns1123Subdomain("widgets.").get(0),
                        "spec.group: Required value")),
                named("the group has a dot", crd -> {
                    crd.getSpec().setGroup("example");
                    crd.getMetadata().setName("widgets.example");
                }, List.of("spec.group: Invalid value: \"example\": should be a domain with at least one dot")),
                named("the group is a subdomain", crd -> {
                    crd.getSpec().setGroup("Example.com");
                    crd.getMetadata().setName("widgets.Example.com");
                }, List.of(
                        "metadata.name: Invalid value: \"widgets.Example.com\": " + NameRules.isDns1123Subdomain("widgets.Example.com").get(0),
                        "spec.group: Invalid value: \"Example.com\": " + NameRules.isDns1123Subdomain("Example.com").get(0))),
                named("the scope is Namespaced or Cluster", crd -> crd.getSpec().setScope("Global"), List.of(
                        "spec.scope: Unsupported value: \"Global\": supported values: \"Cluster\", \"Namespaced\"")),
                named("the scope is required", crd -> crd.getSpec().setScope(null), List.of("spec.scope: Required value")),
                named("there is a version", crd -> crd.getSpec().setVersions(List.of()), List.of(
                        "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion(nil): "
                                + "must have exactly one version marked as storage version")),
                named("exactly one version is stored", crd -> crd.getSpec().setVersions(List.of(
                        version("v1", true, STRUCTURAL), version("v2", true, STRUCTURAL))), List.of(
                        "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{"
                                + "apiextensions.CustomResourceDefinitionVersion{Name:\"v1\", Served:true, Storage:true, ...}, "
                                + "apiextensions.CustomResourceDefinitionVersion{Name:\"v2\", Served:true, Storage:true, ...}}: "
                                + "must have exactly one version marked as storage version")),
                named("version names are unique", crd -> crd.getSpec().setVersions(List.of(
                        version("v1", true, STRUCTURAL), version("v1", false, STRUCTURAL))), List.of(
                        "spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{"
                                + "apiextensions.CustomResourceDefinitionVersion{Name:\"v1\", Served:true, Storage:true, ...}, "
                                + "apiextensions.CustomResourceDefinitionVersion{Name:\"v1\", Served:true, Storage:false, ...}}: "
                                + "must contain unique version names")),
                named("version names are DNS-1035 labels, the first one checked twice as kube does",
                        crd -> crd.getSpec().getVersions().get(0).setName("V1"), List.of(
                        "spec.versions[0].name: Invalid value: \"V1\": " + DNS1035,
                        "spec.version: Invalid value: \"V1\": " + DNS1035)),
                named("every version has a schema", crd -> crd.getSpec().getVersions().get(0).setSchema(null), List.of(
                        "spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required")),
                named("a schema shared by every version is judged at spec.validation",
                        crd -> crd.getSpec().getVersions().get(0).setSchema(new CustomResourceValidation(schema(NOT_STRUCTURAL))), List.of(
                        "spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields")),
                named("a schema of one version is judged in that version", crd -> crd.getSpec().setVersions(List.of(
                        version("v1", true, STRUCTURAL), version("v2", false, NOT_STRUCTURAL))), List.of(
                        "spec.versions[1].schema.openAPIV3Schema.properties[spec].type: Required value: must not be empty for specified object fields")),
                named("the plural is a lowercase label", crd -> {
                    crd.getSpec().getNames().setPlural("Widgets");
                    crd.getMetadata().setName("Widgets.example.com");
                }, List.of(
                        "metadata.name: Invalid value: \"Widgets.example.com\": " + NameRules.isDns1123Subdomain("Widgets.example.com").get(0),
                        "spec.names.plural: Invalid value: \"Widgets\": " + DNS1035)),
                named("the kind may have upper case but is otherwise a label", crd -> crd.getSpec().getNames().setKind("Big_Widget"), List.of(
                        "spec.names.kind: Invalid value: \"Big_Widget\": may have mixed case, but should otherwise match: " + DNS1035)),
                named("the list kind differs from the kind", crd -> crd.getSpec().getNames().setListKind("Widget"), List.of(
                        "spec.names.listKind: Invalid value: \"Widget\": kind and listKind may not be the same")),
                named("singular and list kind are required once defaulted", crd -> {
                    crd.getSpec().getNames().setSingular(null);
                    crd.getSpec().getNames().setListKind(null);
                }, List.of("spec.names.singular: Required value", "spec.names.listKind: Required value")),
                named("scale paths are json paths below spec and status", crd -> crd.getSpec().getVersions().get(0).setSubresources(
                        new CustomResourceSubresourcesBuilder().withNewStatus().endStatus().withNewScale().withSpecReplicasPath("spec.replicas")
                                .withStatusReplicasPath(".spec.replicas").withLabelSelectorPath(".selector").endScale().build()), List.of(
                        "spec.subresources.scale.specReplicasPath: Invalid value: \"spec.replicas\": must be a simple json path starting with .",
                        "spec.subresources.scale.statusReplicasPath: Invalid value: \".spec.replicas\": should be a json path under .status",
                        "spec.subresources.scale.labelSelectorPath: Invalid value: \".selector\": should be a json path under either .spec or .status")),
                named("printer columns have a name, a known type and a json path", crd -> crd.getSpec().getVersions().get(0)
                        .setAdditionalPrinterColumns(List.of(new CustomResourceColumnDefinitionBuilder().withType("int").withFormat("hex").build())), List.of(
                        "spec.additionalPrinterColumns[0].name: Required value",
                        "spec.additionalPrinterColumns[0].type: Invalid value: \"int\": must be one of boolean,date,integer,number,string",
                        "spec.additionalPrinterColumns[0].format: Invalid value: \"hex\": must be one of byte,date,date-time,double,float,int32,int64,password",
                        "spec.additionalPrinterColumns[0].JSONPath: Required value")),
                named("a printer column path starts with a dot", crd -> crd.getSpec().getVersions().get(0).setAdditionalPrinterColumns(List.of(
                        new CustomResourceColumnDefinitionBuilder().withName("Replicas").withType("integer").withJsonPath("spec.replicas").build())), List.of(
                        "spec.additionalPrinterColumns[0].JSONPath: Invalid value: \"spec.replicas\": must be a simple json path starting with .")),
                named("a deprecation warning needs a deprecated version", crd -> crd.getSpec().getVersions().get(0).setDeprecationWarning("old"), List.of(
                        "spec.versions[0].deprecationWarning: Invalid value: \"old\": can only be set for deprecated versions")),
                named("the conversion strategy is None or Webhook", crd -> crd.getSpec().getConversion().setStrategy("Magic"), List.of(
                        "spec.conversion.strategy: Unsupported value: \"Magic\": supported values: \"None\", \"Webhook\"")),
                named("a webhook conversion names its webhook and review versions",
                        crd -> crd.getSpec().getConversion().setStrategy("Webhook"), List.of(
                        "spec.conversion.webhookClientConfig: Required value: required when strategy is set to Webhook",
                        "spec.conversion.conversionReviewVersions: Required value")),
                named("a webhook conversion understands v1 or v1beta1", crd -> crd.getSpec().setConversion(new CustomResourceConversionBuilder()
                        .withStrategy("Webhook").withNewWebhook().withNewClientConfig().withUrl("https://conv.example.com").endClientConfig()
                        .withConversionReviewVersions("v2").endWebhook().build()), List.of(
                        "spec.conversion.conversionReviewVersions: Invalid value: []string{\"v2\"}: must include at least one of v1, v1beta1")),
                named("protected groups carry the approval annotation", crd -> {
                    crd.getSpec().setGroup("widgets.k8s.io");
                    crd.getMetadata().setName("widgets.widgets.k8s.io");
                }, List.of("metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "
                        + "\"api-approved.kubernetes.io\", see https://github.com/kubernetes/enhancements/pull/1111")),
                named("a protected group's approval is a URL or unapproved", crd -> {
                    crd.getSpec().setGroup("widgets.k8s.io");
                    crd.getMetadata().setName("widgets.widgets.k8s.io");
                    crd.getMetadata().setAnnotations(Map.of("api-approved.kubernetes.io", "yes"));
                }, List.of("metadata.annotations[api-approved.kubernetes.io]: Invalid value: \"yes\": protected groups must have approval annotation "
                        + "\"api-approved.kubernetes.io\" with either a URL or a reason starting with \"unapproved\", see "
                        + "https://github.com/kubernetes/enhancements/pull/1111")),
                named("preserveUnknownFields cannot be set", crd -> crd.getSpec().setPreserveUnknownFields(true), List.of(
                        "spec.preserveUnknownFields: Invalid value: true: must be false in order to use defaults in the schema",
                        "spec.preserveUnknownFields: Invalid value: true: cannot set to true, set x-kubernetes-preserve-unknown-fields "
                                + "to true in spec.versions[*].schema instead")),
                named("a status subresource allows only an object root", crd -> {
                    crd.getSpec().getVersions().get(0).setSubresources(new CustomResourceSubresourcesBuilder().withNewStatus().endStatus().build());
                    crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().setType("array");
                    crd.getSpec().getVersions().get(0).getSchema().getOpenAPIV3Schema().setProperties(Map.of());
                }, List.of(
                        "spec.validation.openAPIV3Schema.type: Invalid value: \"array\": only \"object\" is allowed as the type at the root "
                                + "of the schema if the status subresource is enabled",
                        "spec.validation.openAPIV3Schema.items: Required value: must be specified",
                        "spec.validation.openAPIV3Schema.type: Invalid value: \"array\": must be object at the root")),
                named("validation rules have a rule, one-line messages and a known reason", crd -> crd.getSpec().getVersions().get(0)
                        .setSchema(new CustomResourceValidation(schema("""
                        {'type':'object','properties':{'spec':{'type':'object','x-kubernetes-validations':[
                          {'rule':' '},{'rule':'self.a > 0','message':'  '},{'rule':'self.a > 0','message':'two\\nlines'},
                          {'rule':'self.a >\\n0'},{'rule':'self.a > 0','messageExpression':' '},{'rule':'self.a > 0','reason':'Bad'}],
                          'properties':{'a':{'type':'integer'}}}}}"""))), List.of(
                        "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Required value: rule is not specified",
                        "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].message: Invalid value: \"  \": "
                                + "message must be non-empty if specified",
                        "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[2].message: Invalid value: "
                                + "\"two\\nlines\": message must not contain line breaks",
                        "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[3].message: Required value: "
                                + "message must be specified if rule contains line breaks",
                        "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[4].messageExpression: Required value: "
                                + "messageExpression must be non-empty if specified",
                        "spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[5].reason: Unsupported value: \"Bad\": "
                                + "supported values: \"FieldValueDuplicate\", \"FieldValueForbidden\", \"FieldValueInvalid\", "
                                + "\"FieldValueRequired\"")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesCustomResourceDefinitions(String name, Consumer<CustomResourceDefinition> change, List<String> expected) {
        CustomResourceDefinition crd = widgets();
        change.accept(crd);
        assertThat(Fixtures.messages(validator.validate(crd, false))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void namesACrdByTheSubdomainRule() {
        assertThat(ObjectValidator.nameRule(widgets())).isEqualTo(NameRule.DNS1123_SUBDOMAIN);
    }

    @Test
    void acceptsACrdThatLeftItsOptionalNamesToDefaulting() {
        CustomResourceDefinition crd = widgets();
        crd.getSpec().getNames().setSingular(null);
        crd.getSpec().getNames().setListKind(null);
        crd.getSpec().setConversion(null);

        Defaults.apply(crd);

        assertThat(crd.getSpec().getNames().getSingular()).isEqualTo("widget");
        assertThat(crd.getSpec().getNames().getListKind()).isEqualTo("WidgetList");
        assertThat(crd.getSpec().getConversion().getStrategy()).isEqualTo("None");
        assertThat(validator.validate(crd, false)).isEmpty();
    }

    @Test
    void reportsTheMismatchOfAGenerateNameToo() {
        CustomResourceDefinition crd = widgets();
        crd.getMetadata().setName(null);
        crd.getMetadata().setGenerateName("widgets-");
        assertThat(Fixtures.messages(validator.validate(crd, false))).containsExactly(
                "metadata.generateName: Invalid value: \"widgets-\": must be spec.names.plural+\".\"+spec.group");
    }
}
