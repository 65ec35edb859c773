package io.kubelite.objectstore.rest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NameGeneratorTest {

    private final NameGenerator names = new NameGenerator();

    @Test
    void appendsFiveCharactersOfKubernetesAlphabet() {
        String name = names.generate("frontend-");
        assertThat(name).hasSize(14).startsWith("frontend-");
        assertThat(name.substring(9)).matches("[bcdfghjklmnpqrstvwxz2456789]{5}");
    }

    @Test
    void cutsALongPrefixSoTheNameFitsSixtyThreeCharacters() {
        String prefix = "a".repeat(70);
        String name = names.generate(prefix);
        assertThat(name).hasSize(63).startsWith("a".repeat(58));
        assertThat(name.charAt(58)).isNotEqualTo('a');
    }
}
