package io.kubelite.machinery.remotecommand;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class StreamProtocolTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static JsonNode status(byte[] frame) {
        assertThat(frame[0]).isEqualTo(StreamProtocol.ERROR);
        return JSON.readTree(new String(frame, 1, frame.length - 1, StandardCharsets.UTF_8));
    }

    @Test
    void aFrameIsTheChannelByteFollowedByThePayload() {
        byte[] frame = StreamProtocol.frame(StreamProtocol.STDERR, "xxhello".getBytes(StandardCharsets.UTF_8), 2, 5);
        assertThat(frame).containsExactly(2, 'h', 'e', 'l', 'l', 'o');
    }

    @Test
    void exitCodeZeroIsSuccess() {
        JsonNode status = status(StreamProtocol.exitStatus(0, List.of("true")));
        assertThat(status.path("status").asString()).isEqualTo("Success");
        assertThat(status.has("reason")).isFalse();
    }

    /** What kubectl turns into "command terminated with exit code 3" and its own exit code 3. */
    @Test
    void aNonZeroExitCodeIsNamedInTheCausesAsKubectlReadsIt() {
        JsonNode status = status(StreamProtocol.exitStatus(3, List.of("sh", "-c", "exit 3")));
        assertThat(status.path("status").asString()).isEqualTo("Failure");
        assertThat(status.path("reason").asString()).isEqualTo("NonZeroExitCode");
        assertThat(status.path("details").path("causes").get(0).path("reason").asString()).isEqualTo("ExitCode");
        assertThat(status.path("details").path("causes").get(0).path("message").asString()).isEqualTo("3");
        assertThat(status.path("message").asString()).contains("[sh, -c, exit 3]").contains("exit code 3");
    }

    @Test
    void aCommandThatCouldNotRunIsAFailureWithItsReasonAndCode() {
        JsonNode status = status(StreamProtocol.failureStatus("container not found (\"web\")", "NotFound", 404));
        assertThat(status.path("kind").asString()).isEqualTo("Status");
        assertThat(status.path("reason").asString()).isEqualTo("NotFound");
        assertThat(status.path("code").asInt()).isEqualTo(404);
        assertThat(status.path("message").asString()).isEqualTo("container not found (\"web\")");
    }

    @ParameterizedTest(name = "{0} → {1}x{2}")
    @CsvSource(delimiter = '|', value = {
            "{\"Width\":80,\"Height\":24}|80|24",
            "{\"Height\":50,\"Width\":200}|200|50",
            "{\"Width\":0,\"Height\":24}|0|0",
            "{\"Width\":80}|0|0",
            "not json|0|0",
            "''|0|0"})
    void resizeMessagesCarryTheTerminalSize(String json, int width, int height) {
        byte[] message = ("\u0004" + json).getBytes(StandardCharsets.UTF_8);
        Optional<StreamProtocol.TerminalSize> size = StreamProtocol.terminalSize(message, 1, message.length - 1);
        if (width == 0) {
            assertThat(size).isEmpty();
        } else {
            assertThat(size).contains(new StreamProtocol.TerminalSize(width, height));
        }
    }
}
