package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MetaValidatorTest {

    private final ObjectValidator validator = new ObjectValidator();

    private static ConfigMap configMap() {
        return new ConfigMapBuilder().withNewMetadata().withName("settings").withNamespace("default").endMetadata().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a name or generateName is required", (Consumer<ObjectMeta>) m -> m.setName(null),
                        List.of("metadata.name: Required value: name or generateName is required")),
                Arguments.of("generateName stands in for the name", (Consumer<ObjectMeta>) m -> {
                    m.setName(null);
                    m.setGenerateName("settings-");
                }, List.of()),
                Arguments.of("generateName is checked as a prefix", (Consumer<ObjectMeta>) m -> m.setGenerateName("Settings-"),
                        List.of("metadata.generateName: Invalid value: \"Settings-\": " + NameRulesTest.SUBDOMAIN_MSG)),
                Arguments.of("most names are DNS-1123 subdomains", (Consumer<ObjectMeta>) m -> m.setName("My_Pod"),
                        List.of("metadata.name: Invalid value: \"My_Pod\": " + NameRulesTest.SUBDOMAIN_MSG)),
                Arguments.of("a namespaced object needs a namespace", (Consumer<ObjectMeta>) m -> m.setNamespace(null),
                        List.of("metadata.namespace: Required value")),
                Arguments.of("the namespace is a DNS-1123 label", (Consumer<ObjectMeta>) m -> m.setNamespace("my.ns"),
                        List.of("metadata.namespace: Invalid value: \"my.ns\": must not contain dots")),
                Arguments.of("label keys are qualified names", (Consumer<ObjectMeta>) m -> m.setLabels(Map.of("bad key", "v")),
                        List.of("metadata.labels: Invalid value: \"bad key\": " + NameRules.isQualifiedName("bad key").get(0))),
                Arguments.of("label values are label values", (Consumer<ObjectMeta>) m -> m.setLabels(Map.of("k", "v!")),
                        List.of("metadata.labels: Invalid value: \"v!\": " + NameRulesTest.LABEL_VALUE_MSG)),
                Arguments.of("annotation keys are qualified names ignoring case", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("Example.COM/Key", "v")),
                        List.of()),
                Arguments.of("annotation keys must still be qualified", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("a/b/c", "v")),
                        List.of("metadata.annotations: Invalid value: \"a/b/c\": " + NameRules.isQualifiedName("a/b/c").get(0))),
                Arguments.of("annotations total at most 256 KiB", (Consumer<ObjectMeta>) m -> m.setAnnotations(Map.of("big", "x".repeat(256 * 1024))),
                        List.of("metadata.annotations: Too long: must have at most 262144 bytes")),
                Arguments.of("generation is not negative", (Consumer<ObjectMeta>) m -> m.setGeneration(-1L),
                        List.of("metadata.generation: Invalid value: -1: must be greater than or equal to 0")),
                Arguments.of("finalizers are qualified names", (Consumer<ObjectMeta>) m -> m.setFinalizers(List.of("a/b/c")),
                        List.of("metadata.finalizers: Invalid value: \"a/b/c\": " + NameRules.isQualifiedName("a/b/c").get(0))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesObjectMeta(String name, Consumer<ObjectMeta> breakIt, List<String> expected) {
        ConfigMap cm = configMap();
        breakIt.accept(cm.getMetadata());
        assertThat(Fixtures.messages(validator.validate(cm, true))).containsExactlyInAnyOrderElementsOf(expected);
    }

    @Test
    void aClusterScopedObjectHasNoNamespace() {
        HasMetadata ns = new NamespaceBuilder().withNewMetadata().withName("team-a").withNamespace("default").endMetadata().build();
        assertThat(Fixtures.messages(validator.validate(ns, false)))
                .containsExactly("metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void aNamespaceNameIsADns1123Label() {
        HasMetadata ns = new NamespaceBuilder().withNewMetadata().withName("team.a").endMetadata().build();
        assertThat(Fixtures.messages(validator.validate(ns, false)))
                .containsExactly("metadata.name: Invalid value: \"team.a\": must not contain dots");
    }
}
