package io.kubelite.objectstore.crd;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** x-kubernetes-validations: CEL rules over self, with kube's messages. */
class ValidationRulesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final JsonNode SCHEMA = JSON.readTree("""
            {"type":"object","properties":{"spec":{"type":"object",
              "x-kubernetes-validations":[
                {"rule":"self.minReplicas <= self.replicas","message":"replicas must not be below minReplicas"},
                {"rule":"!has(self.image) || self.image.startsWith('registry.example.com/')"},
                {"rule":"self.replicas == oldSelf.replicas || true"}],
              "properties":{
                "replicas":{"type":"integer"},"minReplicas":{"type":"integer"},"image":{"type":"string"},
                "name":{"type":"string","x-kubernetes-validations":[
                  {"rule":"size(self) <= 10","message":"too long","reason":"FieldValueForbidden"}]}}}}}""");

    @Test
    void passesAnObjectThatKeepsEveryRule() {
        assertThat(ValidationRules.of(SCHEMA).validate(JSON.readTree("""
                {"spec":{"replicas":3,"minReplicas":1,"image":"registry.example.com/app","name":"short"}}"""))).isEmpty();
    }

    @Test
    void reportsEachBrokenRuleWhereItSitsInKubesWords() {
        var errors = ValidationRules.of(SCHEMA).validate(JSON.readTree("""
                {"spec":{"replicas":1,"minReplicas":3,"image":"docker.io/app","name":"far-too-long-a-name"}}"""));

        assertThat(errors).extracting(Object::toString).containsExactly(
                "spec: Invalid value: \"object\": replicas must not be below minReplicas",
                "spec: Invalid value: \"object\": failed rule: !has(self.image) || self.image.startsWith('registry.example.com/')",
                "spec.name: Forbidden: too long");
    }

    @Test
    void aRuleThatDoesNotCompileFailsTheObjectsItAppliesTo() {
        var rules = ValidationRules.of(JSON.readTree("""
                {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.a +"}]}}}"""));
        assertThat(rules.validate(JSON.readTree("{\"spec\":{}}"))).singleElement()
                .satisfies(e -> assertThat(e.toString()).startsWith("spec: Invalid value: \"object\": rule compile error: "));
        assertThat(rules.validate(JSON.readTree("{}"))).as("no spec, nothing to check").isEmpty();
    }

    @Test
    void aDefinitionWhoseRuleDoesNotCompileIsRefusedWhereTheRuleSits() {
        var errors = ValidationRules.compileErrors(JSON.readTree("""
                {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","properties":{
                  "spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.replicas > 0"},{"rule":"self.a +"}],
                    "properties":{"replicas":{"type":"integer"}}}}}}}]}}"""));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].rule");
            assertThat(e.toString()).contains("Invalid value: apiextensions.ValidationRule{Rule:\"self.a +\", Message:\"\",")
                    .contains(": compilation failed: ERROR: <input>:1:");
        });
    }

    static final JsonNode WORKLOAD = JSON.readTree("""
            {"type":"object","properties":{
              "metadata":{"type":"object"},
              "spec":{"type":"object",
                "x-kubernetes-validations":[
                  {"rule":"self.replicas <= self.max","messageExpression":"'replicas ' + string(self.replicas) + ' is above ' + string(self.max)",
                   "fieldPath":".replicas"},
                  {"rule":"self.replicas >= 0","messageExpression":"string(self.replicas / (self.replicas - self.replicas))",
                   "message":"replicas must not be negative"}],
                "properties":{
                  "replicas":{"type":"integer"},"max":{"type":"integer"},
                  "storage":{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"storage is immutable"}]},
                  "tier":{"type":"string","x-kubernetes-validations":[
                    {"rule":"oldSelf.hasValue() || self != 'gold'","optionalOldSelf":true,"message":"tier gold cannot be chosen at creation"}]},
                  "ports":{"type":"array","x-kubernetes-list-type":"map","x-kubernetes-list-map-keys":["name"],
                    "items":{"type":"object","x-kubernetes-validations":[
                        {"rule":"self.port > 0 && self.port < 65536","message":"port out of range"},
                        {"rule":"self.port >= oldSelf.port","message":"a port may only grow"}],
                      "properties":{"name":{"type":"string"},"port":{"type":"integer"}}}},
                  "labels":{"type":"object","additionalProperties":{"type":"string",
                    "x-kubernetes-validations":[{"rule":"size(self) <= 5","reason":"FieldValueForbidden","message":"too long"}]}},
                  "names":{"type":"array","items":{"type":"string",
                    "x-kubernetes-validations":[{"rule":"self != 'x'","reason":"FieldValueDuplicate"}]}}}}},
              "x-kubernetes-validations":[{"rule":"self.metadata.name.startsWith('db-')","message":"name must start with db-"}]}""");

    static JsonNode object(String spec) {
        return JSON.readTree("{\"apiVersion\":\"x/v1\",\"kind\":\"Db\",\"metadata\":{\"name\":\"db-1\",\"labels\":{\"a\":\"b\"}},\"spec\":" + spec + "}");
    }

    static List<String> errors(ValidationRules.Outcome outcome) {
        return outcome.errors().stream().map(Object::toString).toList();
    }

    @Test
    void rulesOnListItemsAndMapValuesAreCheckedForEachElementWhereItIs() {
        var outcome = ValidationRules.of(WORKLOAD).validate(object("""
                {"replicas":1,"max":2,"ports":[{"name":"a","port":80},{"name":"b","port":70000}],
                 "labels":{"ok":"yes","far":"too long a value"},"names":["a","x"]}"""), null);

        assertThat(errors(outcome)).containsExactly(
                "spec.ports[1]: Invalid value: \"object\": port out of range",
                "spec.labels[far]: Forbidden: too long",
                "spec.names[1]: Duplicate value: \"string\"");
    }

    @Test
    void messageExpressionAndFieldPathShapeTheErrorAndABrokenMessageExpressionFallsBackToTheMessage() {
        var outcome = ValidationRules.of(WORKLOAD).validate(object("{\"replicas\":-3,\"max\":-5}"), null);

        assertThat(errors(outcome)).containsExactly(
                "spec.replicas: Invalid value: \"object\": replicas -3 is above -5",
                "spec: Invalid value: \"object\": replicas must not be negative");
    }

    @Test
    void transitionRulesCompareWithTheOldObjectOnlyOnUpdates() {
        var rules = ValidationRules.of(WORKLOAD);
        JsonNode created = object("{\"replicas\":1,\"max\":2,\"storage\":\"10Gi\",\"ports\":[{\"name\":\"a\",\"port\":80}]}");
        assertThat(errors(rules.validate(created, null))).as("no old object: transition rules skipped").isEmpty();

        JsonNode changed = object("{\"replicas\":1,\"max\":2,\"storage\":\"20Gi\",\"ports\":[{\"name\":\"b\",\"port\":10},{\"name\":\"a\",\"port\":79}]}");
        assertThat(errors(rules.validate(changed, created))).as("port b is new: nothing to compare it with").containsExactly(
                "spec.storage: Invalid value: \"string\": storage is immutable",
                "spec.ports[1]: Invalid value: \"object\": a port may only grow");
        assertThat(errors(rules.validate(created, created))).isEmpty();
    }

    @Test
    void optionalOldSelfRulesRunOnCreatesWithOldSelfEmpty() {
        var rules = ValidationRules.of(WORKLOAD);
        JsonNode gold = object("{\"replicas\":1,\"max\":2,\"tier\":\"gold\"}");

        assertThat(errors(rules.validate(gold, null))).containsExactly(
                "spec.tier: Invalid value: \"string\": tier gold cannot be chosen at creation");
        assertThat(errors(rules.validate(gold, object("{\"replicas\":1,\"max\":2,\"tier\":\"silver\"}")))).isEmpty();
    }

    @Test
    void anUnchangedValueThatBreaksARuleIsRatchetedIntoAWarning() {
        var rules = ValidationRules.of(WORKLOAD);
        JsonNode stored = object("{\"replicas\":1,\"max\":2,\"labels\":{\"far\":\"too long a value\"}}");
        JsonNode update = object("{\"replicas\":2,\"max\":2,\"labels\":{\"far\":\"too long a value\",\"new\":\"also too long\"}}");

        var outcome = rules.validate(update, stored);

        assertThat(errors(outcome)).containsExactly("spec.labels[new]: Forbidden: too long");
        assertThat(outcome.warnings()).containsExactly("spec.labels[far]: Forbidden: too long");
        assertThat(errors(rules.validate(update, null))).as("on a create nothing is ratcheted").hasSize(2);
    }

    @Test
    void rootRulesSeeOnlyNameAndGenerateNameOfTheMetadata() {
        var rules = ValidationRules.of(WORKLOAD);
        assertThat(errors(rules.validate(object("{\"replicas\":1,\"max\":2}"), null))).isEmpty();

        JsonNode other = JSON.readTree("{\"metadata\":{\"name\":\"web\"},\"spec\":{\"replicas\":1,\"max\":2}}");
        assertThat(errors(rules.validate(other, null))).containsExactly("<nil>: Invalid value: \"object\": name must start with db-");
        var labels = ValidationRules.compileErrors(JSON.readTree("""
                {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object",
                  "x-kubernetes-validations":[{"rule":"has(self.metadata.labels)"}]}}}]}}"""));
        assertThat(labels).singleElement().satisfies(e -> assertThat(e.toString()).contains("undefined field 'labels'"));
    }

    @Test
    void anEvaluationErrorIsReportedInCelGosWordsWithTheRule() {
        var rules = ValidationRules.of(JSON.readTree("""
                {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.missing > 0"}],
                  "properties":{"missing":{"type":"integer"}}}}}"""));

        assertThat(errors(rules.validate(JSON.readTree("{\"spec\":{}}"), null))).containsExactly(
                "spec: Invalid value: \"object\": no such key: missing evaluating rule: self.missing > 0");
        assertThat(ValidationRules.compileErrors(JSON.readTree("""
                {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","properties":{
                  "spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.replics > 0"}],
                    "properties":{"replicas":{"type":"integer"}}}}}}}]}}""")))
                .as("a misspelt field refuses the definition, as the schema types self").singleElement()
                .satisfies(e -> assertThat(e.toString()).contains("compilation failed: ERROR: <input>:1:5: undefined field 'replics'"));
    }

    @Test
    void aDefinitionIsRefusedForBadMessageExpressionsFieldPathsAndOldSelfWhereNothingCorrelates() {
        var errors = ValidationRules.compileErrors(JSON.readTree("""
                {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","properties":{
                  "spec":{"type":"object","x-kubernetes-validations":[
                      {"rule":"self.a > 0","messageExpression":"'a' +"},
                      {"rule":"self.a > 0","fieldPath":".b"},
                      {"rule":"self.a > 0","fieldPath":".list[0]"},
                      {"rule":"self.a > 0","fieldPath":".a"}],
                    "properties":{"a":{"type":"integer"},"list":{"type":"array","items":{"type":"string",
                      "x-kubernetes-validations":[{"rule":"self == oldSelf"}]}}}}}}}}]}}"""));

        assertThat(errors).extracting(Object::toString).satisfiesExactly(
                e -> assertThat(e).startsWith("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0]"
                        + ".messageExpression: Invalid value: apiextensions.ValidationRule{Rule:\"self.a > 0\"")
                        .contains("messageExpression compilation failed: ERROR: <input>:1:"),
                e -> assertThat(e).isEqualTo("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[1]"
                        + ".fieldPath: Invalid value: \".b\": fieldPath must be a valid path: does not refer to a valid field"),
                e -> assertThat(e).isEqualTo("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[2]"
                        + ".fieldPath: Invalid value: \".list[0]\": fieldPath must be a valid path: expected single quoted "
                        + "string but got 0"),
                e -> assertThat(e).isEqualTo("spec.validation.openAPIV3Schema.properties[spec].properties[list].items"
                        + ".x-kubernetes-validations[0].rule: Invalid value: \"self == oldSelf\": oldSelf cannot be used on "
                        + "the uncorrelatable portion of the schema within spec.validation.openAPIV3Schema.properties[spec]"
                        + ".properties[list].items"));
    }

    @Test
    void valuesAreTypedByTheSchemaDurationsTimestampsNumbersAndBytes() {
        var rules = ValidationRules.of(JSON.readTree("""
                {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[
                    {"rule":"self.timeout <= duration('1h')","message":"at most an hour"},
                    {"rule":"self.start < timestamp('2030-01-01T00:00:00Z')","message":"starts before 2030"},
                    {"rule":"self.day >= timestamp('2026-01-01T00:00:00Z')","message":"day from 2026"},
                    {"rule":"type(self.ratio) == double","message":"a number is a double"},
                    {"rule":"self.key == b'hello'","message":"key is hello"}],
                  "properties":{"timeout":{"type":"string","format":"duration"},"start":{"type":"string","format":"date-time"},
                    "day":{"type":"string","format":"date"},"ratio":{"type":"number"},"key":{"type":"string","format":"byte"}}}}}"""));

        assertThat(errors(rules.validate(JSON.readTree("""
                {"spec":{"timeout":"59m30.5s","start":"2029-12-31T23:59:59+00:00","day":"2026-11-27","ratio":2,"key":"aGVsbG8="}}"""),
                null))).isEmpty();
        assertThat(errors(rules.validate(JSON.readTree("""
                {"spec":{"timeout":"1h0m1s","start":"2030-01-01T01:00:00+01:00","day":"2025-12-31","ratio":2.5,"key":"aGk="}}"""),
                null))).containsExactly(
                "spec: Invalid value: \"object\": at most an hour",
                "spec: Invalid value: \"object\": starts before 2030",
                "spec: Invalid value: \"object\": day from 2026",
                "spec: Invalid value: \"object\": key is hello");
    }

    @Test
    void rulesCallKubernetesCelLibraries() {
        var rules = ValidationRules.of(JSON.readTree("""
                {"type":"object","properties":{"spec":{"type":"object","x-kubernetes-validations":[
                    {"rule":"quantity(self.memory).isLessThan(quantity('1Gi'))","message":"memory below 1Gi"},
                    {"rule":"isURL(self.endpoint) && url(self.endpoint).getScheme() == 'https'","message":"an https endpoint"},
                    {"rule":"cidr('10.0.0.0/8').containsIP(self.address)","message":"an address in 10.0.0.0/8"},
                    {"rule":"self.ports.isSorted() && self.ports.max() < 1024","message":"sorted privileged ports"},
                    {"rule":"!format.dns1123Label().validate(self.name).hasValue()",
                     "messageExpression":"format.dns1123Label().validate(self.name).value()[0]"}],
                  "properties":{"memory":{"type":"string"},"endpoint":{"type":"string"},"address":{"type":"string"},
                    "ports":{"type":"array","items":{"type":"integer"}},"name":{"type":"string"}}}}}"""));

        assertThat(errors(rules.validate(JSON.readTree("""
                {"spec":{"memory":"512Mi","endpoint":"https://example.com/x","address":"10.1.2.3","ports":[22,80,443],"name":"web"}}"""),
                null))).isEmpty();
        assertThat(errors(rules.validate(JSON.readTree("""
                {"spec":{"memory":"2Gi","endpoint":"http://example.com","address":"192.168.0.1","ports":[443,80],"name":"Web_1"}}"""),
                null))).containsExactly(
                "spec: Invalid value: \"object\": memory below 1Gi",
                "spec: Invalid value: \"object\": an https endpoint",
                "spec: Invalid value: \"object\": an address in 10.0.0.0/8",
                "spec: Invalid value: \"object\": sorted privileged ports",
                "spec: Invalid value: \"object\": a lowercase RFC 1123 label must consist of lower case alphanumeric "
                        + "characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or "
                        + "'123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')");
        assertThat(errors(rules.validate(JSON.readTree("""
                {"spec":{"memory":"lots","endpoint":"https://e.com","address":"10.0.0.1","ports":[1],"name":"a"}}"""), null)))
                .containsExactly("spec: Invalid value: \"object\": quantities must match the regular expression "
                        + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' evaluating rule: memory below 1Gi");
    }
}
