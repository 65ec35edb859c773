package io.kubelite.objectstore.crd;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

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
                .satisfies(e -> assertThat(e.toString()).startsWith("spec: Invalid value: \"object\": compilation failed: "));
        assertThat(rules.validate(JSON.readTree("{}"))).as("no spec, nothing to check").isEmpty();
    }

    @Test
    void aDefinitionWhoseRuleDoesNotCompileIsRefusedWhereTheRuleSits() {
        var errors = ValidationRules.compileErrors(JSON.readTree("""
                {"spec":{"versions":[{"name":"v1","schema":{"openAPIV3Schema":{"type":"object","properties":{
                  "spec":{"type":"object","x-kubernetes-validations":[{"rule":"self.replicas > 0"},{"rule":"self.a +"}]}}}}}]}}"""));

        assertThat(errors).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[1].rule");
            assertThat(e.toString()).contains("Invalid value: apiextensions.ValidationRule{Rule:\"self.a +\", Message:\"\",")
                    .contains(": compilation failed: ERROR: <input>:1:");
        });
    }
}
