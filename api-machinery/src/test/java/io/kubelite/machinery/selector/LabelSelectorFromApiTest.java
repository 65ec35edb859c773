package io.kubelite.machinery.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorFromApiTest {

    private static LabelSelectorRequirement expression(String key, String operator, String... values) {
        return new LabelSelectorRequirement(key, operator, List.of(values));
    }

    @Test
    void nullSelectorMatchesNothing() {
        LabelSelector selector = LabelSelector.fromApi(null);
        assertThat(selector.matches(Map.of("app", "web"))).isFalse();
        assertThat(selector.matches(Map.of())).isFalse();
        assertThat(selector.isEmpty()).isFalse();
        assertThat(selector.matchesNothing()).isTrue();
        assertThat(selector.toString()).isEmpty();
    }

    @Test
    void emptySelectorMatchesEverything() {
        LabelSelector selector = LabelSelector.fromApi(new LabelSelectorBuilder().build());
        assertThat(selector.isEmpty()).isTrue();
        assertThat(selector.matches(Map.of("app", "web"))).isTrue();
    }

    @Test
    void matchLabelsAndExpressionsAreAConjunction() {
        LabelSelector selector = LabelSelector.fromApi(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("app", "web"))
                .withMatchExpressions(
                        expression("tier", "In", "front", "back"),
                        expression("env", "NotIn", "qa"),
                        expression("track", "Exists"),
                        expression("canary", "DoesNotExist"))
                .build());

        assertThat(selector.toString()).isEqualTo("app=web,!canary,env notin (qa),tier in (back,front),track");
        assertThat(selector.matches(Map.of("app", "web", "tier", "back", "track", "stable"))).isTrue();
        assertThat(selector.matches(Map.of("app", "web", "tier", "back", "track", "stable", "canary", "1"))).isFalse();
        assertThat(selector.matches(Map.of("app", "web", "tier", "back"))).isFalse();
        assertThat(selector.equalities()).isEqualTo(Map.of("app", "web"));
    }

    @Test
    void unknownOperatorIsRejected() {
        assertThatThrownBy(() -> LabelSelector.fromApi(new LabelSelectorBuilder()
                .withMatchExpressions(expression("tier", "Equals", "front")).build()))
                .isInstanceOf(SelectorException.class)
                .hasMessage("\"Equals\" is not a valid label selector operator");
    }

    @Test
    void inWithoutValuesIsRejected() {
        assertThatThrownBy(() -> LabelSelector.fromApi(new LabelSelectorBuilder()
                .withMatchExpressions(expression("tier", "In")).build()))
                .hasMessage("values: Invalid value: null: for 'in', 'notin' operators, values set can't be empty");
    }

    @Test
    void existsWithValuesIsRejected() {
        assertThatThrownBy(() -> LabelSelector.fromApi(new LabelSelectorBuilder()
                .withMatchExpressions(expression("tier", "Exists", "front")).build()))
                .hasMessage("values: Invalid value: [\"front\"]: values set must be empty for exists and does not exist");
    }

    @Test
    void everyProblemOfOneRequirementIsReported() {
        assertThatThrownBy(() -> LabelSelector.fromApi(new LabelSelectorBuilder()
                .withMatchLabels(Map.of("-app", "we b")).build()))
                .hasMessageStartingWith("[key: Invalid value: \"-app\": name part must consist of")
                .hasMessageContaining(", values[0][-app]: Invalid value: \"we b\": a valid label must be");
    }
}
