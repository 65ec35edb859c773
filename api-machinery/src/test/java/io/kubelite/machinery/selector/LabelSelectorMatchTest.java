package io.kubelite.machinery.selector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorMatchTest {

    private static final Map<String, String> WEB_POD = Map.of("app", "web", "tier", "front", "replicas", "3");

    static Stream<Arguments> matching() {
        return Stream.of(
                Arguments.of("everythingMatchesAnyPod", "", WEB_POD, true),
                Arguments.of("everythingMatchesUnlabelledPod", "", Map.of(), true),
                Arguments.of("equalityOnSameValue", "app=web", WEB_POD, true),
                Arguments.of("equalityOnOtherValue", "app=db", WEB_POD, false),
                Arguments.of("equalityNeedsTheKey", "app=web", Map.of(), false),
                Arguments.of("inequalityMatchesMissingKey", "canary!=true", WEB_POD, true),
                Arguments.of("inequalityOnSameValue", "tier!=front", WEB_POD, false),
                Arguments.of("inMatchesOneOfTheValues", "tier in (back,front)", WEB_POD, true),
                Arguments.of("inNeedsTheKey", "env in (prod)", WEB_POD, false),
                Arguments.of("notinMatchesMissingKey", "env notin (prod)", WEB_POD, true),
                Arguments.of("notinExcludesListedValue", "tier notin (front)", WEB_POD, false),
                Arguments.of("emptySetMatchesEmptyValue", "app in ()", Map.of("app", ""), true),
                Arguments.of("existsWithKey", "app", WEB_POD, true),
                Arguments.of("existsWithoutKey", "canary", WEB_POD, false),
                Arguments.of("doesNotExistWithoutKey", "!canary", WEB_POD, true),
                Arguments.of("doesNotExistWithKey", "!app", WEB_POD, false),
                Arguments.of("greaterThanComparesNumbers", "replicas>2", WEB_POD, true),
                Arguments.of("greaterThanIsStrict", "replicas>3", WEB_POD, false),
                Arguments.of("lessThanComparesNumbers", "replicas<10", WEB_POD, true),
                Arguments.of("greaterThanNeverMatchesText", "app>1", WEB_POD, false),
                Arguments.of("allRequirementsMustHold", "app=web,tier=back", WEB_POD, false),
                Arguments.of("conjunctionHolds", "app=web,tier in (front),!canary", WEB_POD, true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void matchesLikeKubernetes(String name, String selector, Map<String, String> labels, boolean expected) {
        assertThat(LabelSelector.parse(selector).matches(labels)).isEqualTo(expected);
    }

    @Test
    void nullLabelsAreNoLabels() {
        assertThat(LabelSelector.parse("!app").matches(null)).isTrue();
        assertThat(LabelSelector.parse("app").matches(null)).isFalse();
    }

    @Test
    void equalitiesArePushedDownAndTheRestIsLeftToMatches() {
        LabelSelector selector = LabelSelector.parse("app=web,tier==front,env!=prod,track in (stable),canary");
        assertThat(selector.equalities()).containsExactlyInAnyOrderEntriesOf(Map.of("app", "web", "tier", "front"));
    }

    @Test
    void equalitiesOfAConflictingSelectorStillNarrowTheSearch() {
        LabelSelector selector = LabelSelector.parse("a=1,a=2");
        assertThat(selector.equalities()).hasSize(1).containsKey("a");
        assertThat(selector.matches(Map.of("a", "1"))).isFalse();
    }

    @Test
    void fromMapIsTheReplicationControllerEqualitySelector() {
        LabelSelector selector = LabelSelector.fromMap(Map.of("tier", "front", "app", "web"));
        assertThat(selector.toString()).isEqualTo("app=web,tier=front");
        assertThat(selector.matches(WEB_POD)).isTrue();
        assertThat(selector.matches(Map.of("app", "web"))).isFalse();
        assertThat(selector.equalities()).isEqualTo(Map.of("app", "web", "tier", "front"));
    }

    @Test
    void fromMapOfNothingSelectsEverything() {
        assertThat(LabelSelector.fromMap(null).isEmpty()).isTrue();
        assertThat(LabelSelector.fromMap(Map.of()).matches(WEB_POD)).isTrue();
    }

    @Test
    void equalSelectorsAreEqualValues() {
        assertThat(LabelSelector.parse("b=2,a=1")).isEqualTo(LabelSelector.parse("a=1, b=2"));
        assertThat(LabelSelector.everything()).isNotEqualTo(LabelSelector.nothing());
    }
}
