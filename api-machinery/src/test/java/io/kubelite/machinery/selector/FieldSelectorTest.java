package io.kubelite.machinery.selector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelite.machinery.selector.FieldSelector.Operator;
import io.kubelite.machinery.selector.FieldSelector.Requirement;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class FieldSelectorTest {

    static Stream<Arguments> parsing() {
        return Stream.of(
                Arguments.of("emptyIsEverything", "", List.of()),
                Arguments.of("equality", "metadata.name=web",
                        List.of(new Requirement("metadata.name", Operator.EQUALS, "web"))),
                Arguments.of("doubleEqualsIsEquality", "metadata.name==web",
                        List.of(new Requirement("metadata.name", Operator.EQUALS, "web"))),
                Arguments.of("emptyValueSelectsMissingField", "spec.nodeName=",
                        List.of(new Requirement("spec.nodeName", Operator.EQUALS, ""))),
                Arguments.of("kubectlDescribeNodeTermsAreSorted",
                        "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed",
                        List.of(new Requirement("spec.nodeName", Operator.EQUALS, "node-1"),
                                new Requirement("status.phase", Operator.NOT_EQUALS, "Failed"),
                                new Requirement("status.phase", Operator.NOT_EQUALS, "Succeeded"))),
                Arguments.of("emptyTermsAreSkipped", ",metadata.name=a,,",
                        List.of(new Requirement("metadata.name", Operator.EQUALS, "a"))),
                Arguments.of("escapedCommaStaysInTheValue", "metadata.name=a\\,b",
                        List.of(new Requirement("metadata.name", Operator.EQUALS, "a,b"))),
                Arguments.of("escapedEqualsAndBackslash", "metadata.name=a\\=b\\\\c",
                        List.of(new Requirement("metadata.name", Operator.EQUALS, "a=b\\c"))),
                Arguments.of("kubectlDescribePodEventQuery",
                        "involvedObject.name=x,involvedObject.namespace=default,involvedObject.uid=1234",
                        List.of(new Requirement("involvedObject.name", Operator.EQUALS, "x"),
                                new Requirement("involvedObject.namespace", Operator.EQUALS, "default"),
                                new Requirement("involvedObject.uid", Operator.EQUALS, "1234"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("parsing")
    void parsesLikeKubernetes(String name, String input, List<Requirement> expected) {
        assertThat(FieldSelector.parse(input).requirements()).isEqualTo(expected);
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                Arguments.of("noOperator", "metadata.name", "invalid selector: 'metadata.name'; can't understand 'metadata.name'"),
                Arguments.of("secondTermWithoutOperator", "a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
                Arguments.of("unescapedEqualsInValue", "a=b=c", "invalid field selector: unescaped character in value: 61"),
                Arguments.of("unknownEscape", "a=b\\n", "invalid field selector: invalid escape sequence: \\n"),
                Arguments.of("trailingBackslash", "a=b\\", "invalid field selector: invalid escape sequence: \\"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void rejectsMalformedSelectors(String name, String input, String message) {
        assertThatThrownBy(() -> FieldSelector.parse(input)).isInstanceOf(SelectorException.class).hasMessage(message);
    }

    static Stream<Arguments> matching() {
        Map<String, String> runningPod = Map.of("metadata.name", "web-1", "spec.nodeName", "node-1", "status.phase", "Running");
        Map<String, String> pendingPod = Map.of("metadata.name", "web-2", "status.phase", "Pending");
        String describeNode = "spec.nodeName=node-1,status.phase!=Succeeded,status.phase!=Failed";
        return Stream.of(
                Arguments.of("everythingMatches", "", runningPod, true),
                Arguments.of("podOnTheNode", describeNode, runningPod, true),
                Arguments.of("podElsewhere", describeNode, Map.of("spec.nodeName", "node-2", "status.phase", "Running"), false),
                Arguments.of("finishedPodOnTheNode", describeNode, Map.of("spec.nodeName", "node-1", "status.phase", "Failed"), false),
                Arguments.of("absentFieldEqualsEmpty", "spec.nodeName=", pendingPod, true),
                Arguments.of("absentFieldDiffersFromValue", "spec.nodeName!=node-1", pendingPod, true),
                Arguments.of("unscheduledExcluded", "spec.nodeName!=", pendingPod, false));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("matching")
    void matchesFieldValues(String name, String selector, Map<String, String> fields, boolean expected) {
        assertThat(FieldSelector.parse(selector).matches(fields::get)).isEqualTo(expected);
    }

    @Test
    void exactValueIsOfferedForPushDown() {
        FieldSelector selector = FieldSelector.parse("metadata.name=web,status.phase!=Failed");
        assertThat(selector.exactValue("metadata.name")).contains("web");
        assertThat(selector.exactValue("status.phase")).isEmpty();
        assertThat(selector.exactValue("spec.nodeName")).isEmpty();
    }

    @Test
    void printsTheCanonicalEscapedForm() {
        assertThat(FieldSelector.parse("b==x\\,y,a!=1").toString()).isEqualTo("a!=1,b=x\\,y");
        assertThat(FieldSelector.parse("").toString()).isEmpty();
        assertThat(FieldSelector.parse(null).isEmpty()).isTrue();
    }
}
