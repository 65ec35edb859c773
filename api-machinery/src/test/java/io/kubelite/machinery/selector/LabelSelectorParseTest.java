package io.kubelite.machinery.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class LabelSelectorParseTest {

    static Stream<Arguments> canonicalForms() {
        return Stream.of(
                Arguments.of("emptyStringSelectsEverything", "", ""),
                Arguments.of("blankStringSelectsEverything", "  \t ", ""),
                Arguments.of("equalityKeepsItsSpelling", "app=web", "app=web"),
                Arguments.of("doubleEqualsKeepsItsSpelling", "app==web", "app==web"),
                Arguments.of("inequality", "tier!=db", "tier!=db"),
                Arguments.of("requirementsAreSortedByKey", "tier=web,app=x", "app=x,tier=web"),
                Arguments.of("setValuesAreSortedAndDeduplicated", "env in (prod, dev,prod)", "env in (dev,prod)"),
                Arguments.of("notin", "env notin (qa)", "env notin (qa)"),
                Arguments.of("bareKeyMeansExists", "canary", "canary"),
                Arguments.of("bangMeansDoesNotExist", "!canary", "!canary"),
                Arguments.of("whitespaceIsTolerated", "  app = web ,  ! canary  ", "app=web,!canary"),
                Arguments.of("emptyValueAfterEquals", "app=", "app="),
                Arguments.of("emptySetIsTheEmptyValue", "app in ()", "app in ()"),
                Arguments.of("emptyValuesBetweenCommas", "x in (foo,,baz),y,z notin ()", "x in (,baz,foo),y,z notin ()"),
                Arguments.of("keywordsAreValidKeysAndValues", "in in (in,notin)", "in in (in,notin)"),
                Arguments.of("prefixedKey", "app.kubernetes.io/name=web", "app.kubernetes.io/name=web"),
                Arguments.of("greaterThan", "replicas>2", "replicas>2"),
                Arguments.of("lessThan", "replicas < 10", "replicas<10"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("canonicalForms")
    void parsesToTheCanonicalKubernetesForm(String name, String input, String canonical) {
        assertThat(LabelSelector.parse(input).toString()).isEqualTo(canonical);
    }

    static Stream<Arguments> malformedSelectors() {
        return Stream.of(
                Arguments.of("openParenWhereKeyExpected", "(",
                        "found '(', expected: !, identifier, or 'end of string'"),
                Arguments.of("parenAfterBang", "!(",
                        "unable to parse requirement: found '(', expected: identifier"),
                Arguments.of("missingOperator", "a b",
                        "unable to parse requirement: found 'b', expected: in, notin, =, ==, !=, gt, lt"),
                Arguments.of("inWithoutParenthesis", "a in b",
                        "unable to parse requirement: found 'b' expected: '('"),
                Arguments.of("unclosedSet", "a in (b",
                        "unable to parse requirement: found '', expected: ',' or ')'"),
                Arguments.of("operatorAsValue", "a=(",
                        "unable to parse requirement: found '(', expected: identifier"),
                Arguments.of("trailingComma", "a=b,",
                        "found '', expected: identifier after ','"),
                Arguments.of("twoRequirementsWithoutComma", "!a=b",
                        "found '=', expected: ',' or 'end of string'"),
                Arguments.of("valueWithSlash", "app=a/b",
                        "unable to parse requirement: values[0][app]: Invalid value: \"a/b\": a valid label must be an empty "
                                + "string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an "
                                + "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation "
                                + "is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
                Arguments.of("keyWithTwoSlashes", "a/b/c",
                        "unable to parse requirement: <nil>: Invalid value: \"a/b/c\": a valid label key must consist of "
                                + "alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric "
                                + "character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is "
                                + "'([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' "
                                + "(e.g. 'example.com/MyName')"),
                Arguments.of("uppercasePrefix", "Example.com/app",
                        "unable to parse requirement: <nil>: Invalid value: \"Example.com/app\": prefix part a lowercase RFC "
                                + "1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start "
                                + "and end with an alphanumeric character (e.g. 'example.com', regex used for validation is "
                                + "'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
                Arguments.of("nonIntegerBound", "replicas>two",
                        "unable to parse requirement: values[0]: Invalid value: \"two\": "
                                + "for 'Gt', 'Lt' operators, the value must be an integer"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedSelectors")
    void rejectsMalformedSelectorsWithKubernetesMessages(String name, String input, String message) {
        assertThatThrownBy(() -> LabelSelector.parse(input))
                .isInstanceOf(SelectorException.class)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void rejectsValuesLongerThanSixtyThreeCharacters() {
        String value = "a".repeat(64);
        assertThatThrownBy(() -> LabelSelector.parse("app=" + value))
                .hasMessage("unable to parse requirement: values[0][app]: Invalid value: \"" + value
                        + "\": must be no more than 63 bytes");
    }

    @Test
    void acceptsValuesOfExactlySixtyThreeCharacters() {
        assertThat(LabelSelector.parse("app=" + "a".repeat(63)).matches(Map.of("app", "a".repeat(63)))).isTrue();
    }

    @Test
    void nullStringSelectsEverything() {
        assertThat(LabelSelector.parse(null).isEmpty()).isTrue();
    }
}
