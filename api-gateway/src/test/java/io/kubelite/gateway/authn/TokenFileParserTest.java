package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TokenFileParserTest {

    static Stream<Arguments> validFiles() {
        return Stream.of(
                Arguments.of("three columns, no groups", "t1,alice,1000",
                        Map.of("t1", new UserInfo("alice", "1000", List.of()))),
                Arguments.of("quoted groups column", "t1,alice,1000,\"dev,ops\"",
                        Map.of("t1", new UserInfo("alice", "1000", List.of("dev", "ops")))),
                Arguments.of("single unquoted group", "t1,alice,1000,system:masters",
                        Map.of("t1", new UserInfo("alice", "1000", List.of("system:masters")))),
                Arguments.of("leading spaces dropped", "t1, alice, 1000, \"dev, ops\"",
                        Map.of("t1", new UserInfo("alice", "1000", List.of("dev", "ops")))),
                Arguments.of("comments and blank lines skipped", "# admins\n\n  \nt1,alice,1000\n# end\n",
                        Map.of("t1", new UserInfo("alice", "1000", List.of()))),
                Arguments.of("CRLF line ends", "t1,alice,1000\r\nt2,bob,1001\r\n",
                        Map.of("t1", new UserInfo("alice", "1000", List.of()),
                                "t2", new UserInfo("bob", "1001", List.of()))),
                Arguments.of("quoted field with doubled quote", "\"to\"\"ken\",alice,1000",
                        Map.of("to\"ken", new UserInfo("alice", "1000", List.of()))),
                Arguments.of("empty uid allowed", "t1,alice,",
                        Map.of("t1", new UserInfo("alice", "", List.of()))),
                Arguments.of("empty groups dropped", "t1,alice,1000,\"dev,,\"",
                        Map.of("t1", new UserInfo("alice", "1000", List.of("dev")))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validFiles")
    void readsUsersByToken(String name, String content, Map<String, UserInfo> expected) {
        TokenFileParser.Parsed parsed = TokenFileParser.parse(content);

        assertThat(parsed.usersByToken()).isEqualTo(expected);
        assertThat(parsed.problems()).isEmpty();
    }

    static Stream<Arguments> badLines() {
        return Stream.of(
                Arguments.of("two columns", "secret,alice", "line 1: needs at least 3 columns"),
                Arguments.of("empty token", ",alice,1000", "line 1: empty token"),
                Arguments.of("empty user", "secret,,1000", "line 1: empty user name"),
                Arguments.of("open quote", "secret,alice,1000,\"dev,ops", "line 1: unterminated quoted field"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badLines")
    void skipsBadLinesAndNamesTheLineButNotTheToken(String name, String line, String problem) {
        TokenFileParser.Parsed parsed = TokenFileParser.parse("good,bob,1\n" + line);
        TokenFileParser.Parsed alone = TokenFileParser.parse(line);

        assertThat(parsed.usersByToken()).containsOnlyKeys("good");
        assertThat(alone.usersByToken()).isEmpty();
        assertThat(alone.problems()).singleElement().asString().startsWith(problem).doesNotContain("secret");
    }

    @Test
    void laterLineWinsForADuplicateToken() {
        TokenFileParser.Parsed parsed = TokenFileParser.parse("t1,alice,1\nt1,bob,2\n");

        assertThat(parsed.usersByToken()).containsExactly(Map.entry("t1", new UserInfo("bob", "2", List.of())));
        assertThat(parsed.problems()).singleElement().asString().startsWith("line 2: duplicate token");
    }
}
