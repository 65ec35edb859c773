package io.kubelite.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class OptionsTest {

    private static final Set<String> NAMES = Set.of("data-dir", "port");

    @Test
    void readsAnAbsoluteDataDirAndAPort() {
        Options options = Options.parse(new String[] {"--port", "15432", "--data-dir", "state/../data/pg"}, NAMES);

        assertThat(options.port("port")).isEqualTo(15432);
        assertThat(options.path("data-dir")).isEqualTo(Path.of("data/pg").toAbsolutePath());
    }

    static Stream<Arguments> badCommandLines() {
        return Stream.of(
                Arguments.of("missing option", new String[] {"--data-dir", "d"}, "missing --port"),
                Arguments.of("unknown option", new String[] {"--dir", "d", "--port", "1"}, "unknown option --dir"),
                Arguments.of("positional argument", new String[] {"d"}, "unknown option d"),
                Arguments.of("option without value", new String[] {"--data-dir", "--port", "1"}, "--data-dir needs a value"),
                Arguments.of("trailing option", new String[] {"--data-dir", "d", "--port"}, "--port needs a value"),
                Arguments.of("repeated option", new String[] {"--port", "1", "--port", "2", "--data-dir", "d"}, "--port given twice"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badCommandLines")
    void rejectsBadCommandLinesNamingTheOption(String name, String[] args, String message) {
        assertThatThrownBy(() -> Options.parse(args, NAMES)).hasMessageContaining(message);
    }

    @ParameterizedTest(name = "port \"{0}\"")
    @MethodSource("badPorts")
    void rejectsPortsOutsideTheTcpRange(String port) {
        Options options = Options.parse(new String[] {"--data-dir", "d", "--port", port}, NAMES);

        assertThatThrownBy(() -> options.port("port"))
                .hasMessage("--port must be a TCP port between 1 and 65535, got \"" + port + "\"");
    }

    static Stream<String> badPorts() {
        return Stream.of("0", "65536", "-1", "http", "15432x");
    }
}
