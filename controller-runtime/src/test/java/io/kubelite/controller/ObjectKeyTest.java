package io.kubelite.controller;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ObjectKeyTest {

    static Stream<Arguments> keys() {
        return Stream.of(
                Arguments.of("namespaced object prints namespace/name", ObjectKey.of("default", "web"), "default/web"),
                Arguments.of("cluster-scoped object prints only its name", ObjectKey.clusterScoped("node-1"), "node-1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("keys")
    void printsAndParsesTheKubernetesKeyForm(String spec, ObjectKey key, String text) {
        assertThat(key).hasToString(text);
        assertThat(ObjectKey.parse(text)).isEqualTo(key);
    }

    @Test
    void rejectsAnEmptyName() {
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKey.of("default", ""))
                .withMessageContaining("name");
    }

    @Test
    void rejectsAKeyWithTwoSlashes() {
        assertThatIllegalArgumentException().isThrownBy(() -> ObjectKey.parse("a/b/c"))
                .withMessageContaining("a/b/c");
    }
}
