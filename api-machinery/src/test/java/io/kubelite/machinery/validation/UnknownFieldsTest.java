package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class UnknownFieldsTest {

    private final JsonMapper json = JsonMapper.builder().build();

    @Test
    void findsNothingInAWellFormedObject() {
        Pod pod = json.readValue("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"app","image":"nginx","resources":{"limits":{"cpu":"1"}}}]}}""", Pod.class);
        assertThat(UnknownFields.find(pod)).isEmpty();
    }

    @Test
    void takesTheFieldPathsOfManagedFieldsAsTheirContentNotAsFields() {
        Pod pod = json.readValue("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","managedFields":[{"manager":"kubectl",
                 "operation":"Apply","fieldsType":"FieldsV1","fieldsV1":{"f:metadata":{"f:labels":{"f:app":{}}}}}]},
                 "spec":{"containers":[{"name":"app","image":"nginx"}]}}""", Pod.class);
        assertThat(UnknownFields.find(pod)).isEmpty();
    }

    @Test
    void reportsMisspelledFieldsWithTheirPathsAndListIndexes() {
        Deployment d = json.readValue("""
                {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web","metedata":{}},
                 "spec":{"replicas":1,"template":{"metedata":{"labels":{"app":"web"}},
                   "spec":{"containers":[{"name":"a","image":"x"},{"name":"b","image":"y","foo":{"bar":1},"ports":[{"containerPort":80,"zz":1}]}]}}},
                 "extra":true}""", Deployment.class);
        assertThat(UnknownFields.find(d)).containsExactlyInAnyOrder(
                "extra",
                "metadata.metedata",
                "spec.template.metedata",
                "spec.template.spec.containers[1].foo",
                "spec.template.spec.containers[1].ports[0].zz");
    }

    @Test
    void dropsWhatItFindsSoTheObjectEncodesWithoutIt() {
        Pod pod = json.readValue("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"web","nickname":"w"},
                 "spec":{"containers":[{"name":"app","image":"nginx","colour":"blue"}]}}""", Pod.class);
        assertThat(UnknownFields.drop(pod)).containsExactly("metadata.nickname", "spec.containers[0].colour");
        assertThat(UnknownFields.find(pod)).isEmpty();
        assertThat(json.writeValueAsString(pod)).doesNotContain("nickname").doesNotContain("colour").contains("nginx");
    }

    @Test
    void formatsTheStrictDecodingErrorLikeKubernetes() {
        assertThat(UnknownFields.strictDecodingError(List.of("spec.template.metedata", "spec.containers[0].foo")))
                .isEqualTo("strict decoding error: unknown field \"spec.template.metedata\", unknown field \"spec.containers[0].foo\"");
    }
}
