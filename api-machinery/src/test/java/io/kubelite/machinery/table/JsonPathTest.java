package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

class JsonPathTest {

    private static final JsonNode OBJECT = json("""
            {"metadata":{"name":"web","labels":{"app":"nginx"},"annotations":{"example.com/x":"yes"}},
             "spec":{"replicas":3,"weight":2.5,"paused":false,"nothing":null,"tags":["a","b"],
                     "containers":[{"name":"a","image":"nginx:1.25","ports":[{"containerPort":80}]},
                                   {"name":"b","image":"envoy:1.30","ports":[]}],
                     "items":[{"name":"x","n":1},{"name":"y","n":2,"extra":true},{"name":"z","n":3}]},
             "status":{"conditions":[{"type":"Available","status":"True"},{"type":"Ready","status":"False"}]}}
            """);

    static Stream<Arguments> matches() {
        return Stream.of(
                Arguments.of("a field", ".spec.replicas", "[3]"),
                Arguments.of("a label", ".metadata.labels.app", "[\"nginx\"]"),
                Arguments.of("a key with an escaped dot", ".metadata.annotations.example\\.com/x", "[\"yes\"]"),
                Arguments.of("a missing field", ".spec.missing", "[]"),
                Arguments.of("a null field", ".spec.nothing", "[null]"),
                Arguments.of("a field of null", ".spec.nothing.deeper", "[]"),
                Arguments.of("a field of a scalar", ".spec.replicas.deeper", "[]"),
                Arguments.of("bracketed keys", "['spec']['replicas']", "[3]"),
                Arguments.of("the root marker", "$.spec.replicas", "[3]"),
                Arguments.of("an index", ".spec.containers[0].image", "[\"nginx:1.25\"]"),
                Arguments.of("a negative index", ".spec.containers[-1].name", "[\"b\"]"),
                Arguments.of("all elements", ".spec.items[*].name", "[\"x\",\"y\",\"z\"]"),
                Arguments.of("a slice", ".spec.items[0:2].n", "[1,2]"),
                Arguments.of("a slice without end", ".spec.items[1:].n", "[2,3]"),
                Arguments.of("a slice from the end", ".spec.items[-2:].n", "[2,3]"),
                Arguments.of("a slice with a step", ".spec.items[::2].n", "[1,3]"),
                Arguments.of("an empty slice", ".spec.items[1:1]", "[]"),
                Arguments.of("a union", ".spec.items[0,2].name", "[\"x\",\"z\"]"),
                Arguments.of("a wildcard member", ".metadata.labels.*", "[\"nginx\"]"),
                Arguments.of("nested arrays", ".spec.containers[*].ports[*].containerPort", "[80]"),
                Arguments.of("a filter on a string", ".status.conditions[?(@.type==\"Ready\")].status", "[\"False\"]"),
                Arguments.of("a filter with single quotes and !=", ".status.conditions[?(@.type!='Ready')].type",
                        "[\"Available\"]"),
                Arguments.of("a filter on a number", ".spec.items[?(@.n>1)].name", "[\"y\",\"z\"]"),
                Arguments.of("a filter with <=", ".spec.items[?(@.n <= 2)].name", "[\"x\",\"y\"]"),
                Arguments.of("a filter on a boolean", ".spec.items[?(@.extra==true)].name", "[\"y\"]"),
                Arguments.of("an existence filter", ".spec.items[?(@.extra)].name", "[\"y\"]"),
                Arguments.of("a filter on the element itself", ".spec.tags[?(@==\"b\")]", "[\"b\"]"),
                Arguments.of("recursive descent", "..image", "[\"nginx:1.25\",\"envoy:1.30\"]"),
                Arguments.of("recursive descent below a field", ".spec..name", "[\"a\",\"b\",\"x\",\"y\",\"z\"]"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("matches")
    void findsWhatClientGoFinds(String name, String expression, String expected) {
        List<JsonNode> matches = JsonPath.parse(expression).evaluate(OBJECT);

        ArrayNode actual = JsonNodeFactory.instance.arrayNode();
        matches.forEach(actual::add);
        assertThat(actual).isEqualTo(json(expected));
    }

    static Stream<Arguments> evaluationErrors() {
        return Stream.of(
                Arguments.of("an index out of bounds", ".spec.items[5]", "array index out of bounds: index 5, length 3"),
                Arguments.of("an index into a scalar", ".spec.replicas[0]", "number is not an array"),
                Arguments.of("a slice past the end", ".spec.items[0:9]", "array index out of bounds: index 8, length 3"),
                Arguments.of("a filter on an object", ".metadata[?(@.x==\"y\")]", "cannot be filtered"),
                Arguments.of("an integer compared with a string", ".spec.items[?(@.n==\"1\")]",
                        "incompatible types for comparison"),
                Arguments.of("an integer compared with a float", ".spec.items[?(@.n==1.0)]",
                        "incompatible types for comparison"),
                Arguments.of("booleans ordered", ".spec.items[?(@.extra>false)]", "invalid type for comparison"),
                Arguments.of("an unknown operator", ".spec.items[?(@.n=1)]", "unrecognized filter operator ="),
                Arguments.of("several values compared", ".spec.items[?(@.*==1)]", "can only compare one element at a time"),
                Arguments.of("a bare word", ".spec range", "unrecognized identifier range"));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("evaluationErrors")
    void failsToEvaluateWhereClientGoFails(String name, String expression, String message) {
        JsonPath path = JsonPath.parse(expression);

        assertThatThrownBy(() -> path.evaluate(OBJECT))
                .isInstanceOf(JsonPath.EvaluationException.class)
                .hasMessageContaining(message);
    }

    static Stream<Arguments> syntaxErrors() {
        return Stream.of(
                Arguments.of("an unterminated array", ".spec.items[0", "unterminated array"),
                Arguments.of("a word as index", ".spec.items[a]", "invalid array index a"),
                Arguments.of("a sign as index", ".spec.items[-]", "array index - is not a number"),
                Arguments.of("a double-quoted key", ".spec[\"items\"]", "invalid array index \"items\""),
                Arguments.of("an unterminated filter", ".status.conditions[?(@.type==\"Ready\"", "unterminated filter"),
                Arguments.of("a filter without ]", ".status.conditions[?(@.type==\"Ready\")", "expected ] after )"),
                Arguments.of("a repeated recursive descent", ".spec....name", "invalid multiple recursive descent"),
                Arguments.of("an unterminated string", ".spec \"abc", "unterminated quoted string"),
                Arguments.of("an unknown escape", ".spec 'a\\qb'", "invalid escape \\q"),
                Arguments.of("a malformed number", ".spec 1.2.3", "cannot parse number 1.2.3"),
                Arguments.of("a stray character", ".spec.items[0]#", "unrecognized character U+0023 '#' at offset 14"),
                Arguments.of("a brace", ".spec{", "unrecognized character U+007B '{'"),
                Arguments.of("a line break", ".spec\n.items", "line break at offset 5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("syntaxErrors")
    void rejectsWhatClientGoCannotParse(String name, String expression, String message) {
        assertThatThrownBy(() -> JsonPath.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid JSONPath \"" + expression + "\": ")
                .hasMessageContaining(message);
    }

    @Test
    void unquotesGoEscapesInFilterLiterals() {
        JsonNode object = json("{\"items\":[{\"v\":\"it's\\tA\"},{\"v\":\"other\"}]}");

        assertThat(JsonPath.parse(".items[?(@.v=='it\\'s\\t\\x41')].v").evaluate(object))
                .containsExactly(json("\"it's\\tA\""));
    }

    @Test
    void keepsTheExpressionItWasParsedFrom() {
        JsonPath path = JsonPath.parse(".status.phase");

        assertThat(path.expression()).isEqualTo(".status.phase");
        assertThat(path).hasToString(".status.phase");
        assertThatThrownBy(() -> JsonPath.parse(null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void evaluatesTheSameParsedPathAgainstManyObjects() {
        JsonPath replicas = JsonPath.parse(".spec.replicas");

        assertThat(replicas.evaluate(json("{\"spec\":{\"replicas\":1}}"))).containsExactly(json("1"));
        assertThat(replicas.evaluate(json("{\"spec\":{\"replicas\":7}}"))).containsExactly(json("7"));
        assertThat(replicas.evaluate(json("{}"))).isEmpty();
    }
}
