package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateHashTest {

    static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec().build();
    }

    @ParameterizedTest(name = "SafeEncodeString(\"{0}\") = \"{1}\"")
    @CsvSource({"1234, 5678", "0, 4", "4294967295, 86f8fbc6f9", "09, 4f"})
    void encodesDigitsWithoutVowels(String decimal, String encoded) {
        assertThat(TemplateHash.safeEncode(decimal)).isEqualTo(encoded);
    }

    @ParameterizedTest(name = "fnv32a(\"{0}\") = {1}")
    @CsvSource({"'', 2166136261", "a, 3826002220", "foobar, 3214735720"})
    void isFnv1a32(String input, long expected) {
        assertThat(Integer.toUnsignedLong(TemplateHash.fnv1a(0x811c9dc5, input.getBytes()))).isEqualTo(expected);
    }

    @Test
    void isStableAndChangesWithTheTemplateAndTheCollisionCount() {
        String hash = TemplateHash.of(template("nginx:1"), null);
        assertThat(TemplateHash.of(template("nginx:1"), null)).isEqualTo(hash).matches("[bcdfghjklmnpqrstvwxz2456789]{1,10}");
        assertThat(TemplateHash.of(template("nginx:2"), null)).isNotEqualTo(hash);
        assertThat(TemplateHash.of(template("nginx:1"), 1)).isNotEqualTo(hash);
    }

    @Test
    void templatesThatDifferOnlyByHashLabelNullsAndEmptiesAreEqual() {
        PodTemplateSpec fromRs = new PodTemplateSpecBuilder(template("nginx:1")).editMetadata()
                .addToLabels(Templates.HASH_LABEL, "5678").endMetadata().build();
        PodTemplateSpec fromUndo = new PodTemplateSpecBuilder(template("nginx:1")).editMetadata()
                .withCreationTimestamp(null).endMetadata().editSpec().editFirstContainer().withNewResources().endResources()
                .endContainer().endSpec().build();
        assertThat(Templates.equalIgnoringHash(fromRs, fromUndo)).isTrue();
        assertThat(Templates.equalIgnoringHash(fromRs, template("nginx:2"))).isFalse();
    }
}
